import type { Report } from './model.js';

/** The report of a run over one account, region or unit (`run --scope`): the scope on the report, each test and each source. */
export function withScope(report: Report, scope: string): Report {
  // Named first so that `scope` follows `warn_days` in the JSON, as the schema lists it.
  const { schema, tool, catalog, as_of, as_of_source, warn_days, ...rest } = report;
  return {
    schema,
    tool,
    catalog,
    as_of,
    as_of_source,
    warn_days,
    scope,
    ...rest,
    sources: rest.sources.map((source) => ({ ...source, scope })),
    controls: rest.controls.map((control) => ({ ...control, tests: control.tests.map((test) => ({ ...test, scope })) })),
  };
}
