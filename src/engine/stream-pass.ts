import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CheckResult } from '../checks/define-check.js';
import type { StreamCheck, StreamCheckContext } from '../checks/define-stream-check.js';
import { UserError, type Position } from '../core/errors.js';
import type { SourceText } from '../kit/files/read-file.js';
import type { StreamAdapter } from '../sources/define-adapter.js';
import { addToCoverage, coverageReport, createCoverage, DEFAULT_GAP_HOURS, mergeCoverage, type Coverage, type CoverageState } from '../sources/log-coverage.js';
import { readExportFileSync, type SourceFileInfo } from '../kit/files/read-file.js';

/** One test over the streamed source: a stream check with its parsed params. */
export interface StreamTest {
  /** Identifies the test in the results. */
  key: string;
  check: StreamCheck;
  /** Already parsed by the check's schema; must survive `structuredClone` (it is sent to the workers). */
  params: unknown;
  /** Absolute path of the plugin module exporting the check; absent for built-in checks. */
  module?: string;
}

export interface StreamPassOptions {
  adapter: StreamAdapter;
  /** Absolute paths, in the order results are merged (sorted, as the source's glob matched them). */
  files: readonly string[];
  tests: readonly StreamTest[];
  asOf: Date;
  /**
   * Threads that read files, the calling thread included: N > 1 starts N - 1 worker threads and reads on the
   * calling thread too (it would otherwise wait idle, and it needs no start-up); 0 or 1 reads on the calling
   * thread only. Default: the available cores.
   */
  workers?: number;
  /** Coverage gaps reported above this many hours without events. Default 6. */
  gapThresholdHours?: number;
}

export interface StreamPassResult {
  /** Every file read (skipped files, such as CloudTrail digests, are not listed), in `files` order. */
  files: SourceFileInfo[];
  records: number;
  coverage: Coverage[];
  /** Per test key: its result, or the error that made it unable to run (other tests are unaffected). */
  results: Map<string, CheckResult | Error>;
}

/** An error crossing a thread boundary; `UserError`s keep their position and hint. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  position?: Position;
  hint?: string;
}

/** What reading one file produced: per-test states (or the error a check threw), and the file's coverage. */
export interface FileOutcome {
  index: number;
  info: SourceFileInfo;
  records: number;
  coverage: CoverageState | null;
  tests: TestOutcome[];
}

export type TestOutcome = { ok: true; state: unknown } | { ok: false; error: SerializedError };

/** A check ready to visit: its check and context, as each thread holds them. */
export interface Visitor {
  key: string;
  check: StreamCheck;
  context: StreamCheckContext<unknown>;
}

/**
 * One pass over a streamed source: every file is read, decompressed and parsed once, and each record is
 * handed to every test's visitor. Files are spread over worker threads and the calling thread (all cores);
 * per-file states are merged in file order, never completion order, so results are the same on every run
 * and for any number of workers. A source problem (unreadable or malformed file) rejects with a `UserError`
 * for the first such file in order; a check that throws becomes an `Error` for its test only.
 */
export async function runStreamPass(options: StreamPassOptions): Promise<StreamPassResult> {
  const files = options.files.filter((file) => !options.adapter.skipsFile?.(file));
  const gapMs = (options.gapThresholdHours ?? DEFAULT_GAP_HOURS) * 3_600_000;
  const visitors = options.tests.map((test) => ({ key: test.key, check: test.check, context: { params: test.params, asOf: options.asOf } }));
  const merger = new OutcomeMerger(visitors, options.adapter.coverageOf ? createCoverage(gapMs) : null);
  const threads = Math.min(options.workers ?? os.availableParallelism(), files.length);
  if (threads <= 1) {
    for (const [index, file] of files.entries()) {
      merger.add(processFile(options.adapter, visitors, file, index, gapMs));
    }
  } else {
    await runInWorkers({ options, files, visitors, gapMs, workers: threads - 1 }, (outcome) => merger.add(outcome));
  }
  return merger.finish();
}

/** Reads one file and runs every visitor over its records, starting from fresh states. */
export function processFile(adapter: StreamAdapter, visitors: readonly Visitor[], file: string, index: number, gapMs: number): FileOutcome {
  const { info, text } = readExportFileSync(file);
  const states = visitors.map((visitor): TestOutcome => {
    try {
      return { ok: true, state: visitor.check.init(visitor.context) };
    } catch (error) {
      return { ok: false, error: serializeError(checkError(visitor.check, `in init for ${info.path}`, error)) };
    }
  });
  const visit = (test: number, record: unknown): void => {
    const state = states[test];
    const visitor = visitors[test];
    if (!state?.ok || !visitor) return;
    try {
      visitor.check.visit(state.state, record, visitor.context);
    } catch (error) {
      states[test] = { ok: false, error: serializeError(checkError(visitor.check, `on a record of ${info.path}`, error)) };
    }
  };
  const { everyRecord, byKey } = planVisits(visitors, adapter);
  const coverage = adapter.coverageOf ? createCoverage(gapMs) : null;
  const dispatched = adapter.dispatchKey !== undefined && byKey.size > 0;
  let records = 0;
  for (const record of adapter.streamFile(text)) {
    records += 1;
    if (coverage) {
      const point = adapter.coverageOf?.(record);
      if (point) addToCoverage(coverage, point);
    }
    for (const test of everyRecord) visit(test, record);
    if (dispatched) {
      const tests = byKey.get(adapter.dispatchKey?.(record) ?? '');
      if (tests) for (const test of tests) visit(test, record);
    }
  }
  return { index, info, records, coverage, tests: states };
}

