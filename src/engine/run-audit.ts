import type { LoadedCatalog, LoadedControl, LoadedTest } from '../catalog/load-catalog.js';
import type { LoadedException } from '../catalog/load-exceptions.js';
import { errorMessage } from '../errors.js';
import { assessEvidenceItem, existsVerdict } from '../evidence/assess-evidence.js';
import { hashDocuments } from '../evidence/hash-documents.js';
import { exceptionResults } from '../exceptions/exception-report.js';
import { applyExceptions } from '../exceptions/match-exceptions.js';
import { REPORT_SCHEMA_ID, type ControlResult, type Report, type SourceResult, type TestResult } from '../report/model.js';
import { toolVersion } from '../tool-version.js';
import { readSources, type SourceData } from './read-sources.js';
import { summarize } from './summarize.js';
import { assurance, metricResult, testStatus, worksVerdict } from './verdicts.js';

export interface AuditOptions {
  asOf: Date;
  /** An exception ending within this many days is `expiring`. */
  warnDays: number;
  /** Run only these control ids. */
  controls?: readonly string[];
  /** Run only controls mapped to this framework key. */
  framework?: string;
}

/** Runs every selected control's tests on the catalog's sources and builds the two-lens report. */
export async function runAudit(catalog: LoadedCatalog, options: AuditOptions): Promise<Report> {
  const controls = selectControls(catalog.controls, options);
  const selectedIds = new Set(controls.map((control) => control.spec.id));
  const exceptions = catalog.exceptions.filter((exception) => selectedIds.has(exception.spec.control));
  const usedSources = [...catalog.sources.values()].filter((source) =>
    controls.some((control) => control.tests.some((test) => test.spec.source === source.name)),
  );
  const data = await readSources(usedSources, catalog.dir);
  const documents = await hashDocuments(controls.flatMap((control) => control.spec.evidence), catalog.evidenceRoot);

  const matched = new Map<string, string[]>();
  const results = controls.map((control): ControlResult => {
    const controlExceptions = exceptions.filter((exception) => exception.spec.control === control.spec.id);
    const tests = control.tests.map((test) => runTest(test, data, controlExceptions, options.asOf, matched));
    const evidence = control.spec.evidence.map((item) =>
      assessEvidenceItem(item, options.asOf, item.kind === 'document' ? documents.get(item.path) : undefined),
    );
    const exists = existsVerdict(evidence);
    const works = worksVerdict(tests.map((test) => test.status));
    const { spec } = control;
    return {
      id: spec.id,
      title: spec.title,
      ...(spec.description === undefined ? {} : { description: spec.description }),
      owner: spec.owner,
      risk: spec.risk,
      function: spec.function,
      mappings: spec.mappings,
      exists,
      works,
      assurance: assurance(exists, works),
      evidence,
      tests,
    };
  });

  const verdicts = new Map(results.map((control) => [control.id, { exists: control.exists, works: control.works }]));
  const exceptionReport = exceptionResults(exceptions, options.asOf, options.warnDays, { matched, verdicts });
  return {
    schema: REPORT_SCHEMA_ID,
    tool: { name: 'controlproof', version: toolVersion() },
    catalog: { path: catalog.display, name: catalog.document.name, sha256: catalog.sha256 },
    as_of: options.asOf.toISOString(),
    warn_days: options.warnDays,
    summary: summarize(results, exceptionReport),
    sources: sourceResults(catalog, data),
    controls: results,
    exceptions: exceptionReport,
    warnings: catalog.warnings.map((warning) => ({ message: warning.located, ...(warning.hint ? { hint: warning.hint } : {}) })),
  };
}

function selectControls(controls: readonly LoadedControl[], options: AuditOptions): LoadedControl[] {
  return controls.filter(
    (control) =>
      (!options.controls?.length || options.controls.includes(control.spec.id)) &&
      (options.framework === undefined || options.framework in control.spec.mappings),
  );
}

/** One test: a source that failed to read or a check that throws makes only this test `error`. */
function runTest(
  test: LoadedTest,
  data: ReadonlyMap<string, SourceData>,
  exceptions: readonly LoadedException[],
  asOf: Date,
  matched: Map<string, string[]>,
): TestResult {
  const base = { check: test.spec.check, source: test.spec.source, ...(test.spec.title ? { title: test.spec.title } : {}) };
  const source = data.get(test.spec.source);
  const failed = (error: string): TestResult => ({ ...base, status: 'error', examined: 0, excepted: 0, findings: [], metrics: {}, error });
  if (!source || source.result.status === 'error') return failed(`source "${test.spec.source}" could not be read: ${source?.result.error ?? 'not read'}`);
  let outcome;
  try {
    outcome = test.check.run({ records: source.records, params: test.params, asOf });
  } catch (error) {
    return failed(`check ${test.check.id} failed: ${errorMessage(error)}`);
  }
  const applied = applyExceptions(outcome.findings, exceptions, asOf);
  for (const [id, resources] of applied.matched) matched.set(id, [...(matched.get(id) ?? []), ...resources]);
  const metrics = Object.fromEntries(
    Object.entries(outcome.metrics ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => [name, metricResult(value, test.spec.metrics[name])]),
  );
  const metricsMissed = Object.values(metrics).some((metric) => metric.passed === false);
  const failing = applied.findings.length - applied.excepted;
  const status = testStatus({ failing, metricsMissed, examined: outcome.examined });
  return {
    ...base,
    status,
    examined: outcome.examined,
    excepted: applied.excepted,
    findings: applied.findings,
    metrics,
    ...(status === 'fail' ? { remediation: test.check.remediation } : {}),
  };
}

function sourceResults(catalog: LoadedCatalog, data: ReadonlyMap<string, SourceData>): SourceResult[] {
  return [...catalog.sources.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((source) => data.get(source.name)?.result ?? { name: source.name, type: source.type, status: 'unused', files: [], records: 0 });
}

