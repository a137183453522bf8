import type { Report } from '../../src/report/model.js';

/** A report@2 in the shape report@1 had: the one input's one source as `source`, no position, coverage by account and region. */
export function asReportV1(report: Report): unknown {
  const { as_of_source: _source, filters: _filters, ...rest } = report;
  return {
    ...rest,
    schema: 'controlproof/report@1',
    controls: rest.controls.map((control) => ({
      ...control,
      tests: control.tests.map(({ inputs, position: _position, ...test }) => {
        const [sources, ...more] = Object.values(inputs);
        // Report@1 had no check with several inputs: a test of one (the people controls, added since) keeps its inputs.
        if (!sources || sources.length !== 1 || more.length > 0) return { ...test, inputs };
        return { ...test, source: sources[0] };
      }),
    })),
    sources: rest.sources.map((source) =>
      source.coverage === undefined ? source : { ...source, coverage: source.coverage.map(({ scope, ...rest }) => ({ account: scope.account, region: scope.region, ...rest })) },
    ),
  };
}