/** Which tests see every record, and which only records with given dispatch keys (when the source has keys). */
function planVisits(visitors: readonly Visitor[], adapter: StreamAdapter): { everyRecord: number[]; byKey: Map<string, number[]> } {
  const everyRecord: number[] = [];
  const byKey = new Map<string, number[]>();
  visitors.forEach((visitor, test) => {
    const keys = visitor.check.visits;
    if (keys === undefined || !adapter.dispatchKey) return void everyRecord.push(test);
    for (const key of new Set(keys)) byKey.set(key, [...(byKey.get(key) ?? []), test]);
  });
  return { everyRecord, byKey };
}

function checkError(check: StreamCheck, where: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`check ${check.id} threw ${where}: ${message}`, { cause: error });
}

/** Folds per-file outcomes in file order, whatever order they arrive in. */
class OutcomeMerger {
  private readonly waiting = new Map<number, FileOutcome>();
  private next = 0;
  private readonly infos: SourceFileInfo[] = [];
  private records = 0;
  private readonly states: ({ ok: true; state: unknown; empty: boolean } | { ok: false; error: Error })[];

  constructor(
    private readonly visitors: readonly Visitor[],
    private readonly coverage: CoverageState | null,
  ) {
    this.states = visitors.map(() => ({ ok: true, state: undefined, empty: true }));
  }

  add(outcome: FileOutcome): void {
    this.waiting.set(outcome.index, outcome);
    for (let ready = this.waiting.get(this.next); ready; ready = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.fold(ready);
      this.next += 1;
    }
  }

  private fold(outcome: FileOutcome): void {
    this.infos.push(outcome.info);
    this.records += outcome.records;
    if (this.coverage && outcome.coverage) mergeCoverage(this.coverage, outcome.coverage);
    outcome.tests.forEach((test, index) => {
      const current = this.states[index];
      const visitor = this.visitors[index];
      if (!current?.ok || !visitor) return;
      if (!test.ok) {
        this.states[index] = { ok: false, error: deserializeError(test.error) };
        return;
      }
      try {
        const state = current.empty ? test.state : visitor.check.merge(current.state, test.state);
        this.states[index] = { ok: true, state, empty: false };
      } catch (error) {
        this.states[index] = { ok: false, error: checkError(visitor.check, 'in merge', error) };
      }
    });
  }

  finish(): StreamPassResult {
    const results = new Map<string, CheckResult | Error>();
    this.visitors.forEach((visitor, index) => {
      const current = this.states[index];
      results.set(visitor.key, current?.ok ? finishTest(visitor, current.state, current.empty, this.records) : (current?.error ?? new Error('no state')));
    });
    return { files: this.infos, records: this.records, coverage: this.coverage ? coverageReport(this.coverage) : [], results };
  }
}

function finishTest(visitor: Visitor, state: unknown, empty: boolean, records: number): CheckResult | Error {
  try {
    return visitor.check.finish(empty ? visitor.check.init(visitor.context) : state, { ...visitor.context, records });
  } catch (error) {
    return checkError(visitor.check, 'in finish', error);
  }
}

// --- worker threads --------------------------------------------------------------------------------------

/** What the pass sends each worker at start-up. */
export interface WorkerSetup {
  adapterType: string;
  tests: { checkId: string; module?: string; params: unknown }[];
  asOf: number;
  gapMs: number;
}

/** A batch of files for one worker, each with its position in the pass. */
export type ToWorker = { type: 'files'; files: { index: number; path: string }[] };

/** The outcomes of a batch, in order; a source error ends the batch at the file that caused it. */
export type FromWorker =
  | { type: 'files'; outcomes: FileOutcome[]; sourceError?: { index: number; error: SerializedError } }
  | { type: 'setup-error'; error: SerializedError };

/** Batches handed to a worker ahead of time, so it never waits for the main thread between batches. */
const IN_FLIGHT_PER_WORKER = 2;
/** Files per batch at most: fewer messages between threads, while small enough to balance the load at the end. */
const MAX_BATCH = 16;

/** Large batches while many files remain, single files at the end so no worker idles while another finishes. */
export function batchSize(remaining: number, workers: number): number {
  return Math.max(1, Math.min(MAX_BATCH, Math.floor(remaining / (workers * IN_FLIGHT_PER_WORKER * 4))));
}

