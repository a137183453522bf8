import path from 'node:path';
import { frameworksInScope } from '../catalog/catalog-frameworks.js';
import type { LoadedCatalog } from '../catalog/model.js';
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
import { batchOutcome, inputRecords, streamOutcome, type CheckRun, type StreamedSource } from './outcomes.js';
import { planAudit, plannedTests, type Selection } from './plan.js';
import { readBatchSources, ViewRecords, type SourceData } from './read-batch.js';
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

/** Runs every selected control's tests on the catalog's sources and builds the two-lens report. */
export async function runAudit(catalog: LoadedCatalog, options: AuditOptions): Promise<Report> {
  const plan = planAudit(catalog, options);
  const read = progressCounter(options.onProgress);
  const batch = await readBatchSources(plan.batchSources, catalog, (result) => read(result.files.length, result.records));
  const views = new ViewRecords(catalog.sources, batch, catalog.dir);
  // Each test's whole inputs, once: every input but a stream check's streamed one.
  const inputs = new Map(plannedTests(plan).map(({ key, test }) => [key, inputRecords(test, batch, views, test.check.kind === 'stream' ? test.check.stream : undefined)]));
  const streamed = await streamSources(catalog, plan.streamSources, plannedTests(plan), inputs, { ...options, onFile: (records) => read(1, records) });
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

function sourceResults(catalog: LoadedCatalog, batch: ReadonlyMap<string, SourceData>, streamed: ReadonlyMap<string, StreamedSource>): SourceResult[] {
  return [...catalog.sources.values()]
    .sort((a, b) => compareText(a.name, b.name))
    .map((source) => batch.get(source.name)?.result ?? streamed.get(source.name)?.result ?? { name: source.name, type: source.type, status: 'unused', files: [], records: 0 });
}

