import { z } from 'zod';
import { frameworkCoverageSchema, reportSchema, warningSchema, type Report, type Warning } from './model.js';

/** The schema tag of `coverage --format json`; it changes when the view's shape does. */
export const COVERAGE_SCHEMA_ID = 'controlproof/coverage@1';

/** The framework coverage matrix (`coverage --format json`): per framework, criteria × mapped controls × both lenses. */
export const coverageViewSchema = z.strictObject({
  schema: z.literal(COVERAGE_SCHEMA_ID),
  catalog: reportSchema.shape.catalog,
  as_of: z.string(),
  as_of_source: reportSchema.shape.as_of_source,
  filters: reportSchema.shape.filters,
  frameworks: z.array(frameworkCoverageSchema),
  warnings: z.array(warningSchema),
});

export type CoverageView = z.infer<typeof coverageViewSchema>;

/** A warning per source the run could not read: its tests are `error`, so no control reading it can be assured. */
export function unreadableSourceWarnings(report: Pick<Report, 'sources'>, hint: string): Warning[] {
  return report.sources
    .filter((source) => source.status === 'error')
    .map((source) => ({ message: `Source "${source.name}" could not be read: ${source.error ?? 'unknown error'}`, hint }));
}

/** The coverage matrix of a run. */
export function coverageOfRun(report: Report): CoverageView {
  return {
    schema: COVERAGE_SCHEMA_ID,
    catalog: report.catalog,
    as_of: report.as_of,
    as_of_source: report.as_of_source,
    filters: report.filters,
    frameworks: report.framework_coverage ?? [],
    warnings: [
      ...report.warnings,
      ...unreadableSourceWarnings(report, 'Controls whose tests read it cannot be assured, so their criteria show as unassured; fix the source and run again.'),
    ],
  };
}