interface WorkerRun {
  options: StreamPassOptions;
  files: readonly string[];
  visitors: readonly Visitor[];
  gapMs: number;
  workers: number;
}

/**
 * Hands batches of files to `workers` worker threads and reads single files on the calling thread between
 * their messages, until every file is read. Outcomes arrive in any order; `onOutcome` puts them in order.
 */
async function runInWorkers({ options, files, visitors, gapMs, workers: count }: WorkerRun, onOutcome: (outcome: FileOutcome) => void): Promise<void> {
  const script = workerScriptPath();
  const setup: WorkerSetup = {
    adapterType: options.adapter.type,
    tests: options.tests.map((test) => ({ checkId: test.check.id, module: test.module, params: test.params })),
    asOf: options.asOf.getTime(),
    gapMs,
  };
  // No inherited execArgv: the worker is compiled JS, and a TypeScript loader the parent runs under (tsx,
  // vitest) would only slow every worker's start-up.
  const pool = Array.from({ length: count }, () => new Worker(script, { workerData: setup, execArgv: [] }));
  try {
    await new Promise<void>((resolve, reject) => {
      let dispatched = 0;
      let inFlight = 0;
      let sourceError: { index: number; error: SerializedError } | undefined;
      let settled = false;
      const fail = (error: Error): void => {
        if (settled) return;
        settled = true;
        reject(error);
      };
      const dispatch = (worker: Worker): void => {
        if (sourceError || dispatched >= files.length) return;
        const end = Math.min(files.length, dispatched + batchSize(files.length - dispatched, count + 1));
        const message: ToWorker = { type: 'files', files: files.slice(dispatched, end).map((file, offset) => ({ index: dispatched + offset, path: file })) };
        dispatched = end;
        inFlight += 1;
        worker.postMessage(message);
      };
      const settleIfDone = (): void => {
        if (settled || inFlight > 0 || (dispatched < files.length && !sourceError)) return;
        settled = true;
        if (sourceError) reject(deserializeError(sourceError.error));
        else resolve();
      };
      const noteSourceError = (failed: { index: number; error: SerializedError }): void => {
        if (!sourceError || failed.index < sourceError.index) sourceError = failed;
      };
      // One file per turn of the event loop, so the workers' messages are answered between files.
      const readOnCallingThread = (): void => {
        if (settled || sourceError || dispatched >= files.length) return settleIfDone();
        const index = dispatched;
        dispatched += 1;
        let outcome: FileOutcome;
        try {
          outcome = processFile(options.adapter, visitors, files[index] ?? '', index, gapMs);
        } catch (error) {
          noteSourceError({ index, error: serializeError(error) });
          return settleIfDone();
        }
        try {
          onOutcome(outcome);
        } catch (error) {
          return fail(error instanceof Error ? error : new Error(String(error)));
        }
        setImmediate(readOnCallingThread);
      };
      for (const worker of pool) {
        worker.on('message', (message: FromWorker) => {
          if (message.type === 'setup-error') return fail(deserializeError(message.error));
          inFlight -= 1;
          if (message.sourceError) noteSourceError(message.sourceError);
          try {
            for (const outcome of message.outcomes) onOutcome(outcome);
          } catch (error) {
            return fail(error instanceof Error ? error : new Error(String(error)));
          }
          dispatch(worker);
          settleIfDone();
        });
        worker.on('error', (error) => fail(error));
        worker.on('exit', (code) => {
          if (!settled) fail(new Error(`stream worker stopped unexpectedly (exit code ${code})`));
        });
        for (let slot = 0; slot < IN_FLIGHT_PER_WORKER; slot++) dispatch(worker);
      }
      setImmediate(readOnCallingThread);
    });
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}

/**
 * The compiled worker script, `dist/engine/stream-worker.js` under the package root: found the same way
 * whether this module runs from `dist/` or, in tests, from `src/` through a TypeScript loader.
 */
export function workerScriptPath(): string {
  const script = path.join(packageRoot(), 'dist', 'engine', 'stream-worker.js');
  if (!existsSync(script)) {
    throw new Error(`The stream worker is not built (${script} is missing): run \`npm run build\`, or pass workers: 0.`);
  }
  return script;
}

function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && isThisPackage(manifest)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Cannot find the controlproof package root above the stream pass module');
    dir = parent;
  }
}

function isThisPackage(manifest: string): boolean {
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    return parsed !== null && typeof parsed === 'object' && 'name' in parsed && parsed.name === 'controlproof';
  } catch {
    return false;
  }
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof UserError) {
    return { name: error.name, message: error.message, stack: error.stack, position: error.position, hint: error.hint };
  }
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

export function deserializeError(error: SerializedError): Error {
  const restored = error.name === 'UserError' ? new UserError(error.message, { position: error.position, hint: error.hint }) : new Error(error.message);
  if (error.stack) restored.stack = error.stack;
  return restored;
}
