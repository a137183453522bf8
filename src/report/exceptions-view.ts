import path from 'node:path';
import { z } from 'zod';
import type { LoadedCatalog } from '../catalog/model.js';
import { EXCEPTION_STATUSES } from '../core/vocabulary.js';
import { unreadableSourceWarnings } from './coverage-view.js';
import { exceptionResults, exceptionTiers } from './exception-results.js';
import { countBy } from './summarize.js';
import { exceptionResultSchema, exceptionTierSchema, warningSchema, type Report, type Warning } from './model.js';

/** The schema tag of `exceptions --format json`; it changes when the view's shape does. */
export const EXCEPTIONS_SCHEMA_ID = 'controlproof/exceptions@1';

/** The governance view of a catalog's exceptions (`exceptions --format json`): each status at as-of, and age per risk tier. */
export const exceptionsViewSchema = z.strictObject({
  schema: z.literal(EXCEPTIONS_SCHEMA_ID),
  catalog: z.strictObject({ path: z.string(), name: z.string(), sha256: z.string() }),
  as_of: z.string(),
  warn_days: z.int().nonnegative(),
  /** False with `--no-data`: statuses are by date only, so `unused` is never reported and `matched` is empty. */
  ran_tests: z.boolean(),
  summary: z.strictObject({
    exceptions: z.strictObject({ active: z.int(), expiring: z.int(), expired: z.int(), unused: z.int() }),
    exception_tiers: z.array(exceptionTierSchema),
  }),
  exceptions: z.array(exceptionResultSchema),
  warnings: z.array(warningSchema),
});

export type ExceptionsView = z.infer<typeof exceptionsViewSchema>;

/** The catalog's warnings as a report lists them. */
export function catalogWarnings(catalog: Pick<LoadedCatalog, 'warnings' | 'dir'>): Warning[] {
  return catalog.warnings.map((warning) => ({ message: warning.locatedFrom(catalog.dir), ...(warning.hint ? { hint: warning.hint } : {}) }));
}

/** Statuses by date alone, from the catalog: no source is read, so none can be `unused`. */
export function exceptionsByDate(catalog: LoadedCatalog, asOf: Date, warnDays: number): ExceptionsView {
  const exceptions = exceptionResults(catalog.exceptions, catalog.dir, asOf, warnDays, { matched: undefined });
  return {
    schema: EXCEPTIONS_SCHEMA_ID,
    catalog: { path: path.basename(catalog.file), name: catalog.document.name, sha256: catalog.sha256 },
    as_of: asOf.toISOString(),
    warn_days: warnDays,
    ran_tests: false,
    summary: { exceptions: countBy(EXCEPTION_STATUSES, exceptions.map((exception) => exception.status)), exception_tiers: exceptionTiers(exceptions) },
    exceptions,
    warnings: catalogWarnings(catalog),
  };
}

/** Statuses from a run's findings: exceptions that matched none are `unused`; unreadable sources are warned about. */
export function exceptionsOfRun(report: Report): ExceptionsView {
  const unreadable = unreadableSourceWarnings(report, 'Exceptions of the controls that read it match nothing, so they show as unused; fix the source, or use --no-data.');
  return {
    schema: EXCEPTIONS_SCHEMA_ID,
    catalog: report.catalog,
    as_of: report.as_of,
    warn_days: report.warn_days,
    ran_tests: true,
    summary: { exceptions: countBy(EXCEPTION_STATUSES, report.exceptions.map((exception) => exception.status)), exception_tiers: report.summary.exception_tiers },
    exceptions: report.exceptions,
    warnings: [...report.warnings, ...unreadable],
  };
}
