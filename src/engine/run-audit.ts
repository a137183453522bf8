import path from 'node:path';
import type { LoadedCatalog, LoadedException, LoadedSource, LoadedTest } from '../catalog/model.js';
import { errorMessage } from '../core/errors.js';
import { requireMatches } from '../kit/files/match-files.js';
import { toolVersion } from '../core/tool-version.js';
import { assessEvidenceItem, existsVerdict } from '../evidence/assess-evidence.js';
import { hashDocuments } from '../evidence/hash-documents.js';
import { applyExceptions } from '../exceptions/match-exceptions.js';
import type { CheckResult, StreamCheck } from '../kit/define-check.js';
import { exceptionResults } from '../report/exception-results.js';
import { catalogWarnings } from '../report/exceptions-view.js';
import { maskFinding } from '../report/mask-secrets.js';
import { REPORT_SCHEMA_ID, type ControlResult, type FindingResult, type Report, type SourceResult, type TestResult } from '../report/model.js';
import { summarize } from '../report/summarize.js';
import { planAudit, plannedTests, type PlannedTest, type Selection } from './plan.js';
import { readBatchSources, relativePath, ViewRecords, type SourceData } from './read-batch.js';
import { finishTest, mergeTestStates, runStreamPass, visitorOf, type StreamTest, type TestState } from './stream/pass.js';
import { assurance, metricResult, testStatus, worksVerdict } from './verdicts.js';

export interface AuditOptions extends Selection {
  asOf: Date;
  /** An exception ending within this many days is `expiring`. */
  warnDays: number;
  /** Threads for streamed sources (see `runStreamPass`); default: the available cores. */
  workers?: number;
}

/** What one test's check produced, or why it could not run. */
type Outcome = CheckResult | { error: string };

/** A test's whole inputs, or why one of them cannot be had. */
type WholeInputs = { inputs: Record<string, readonly unknown[]> } | { error: string };

