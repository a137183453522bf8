import path from 'node:path';
import { frameworksInScope } from '../catalog/catalog-frameworks.js';
import type { LoadedCatalog, LoadedSource } from '../catalog/model.js';
import { toolVersion } from '../core/tool-version.js';
import { assessEvidenceItem, existsVerdict } from '../evidence/assess-evidence.js';
import { hashDocuments } from '../evidence/hash-documents.js';
import { coverageOf } from '../report/coverage.js';
import { exceptionResults } from '../report/exception-results.js';
import { catalogWarnings } from '../report/exceptions-view.js';
import { REPORT_SCHEMA_ID, type ControlResult, type Report, type SourceResult } from '../report/model.js';
import { correctiveActions } from '../report/corrective-actions.js';
import { scenarioResults } from '../report/scenarios.js';
import { summarize } from '../report/summarize.js';
import { checkName } from './check-name.js';
import { batchOutcome, inputRecords, streamOutcome, type CheckRun, type StreamedSource, type WholeInputs } from './outcomes.js';
import { planAudit, plannedTests, sourcesOf, type AuditPlan, type PlannedTest, type Selection } from './plan.js';
import { readBatchSources, ViewRecords, type SourceData } from './read-batch.js';
import { ReadBudget } from '../kit/files/read-file.js';
import { streamSources } from './stream-sources.js';
import { testResult } from './test-result.js';
import { DEFAULT_TIME_LIMIT_MS } from './time-limit.js';
import { assurance, worksVerdict } from './verdicts.js';
import { compareText } from '../core/compare.js';


export interface AuditOptions extends Selection {
  asOf: Date;
  /** Where `asOf` came from, for the report; default `option`. */
  asOfSource?: Report['as_of_source'];
  /** An exception ending within this many days is `expiring`. */
  warnDays: number;
  /** Threads for streamed sources (see `runStreamPass`); default: the available cores. */
  workers?: number;
  /** How long one check run may take before its test is `error`; default DEFAULT_TIME_LIMIT_MS (see `runStreamPass` for stream checks). */
  timeLimitMs?: number;
  /** Parse every log record in full: no source's fast path (see `runStreamPass`). */
  strict?: boolean;
  /** Told the running totals each time a source, or a file of a log, has been read: for a progress display. */
  onProgress?: (progress: AuditProgress) => void;
}

/** What a run has read so far: files of every source, and their records (a log's within its window). */
export interface AuditProgress {
  files: number;
  records: number;
}

/** A counter that adds what each read reports and tells `onProgress` the totals. */
function progressCounter(onProgress: AuditOptions['onProgress']): (files: number, records: number) => void {
  const totals: AuditProgress = { files: 0, records: 0 };
  return (files, records) => {
    totals.files += files;
    totals.records += records;
    onProgress?.({ ...totals });
  };
}

/** What tests read of each batch source: views by id, and `undefined` for the source's own records. */
function usesOf(tests: readonly PlannedTest[]): Map<string, Set<string | undefined>> {
  const uses = new Map<string, Set<string | undefined>>();
  for (const { test } of tests) {
    for (const binding of test.bindings) {
      if (test.check.kind === 'stream' && binding.input === test.check.stream) continue;
      for (const bound of binding.sources) uses.set(bound.source, (uses.get(bound.source) ?? new Set()).add(bound.view));
    }
  }
  return uses;
}

/** The batch sources a run has read, and the views of them its tests read. */
interface ReadSources {
  data: Map<string, SourceData>;
  views: ViewRecords;
}

/**
 * Reads `sources` one after another; after each, makes the views the tests read of it and lets its own records go
 * when no test reads them: 100,000 Okta users as read weigh more than their accounts, and the next source is read
 * beside what this one leaves.
 */
async function readSources(sources: readonly LoadedSource[], read: ReadSources, uses: ReadonlyMap<string, ReadonlySet<string | undefined>>, context: { catalog: LoadedCatalog; budget: ReadBudget; onRead: (result: SourceResult) => void }): Promise<void> {
  for (const source of sources) {
    const [data] = (await readBatchSources([source], context.catalog, context.onRead, context.budget)).values();
    if (data === undefined) continue;
    read.data.set(source.name, data);
    const used = uses.get(source.name) ?? new Set();
    for (const view of used) if (view !== undefined) read.views.of(source.name, view);
    if (!used.has(undefined)) read.data.set(source.name, { result: data.result, records: [] });
  }
}

/** Each test's whole inputs from the batch sources read so far: every input but a stream check's streamed one. */
function testInputs(tests: readonly PlannedTest[], read: ReadSources): Map<string, WholeInputs> {
  return new Map(tests.map(({ key, test }) => [key, inputRecords(test, read.data, read.views, test.check.kind === 'stream' ? test.check.stream : undefined)]));
}

/**
 * Reads the batch sources, streams the logs and gives every test its whole inputs. The sources stream tests read
 * besides their log (HR leavers, aliases) are read first and the logs streamed next, while little else is held; the
 * other sources after, in catalog order: the heap grows with what is live, so streaming 1 GB of log beside 100,000
 * users would take twice the memory. One budget counts them all, in that fixed order.
 */
