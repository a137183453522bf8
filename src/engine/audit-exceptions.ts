import { z } from 'zod';
import type { LoadedCatalog } from '../catalog/load-catalog.js';
import { exceptionResults, exceptionTiers } from '../exceptions/exception-report.js';
import { exceptionResultSchema, exceptionTierSchema, warningSchema, type ExceptionResult, type ExceptionTier } from '../report/model.js';
import { runAudit } from './run-audit.js';
import type { ExceptionStatus } from '../core/vocabulary.js';

/** The governance view of a catalog's exceptions (`exceptions --format json`): each status at as-of, and age per risk tier. */
export const exceptionsViewSchema = z.strictObject({
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

export interface ExceptionsOptions {
  asOf: Date;
  warnDays: number;
  /** Run the tests to learn which exceptions matched findings; false reads no source at all. */
  runTests: boolean;
}

/**
 * Every exception's lifecycle status. With `runTests`, runs the audit so that exceptions matching no
 * finding show as `unused`; without, computes date-based statuses from the catalog alone.
 */
export async function auditExceptions(catalog: LoadedCatalog, options: ExceptionsOptions): Promise<ExceptionsView> {
  const warnings = catalog.warnings.map((warning) => ({ message: warning.located, ...(warning.hint ? { hint: warning.hint } : {}) }));
  const base = {
    catalog: { path: catalog.display, name: catalog.document.name, sha256: catalog.sha256 },
    as_of: options.asOf.toISOString(),
    warn_days: options.warnDays,
    ran_tests: options.runTests,
  };
  if (!options.runTests) {
    const exceptions = exceptionResults(catalog.exceptions, options.asOf, options.warnDays, { matched: undefined });
    return { ...base, summary: exceptionSummary(exceptions, exceptionTiers(exceptions)), exceptions, warnings };
  }
  const report = await runAudit(catalog, { asOf: options.asOf, warnDays: options.warnDays });
  const unreadable = report.sources
    .filter((source) => source.status === 'error')
    .map((source) => ({
      message: `Source "${source.name}" could not be read: ${source.error ?? 'unknown error'}`,
      hint: 'Exceptions of the controls that read it match nothing, so they show as unused; fix the source, or use --no-data.',
    }));
  return {
    ...base,
    summary: exceptionSummary(report.exceptions, report.summary.exception_tiers),
    exceptions: report.exceptions,
    warnings: [...warnings, ...unreadable],
  };
}

function exceptionSummary(exceptions: readonly ExceptionResult[], tiers: ExceptionTier[]): ExceptionsView['summary'] {
  const counts: Record<ExceptionStatus, number> = { active: 0, expiring: 0, expired: 0, unused: 0 };
  for (const exception of exceptions) counts[exception.status]++;
  return { exceptions: counts, exception_tiers: tiers };
}