/** Runs every selected control's tests on the catalog's sources and builds the two-lens report. */
export async function runAudit(catalog: LoadedCatalog, options: AuditOptions): Promise<Report> {
  const plan = planAudit(catalog, options);
  const batch = await readBatchSources(plan.batchSources, catalog);
  const views = new ViewRecords(catalog.sources, batch);
  const wholeInputs = (test: LoadedTest, except?: string) => inputRecords(test, batch, views, except);
  const streamed = await streamSources(catalog, plan.streamSources, plannedTests(plan), wholeInputs, options);
  const documents = await hashDocuments(
    plan.controls.flatMap(({ control }) => control.spec.evidence),
    catalog.evidenceRoot,
  );

  const matched = new Map<string, string[]>();
  const results = plan.controls.map(({ control, tests: planned }): ControlResult => {
    const exceptions = plan.exceptions.filter((exception) => exception.spec.control === control.spec.id);
    const tests = planned.map((test) => {
      const outcome = test.test.check.kind === 'stream' ? streamOutcome(test, streamed, wholeInputs(test.test, test.test.check.stream), options.asOf) : batchOutcome(test.test, wholeInputs(test.test), options.asOf);
      return testResult(test.test, outcome, exceptions, options.asOf, matched);
    });
    const evidence = control.spec.evidence.map((item) => assessEvidenceItem(item, options.asOf, item.kind === 'document' ? documents.get(item.path) : undefined));
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
  const exceptionReport = exceptionResults(plan.exceptions, options.asOf, options.warnDays, { matched, verdicts });
  return {
    schema: REPORT_SCHEMA_ID,
    tool: { name: 'controlproof', version: toolVersion() },
    catalog: { path: catalog.display, name: catalog.document.name, sha256: catalog.sha256 },
    as_of: options.asOf.toISOString(),
    warn_days: options.warnDays,
    summary: summarize(results, exceptionReport),
    sources: sourceResults(catalog, batch, streamed),
    controls: results,
    exceptions: exceptionReport,
    warnings: catalogWarnings(catalog),
  };
}

/** Each input's records from every source bound to it (natively or through a view), or why one cannot be had. */
function inputRecords(
  test: LoadedTest,
  batch: ReadonlyMap<string, SourceData>,
  views: ViewRecords,
  except?: string,
): WholeInputs {
  const inputs: Record<string, readonly unknown[]> = {};
  for (const binding of test.bindings) {
    if (binding.input === except) continue;
    const records: unknown[] = [];
    for (const bound of binding.sources) {
      const data = batch.get(bound.source);
      if (!data || data.result.status === 'error') return unreadable(bound.source, data?.result);
      const shaped = bound.view === undefined ? data.records : views.of(bound.source, bound.view);
      if (shaped instanceof Error) return { error: shaped.message };
      for (const record of shaped) records.push(record);
    }
    inputs[binding.input] = records;
  }
  return { inputs };
}

function unreadable(source: string, result: SourceResult | undefined): { error: string } {
  return { error: `source "${source}" could not be read: ${result?.error ?? 'not read'}` };
}

function checkFailed(test: LoadedTest, error: unknown): { error: string } {
  return { error: `check ${test.check.id} failed: ${errorMessage(error)}` };
}

function batchOutcome(test: LoadedTest, whole: WholeInputs, asOf: Date): Outcome {
  if ('error' in whole) return whole;
  if (test.check.kind !== 'batch') return { error: `check ${test.check.id} is not a batch check` };
  try {
    return test.check.run({ inputs: whole.inputs, params: test.params, asOf });
  } catch (error) {
    return checkFailed(test, error);
  }
}

/** A streamed source after its pass: its result, and each test's state from it. */
interface StreamedSource {
  result: SourceResult;
  states: ReadonlyMap<string, TestState>;
}

/**
 * Runs one pass over each streamed (log) source for every stream test that reads it. A source that cannot be
 * read becomes `status: error` for its tests only.
 */
async function streamSources(
  catalog: LoadedCatalog,
  sources: readonly LoadedSource[],
  tests: readonly PlannedTest[],
  wholeInputs: (test: LoadedTest, except: string) => WholeInputs,
  options: AuditOptions,
): Promise<Map<string, StreamedSource>> {
  const streamed = new Map<string, StreamedSource>();
  for (const source of sources) {
    if (source.definition.kind !== 'stream') continue;
    const passTests = tests.flatMap(({ key, test }): StreamTest[] => {
      const check = test.check;
      if (check.kind !== 'stream') return [];
      const bound = test.bindings.find((binding) => binding.input === check.stream)?.sources.find((candidate) => candidate.source === source.name);
      const whole = bound ? wholeInputs(test, check.stream) : undefined;
      if (!bound || whole === undefined || 'error' in whole) return [];
      return [streamTest(catalog, key, check, test, whole.inputs, bound.view)];
    });
    const result: SourceResult = { name: source.name, type: source.type, status: 'ok', files: [], records: 0 };
    try {
      const files = await requireMatches(source.patterns, catalog.dir, source.pathPosition, catalog.cwd);
      const provider = await catalog.registry.providerOf(source.type);
      const module = catalog.registry.sourceModule(source.type);
      const pass = await runStreamPass({
        source: source.definition,
        ...(module === undefined ? {} : { sourceModule: module }),
        files,
        tests: passTests,
        asOf: options.asOf,
        ...(provider?.coverageScope === undefined ? {} : { coverageScope: provider.coverageScope }),
        ...(options.workers === undefined ? {} : { workers: options.workers }),
        cwd: catalog.cwd,
      });
      result.files = pass.files.map((info) => ({ ...info, path: relativePath(catalog.dir, path.resolve(catalog.cwd, info.path)) }));
      result.records = pass.records;
      result.coverage = pass.coverage;
      streamed.set(source.name, { result, states: pass.states });
    } catch (error) {
      streamed.set(source.name, { result: { ...result, status: 'error', error: errorMessage(error) }, states: new Map() });
    }
  }
  return streamed;
}

function streamTest(catalog: LoadedCatalog, key: string, check: StreamCheck, test: LoadedTest, inputs: Record<string, readonly unknown[]>, view: string | undefined): StreamTest {
  const module = catalog.registry.checkModule(check.id);
  return { key, check, params: test.params, inputs, ...(view === undefined ? {} : { view }), ...(module === undefined ? {} : { module }) };
}

/** A stream test's result: its states from every source bound to its streamed input, merged in order, then finished. */
function streamOutcome(planned: PlannedTest, streamed: ReadonlyMap<string, StreamedSource>, whole: WholeInputs, asOf: Date): Outcome {
  const { test, key } = planned;
  const check = test.check;
  if (check.kind !== 'stream') return { error: `check ${check.id} is not a stream check` };
  if ('error' in whole) return whole;
  const parts: TestState[] = [];
  for (const bound of test.bindings.find((binding) => binding.input === check.stream)?.sources ?? []) {
    const source = streamed.get(bound.source);
    if (!source || source.result.status === 'error') return unreadable(bound.source, source?.result);
    const state = source.states.get(key);
    if (!state) return { error: `check ${check.id} was not run on stream source "${bound.source}"` };
    parts.push(state);
  }
  const visitor = visitorOf({ key, check, params: test.params, inputs: whole.inputs }, asOf);
  const outcome = finishTest(visitor, mergeTestStates(visitor, parts));
  return outcome instanceof Error ? checkFailed(test, outcome) : outcome;
}

/** The test's verdict from its outcome, after exceptions and metric thresholds. */
function testResult(test: LoadedTest, outcome: Outcome, exceptions: readonly LoadedException[], asOf: Date, matched: Map<string, string[]>): TestResult {
  const base = {
    check: test.spec.check,
    inputs: Object.fromEntries(test.bindings.map((binding) => [binding.input, binding.sources.map((bound) => bound.source)])),
    ...(test.spec.title ? { title: test.spec.title } : {}),
  };
  const position = { line: test.position.line ?? 1, col: test.position.col ?? 1 };
  if ('error' in outcome) return { ...base, status: 'error', examined: 0, excepted: 0, findings: [], metrics: {}, error: outcome.error, position };
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
  const findings = applied.findings.map((finding): FindingResult =>
    maskFinding({
      resource: finding.resource,
      message: finding.message,
      ...(finding.details === undefined ? {} : { details: finding.details }),
      ...(finding.excepted_by === undefined ? {} : { excepted_by: finding.excepted_by }),
      ...(finding.expired_exception === undefined ? {} : { expired_exception: finding.expired_exception }),
    }),
  );
  return {
    ...base,
    status,
    examined: outcome.examined,
    excepted: applied.excepted,
    findings,
    metrics,
    ...(status === 'fail' ? { remediation: test.check.remediation } : {}),
    position,
  };
}

function sourceResults(catalog: LoadedCatalog, batch: ReadonlyMap<string, SourceData>, streamed: ReadonlyMap<string, StreamedSource>): SourceResult[] {
  return [...catalog.sources.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((source) => batch.get(source.name)?.result ?? streamed.get(source.name)?.result ?? { name: source.name, type: source.type, status: 'unused', files: [], records: 0 });
}

