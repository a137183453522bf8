import { statSync } from 'node:fs';
import os from 'node:os';
import { createCoverage, DEFAULT_GAP_HOURS } from '../../kit/coverage.js';
import type { CheckResult, StreamCheck } from '../../kit/define-check.js';
import type { StreamSource } from '../../kit/define-source.js';
import { durationBefore, parseDuration, type Duration } from '../../core/time.js';
import { finishTest, mergeTestStates, OutcomeMerger, type MergedPass, type TestState } from './merge.js';
import { processFiles, type FileOutcome, type FileSettings, type OutOfTime, type PassFile, type ThreadTest, type TimeWindow } from './process-file.js';
import { unclonableState } from './thread-errors.js';
import { filesForATurn, runInWorkers } from './worker-pool.js';
import { checkName } from '../check-name.js';
import { DEFAULT_TIME_LIMIT_MS, TimeLimitExceeded, withinTimeLimit } from '../time-limit.js';

/** One test over the streamed source: a stream check with its parsed params and whole inputs. */
export interface StreamTest {
  /** Identifies the test in the results. */
  key: string;
  check: StreamCheck;
  /** Already parsed by the check's schema; must survive `structuredClone` (it is sent to the workers), as must `inputs`. */
  params: unknown;
  /** The test's other inputs, whole: every input but the streamed one. */
  inputs?: Readonly<Record<string, readonly unknown[]>>;
  /** Visit the source's records in the shape of this view; absent: as they are. */
  view?: string;
  /** Absolute path of the plugin module exporting the check; absent for built-in checks. */
  module?: string;
}

export interface StreamPassOptions {
  source: StreamSource;
  /** Absolute path of the plugin module exporting the source; absent for built-in sources. */
  sourceModule?: string;
  /** Absolute paths, in the order results are merged (sorted, as the source's glob matched them). */
  files: readonly string[];
  tests: readonly StreamTest[];
  asOf: Date;
  /** The names of the source's coverage scope (its provider's `coverageScope`); absent: no coverage is kept. */
  coverageScope?: readonly string[];
  /**
   * Threads that read files, the calling thread included: N > 1 starts N - 1 worker threads and reads on the
   * calling thread too (it would otherwise wait idle, and it needs no start-up); 0 or 1 reads on the calling
   * thread only. Default: the available cores, but no more than the files' size is worth (see `defaultThreads`).
   */
  workers?: number;
  /** Coverage gaps reported above this many hours without events. Default 6. */
  gapThresholdHours?: number;
  /** The catalog's folder: the report's file list is relative to it. Default: each file's own folder. */
  base?: string;
  /** The largest log file, before and after decompression. Default: DEFAULT_READ_LIMITS.fileBytes. */
  fileBytes?: number;
  /** How far back from as-of records are visited, for a source whose records have a time. Default: DEFAULT_WINDOW. */
  window?: Duration;
  /**
   * How long reading one file through every visitor, merging one file's states, and a test's `finish` may each
   * take; a test whose hook is running when the time is up is an error. Default: DEFAULT_TIME_LIMIT_MS.
   */
  timeLimitMs?: number;
  /** Told each file's records (those in the window) as soon as the file is read, in any order: for progress. */
  onFile?: (records: number) => void;
  /** Parse every record in full, never taking the source's fast path (`scanFile`): `run --strict`. */
  strict?: boolean;
}

/** The assessment window of a log source whose catalog entry names none. */
export const DEFAULT_WINDOW: Duration = parseDuration('90d') ?? { amount: 90, unit: 'd', text: '90d' };

/** The window a pass visits: `window` back from as-of, both ends included; null for a source whose records have no time. */
export function assessmentWindow(source: StreamSource, asOf: Date, window: Duration = DEFAULT_WINDOW): TimeWindow | null {
  return source.recordTime ? { from: durationBefore(asOf, window).getTime(), to: asOf.getTime() } : null;
}

export interface StreamPassResult extends Omit<MergedPass, 'states'> {
  /** Per test key: its merged state, not yet finished (a test may read several sources). */
  states: Map<string, TestState>;
}

/** Bytes of log files (as stored, usually gzip) worth a thread of their own: a worker takes a fifth of a second to start. */
const BYTES_PER_THREAD = 2 * 1024 * 1024;

/** One thread per core, but only as many as the files' size is worth: a small log is read faster on one thread. */
export function defaultThreads(files: readonly string[]): number {
  let bytes = 0;
  for (const file of files) bytes += statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  return Math.max(1, Math.min(os.availableParallelism(), Math.ceil(bytes / BYTES_PER_THREAD)));
}

/** The visitor of a test, as the calling thread holds it; `name` as messages name its check. */
export function threadTestOf(test: StreamTest, asOf: Date, name = checkName(test.check.id, test.module, undefined)): ThreadTest {
  return { check: test.check, name, context: { inputs: wholeInputs(test), params: test.params, asOf }, view: test.view };
}

