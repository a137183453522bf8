import type { LoadedCatalog, LoadedControl, LoadedTest } from '../catalog/load-catalog.js';
import type { LoadedException } from '../catalog/load-exceptions.js';
import { errorMessage } from '../core/errors.js';
import { assessEvidenceItem, existsVerdict } from '../evidence/assess-evidence.js';
import { hashDocuments } from '../evidence/hash-documents.js';
import { exceptionResults } from '../exceptions/exception-report.js';
import { applyExceptions } from '../exceptions/match-exceptions.js';
import { REPORT_SCHEMA_ID, type ControlResult, type Report, type SourceResult, type TestResult } from '../report/model.js';
import { toolVersion } from '../core/tool-version.js';
import type { CheckResult } from '../checks/define-check.js';
import { isStreamCheck } from '../checks/define-stream-check.js';
import { readSources, streamSources, testKey, type SourceData, type StreamedSource } from './read-sources.js';
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
  const [data, streamed] = await Promise.all([
    readSources(usedSources, catalog.dir),
    streamSources(usedSources, controls, catalog.dir, options.asOf),
  ]);
  const documents = await hashDocuments(controls.flatMap((control) => control.spec.evidence), catalog.evidenceRoot);

  const matched = new Map<string, string[]>();
  const results = controls.map((control, controlIndex): ControlResult => {
    const controlExceptions = exceptions.filter((exception) => exception.spec.control === control.spec.id);
    const tests = control.tests.map((test, testIndex) => {
      const outcome = testOutcome(test, testKey(controlIndex, testIndex), data, streamed, options.asOf);
      return testResult(test, outcome, controlExceptions, options.asOf, matched);
    });
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
    sources: sourceResults(catalog, data, streamed),
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

/**
 * What one test's check produced, or why it could not run: a source that failed to read or a check
 * that throws makes only this test `error`.
 */
function testOutcome(
  test: LoadedTest,
  key: string,
  data: ReadonlyMap<string, SourceData>,
  streamed: ReadonlyMap<string, StreamedSource>,
  asOf: Date,
): CheckResult | { error: string } {
  const source = data.get(test.spec.source)?.result ?? streamed.get(test.spec.source)?.result;
  if (!source || source.status === 'error') return { error: `source "${test.spec.source}" could not be read: ${source?.error ?? 'not read'}` };
  const failed = (error: unknown) => ({ error: `check ${test.check.id} failed: ${errorMessage(error)}` });
  if (isStreamCheck(test.check)) {
    const outcome = streamed.get(test.spec.source)?.outcomes.get(key);
    if (outcome === undefined) return { error: `check ${test.check.id} was not run on stream source "${test.spec.source}"` };
    return outcome instanceof Error ? failed(outcome) : outcome;
  }
  try {
    return test.check.run({ records: data.get(test.spec.source)?.records ?? [], params: test.params, asOf });
  } catch (error) {
    return failed(error);
  }
}

/** The test's verdict from its outcome, after exceptions and metric thresholds. */
function testResult(
  test: LoadedTest,
  outcome: CheckResult | { error: string },
  exceptions: readonly LoadedException[],
  asOf: Date,
  matched: Map<string, string[]>,
): TestResult {
  const base = { check: test.spec.check, source: test.spec.source, ...(test.spec.title ? { title: test.spec.title } : {}) };
  if ('error' in outcome) return { ...base, status: 'error', examined: 0, excepted: 0, findings: [], metrics: {}, error: outcome.error };
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

function sourceResults(
  catalog: LoadedCatalog,
  data: ReadonlyMap<string, SourceData>,
  streamed: ReadonlyMap<string, StreamedSource>,
): SourceResult[] {
  return [...catalog.sources.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((source) => data.get(source.name)?.result ?? streamed.get(source.name)?.result ?? { name: source.name, type: source.type, status: 'unused', files: [], records: 0 });
}