async function readAndStream(catalog: LoadedCatalog, plan: AuditPlan, options: AuditOptions, progress: (files: number, records: number) => void) {
  const tests = plannedTests(plan);
  const streamTests = tests.filter(({ test }) => test.check.kind === 'stream');
  const forStreams = new Set(streamTests.flatMap(({ test }) => sourcesOf(test)));
  const context = { catalog, budget: new ReadBudget(catalog.limits.totalBytes), onRead: (result: SourceResult): void => progress(result.files.length, result.records) };
  const data = new Map<string, SourceData>();
  const read: ReadSources = { data, views: new ViewRecords(catalog.sources, data, catalog.dir) };
  const uses = usesOf(tests);
  await readSources(plan.batchSources.filter((source) => forStreams.has(source.name)), read, uses, context);
  const streamed = await streamSources(catalog, plan.streamSources, streamTests, testInputs(streamTests, read), { ...options, onFile: (records) => progress(1, records) });
  await readSources(plan.batchSources.filter((source) => !forStreams.has(source.name)), read, uses, context);
  return { inputs: testInputs(tests, read), batch: new Map([...data].map(([name, source]) => [name, source.result])), streamed };
}

/** Runs every selected control's tests on the catalog's sources and builds the two-lens report. */
export async function runAudit(catalog: LoadedCatalog, options: AuditOptions): Promise<Report> {
  const plan = planAudit(catalog, options);
  const read = progressCounter(options.onProgress);
  const { inputs, batch, streamed } = await readAndStream(catalog, plan, options, read);
  const documents = await hashDocuments(
    plan.controls.flatMap(({ control }) => control.spec.evidence),
    catalog.evidenceRoot,
  );

  const run: CheckRun = {
    asOf: options.asOf,
    timeLimitMs: options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
    nameOf: (id) => checkName(id, catalog.registry.checkModule(id), catalog.dir),
  };
  const matched = new Map<string, string[]>();
  const results = plan.controls.map(({ control, tests: planned }): ControlResult => {
    const exceptions = plan.exceptions.filter((exception) => exception.spec.control === control.spec.id);
    const tests = planned.map((planned) => {
      const whole = inputs.get(planned.key) ?? { error: 'inputs not read' };
      const outcome = planned.test.check.kind === 'stream' ? streamOutcome(planned, streamed, whole, run) : batchOutcome(planned.test, whole, run);
      return testResult(planned.test, outcome, exceptions, options.asOf, matched);
    });
    const evidence = control.spec.evidence.map((item) => assessEvidenceItem(item, options.asOf, item.kind === 'document' ? documents.get(item.path) : undefined));
    const exists = existsVerdict(evidence);
    const works = worksVerdict(tests.map((test) => test.status));
    const { spec } = control;
    const label = assurance(exists, works);
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
      assurance: label,
      evidence,
      tests,
      ...correctiveActions(spec.actions, label, options.asOf),
    };
  });

  const verdicts = new Map(results.map((control) => [control.id, { exists: control.exists, works: control.works }]));
  const exceptionReport = exceptionResults(plan.exceptions, catalog.dir, options.asOf, options.warnDays, { matched, verdicts });
  return {
    schema: REPORT_SCHEMA_ID,
    tool: { name: 'controlproof', version: toolVersion() },
    catalog: { path: path.basename(catalog.file), name: catalog.document.name, sha256: catalog.sha256 },
    as_of: options.asOf.toISOString(),
    as_of_source: options.asOfSource ?? 'option',
    warn_days: options.warnDays,
    filters: {
      ...(options.controls?.length ? { controls: [...options.controls] } : {}),
      ...(options.framework === undefined ? {} : { framework: options.framework }),
    },
    summary: summarize(results, exceptionReport),
    sources: sourceResults(catalog, batch, streamed),
    controls: results,
    exceptions: exceptionReport,
    framework_coverage: coverageOf(frameworksInScope(catalog.document, options.framework), results),
    ...(catalog.document.scenarios.length === 0 ? {} : { scenarios: scenarioResults(catalog.document.scenarios, results) }),
    warnings: [...catalogWarnings(catalog), ...examinedNothing(results)],
  };
}

/** A run whose every test examined nothing has shown nothing: it says so (and `--fail-on vacuous` fails it). */
function examinedNothing(controls: readonly ControlResult[]): Report['warnings'] {
  const tests = controls.flatMap((control) => control.tests);
  if (tests.some((test) => test.examined > 0 || test.status === 'error')) return [];
  return [{ message: `The selected controls examined nothing: ${tests.length === 0 ? 'they have no tests' : 'every test examined zero resources'}`, hint: 'Check the sources hold data, or select controls with tests.' }];
}

function sourceResults(catalog: LoadedCatalog, batch: ReadonlyMap<string, SourceResult>, streamed: ReadonlyMap<string, StreamedSource>): SourceResult[] {
  return [...catalog.sources.values()]
    .sort((a, b) => compareText(a.name, b.name))
    .map((source) => batch.get(source.name) ?? streamed.get(source.name)?.result ?? { name: source.name, type: source.type, status: 'unused', files: [], records: 0 });
}