/**
 * One pass over a streamed source: every file is read, decompressed and parsed once, and each record is handed
 * to every test's visitor. Files are spread over worker threads and the calling thread (all cores); per-file
 * states are merged in file order, never completion order, so results are the same on every run and for any
 * number of workers. A source problem (unreadable or malformed file) rejects with a `UserError` for the first
 * such file in order; a check that throws becomes an `Error` for its test only.
 */
export async function runStreamPass(options: StreamPassOptions): Promise<StreamPassResult> {
  const { source, asOf } = options;
  const files = options.files.filter((file) => !source.skipsFile?.(file));
  const keepsCoverage = source.coverage !== undefined && options.coverageScope !== undefined;
  const gapMs = keepsCoverage ? (options.gapThresholdHours ?? DEFAULT_GAP_HOURS) * 3_600_000 : null;
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const visitors = options.tests.map((test) => threadTestOf(test, asOf, checkName(test.check.id, test.module, options.base)));
  const merger = new OutcomeMerger(visitors, gapMs === null ? null : createCoverage(gapMs), options.coverageScope ?? [], timeLimitMs);
  const add = (outcomes: readonly FileOutcome[]): void => {
    merger.add(outcomes);
    for (const outcome of outcomes) options.onFile?.(outcome.records);
  };
  unusableStates(visitors, timeLimitMs).forEach((error, test) => merger.stop(test, error));
  const threads = Math.min(options.workers ?? defaultThreads(files), files.length);
  const settings: FileSettings = {
    gapMs,
    read: { timeLimitMs, ...(options.base === undefined ? {} : { base: options.base }), ...(options.fileBytes === undefined ? {} : { fileBytes: options.fileBytes }) },
    window: assessmentWindow(source, asOf, options.window),
    ...(options.strict ? { strict: true } : {}),
  };
  if (threads <= 1) {
    const outOfTime: OutOfTime = new Map();
    let next = 0;
    const claimFile = (): PassFile | undefined => (next < files.length ? { index: next, path: files[next++] ?? '' } : undefined);
    while (next < files.length) {
      const read = processFiles(source, visitors, filesForATurn(claimFile), settings, outOfTime);
      add(read.outcomes);
      if (read.failed) throw read.failed.error;
      await new Promise((resolve) => setImmediate(resolve));
    }
  } else {
    const setup = {
      ...settings,
      source: { type: source.type, ...(options.sourceModule === undefined ? {} : { module: options.sourceModule }) },
      tests: options.tests.map((test, index) => ({ checkId: test.check.id, name: visitors[index]?.name ?? test.check.id, module: test.module, params: test.params, inputs: wholeInputs(test), view: test.view })),
      asOf: asOf.getTime(),
    };
    await runInWorkers({ setup, source, files, visitors, workers: threads - 1 }, add);
  }
  const { states, ...pass } = merger.finish();
  return { ...pass, states: new Map(options.tests.map((test, index) => [test.key, states[index] ?? { ok: false, error: new Error('no state') }])) };
}

/**
 * The tests whose fresh state (`init`'s) cannot cross to a worker thread, or whose init does not end, with why:
 * found before any file is read, so such a check is an error with any number of workers, not only when its state
 * happens to be sent.
 */
function unusableStates(visitors: readonly ThreadTest[], timeLimitMs: number): Map<number, Error> {
  const unusable = new Map<number, Error>();
  visitors.forEach((visitor, test) => {
    try {
      structuredClone(withinTimeLimit(() => visitor.check.visitor.init(visitor.context), timeLimitMs));
    } catch (error) {
      if (error instanceof TimeLimitExceeded) unusable.set(test, new Error(`${visitor.name} ${error.message} in init`));
      else if (error instanceof Error && error.name === 'DataCloneError') unusable.set(test, unclonableState(visitor, error));
      // A throwing init is reported by the files that run it.
    }
  });
  return unusable;
}

/** Each test's result from one pass alone (a test reading one source): for the benchmark and tests. */
export function passResults(pass: StreamPassResult, tests: readonly StreamTest[], asOf: Date): Map<string, CheckResult | Error> {
  return new Map(tests.map((test) => [test.key, finishTest(threadTestOf(test, asOf), pass.states.get(test.key) ?? { ok: false, error: new Error('not run') })]));
}

export { finishTest, mergeTestStates, type TestState };

/** A test's whole inputs, its optional ones that are not given as no records. */
function wholeInputs(test: Pick<StreamTest, 'check' | 'inputs'>): Readonly<Record<string, readonly unknown[]>> {
  return { ...Object.fromEntries(test.check.optionalInputs.map((name) => [name, []])), ...test.inputs };
}
