// How a thread reads one file of a stream pass for all of its tests, and those tests as each thread holds them.
import { UserError } from '../../core/errors.js';
import { ignoreSettling, isThenable } from '../../kit/check-result.js';
import type { StreamCheck } from '../../kit/define-check.js';
import { addToCoverage, createCoverage, type CoverageState } from '../../kit/coverage.js';
import { RecordSummary, type CoveragePoint, type RecordFilter, type StreamSource } from '../../kit/define-source.js';
import { decodeUnpacked, readExportBytesSync, type ReadOptions, type SourceFileInfo, type UnpackedFile } from '../../kit/files/read-file.js';
import { DEFAULT_TIME_LIMIT_MS, seconds, TimeLimitExceeded, withinTimeLimit } from '../time-limit.js';
import { serializeError, type SerializedError } from './thread-errors.js';

/**
 * How a thread reads each file: what the file list is relative to and the largest file (the budget stays in the
 * main thread), and how long parsing one file and visiting its records may take.
 */
export type FileReadOptions = Pick<ReadOptions, 'base' | 'fileBytes'> & { timeLimitMs?: number };

/** The assessment window, in ms since the epoch, both ends included. */
export interface TimeWindow {
  from: number;
  to: number;
}

/** What every file of a pass is read with. */
export interface FileSettings {
  /** Coverage bucket width, or null when the pass keeps no coverage. */
  gapMs: number | null;
  read: FileReadOptions;
  /** Records outside it are counted, not visited; null: every record is visited (the source has no record time). */
  window: TimeWindow | null;
  /** Parse every record in full: never the source's fast path (`scanFile`). */
  strict?: boolean;
}

/** A test ready to visit, as each thread holds it. */
export interface ThreadTest {
  check: StreamCheck;
  /** How messages name its check: `check acme/x (plugin plugins/x.mjs)`. */
  name: string;
  /** What its hooks receive: the test's whole inputs, its params and as-of. */
  context: { inputs: Readonly<Record<string, readonly unknown[]>>; params: unknown; asOf: Date };
  /** The view its records are visited in; undefined: the source's own records. */
  view: string | undefined;
}

export type TestOutcome = { ok: true; state: unknown } | { ok: false; error: SerializedError };

/** What reading one file produced: per-test states (or the error a check threw), and the file's coverage. */
export interface FileOutcome {
  index: number;
  info: SourceFileInfo;
  /** Records in the window (all of them when there is none), each delivery counted. */
  records: number;
  /** Records outside the window: before its start, after its end (as-of). */
  outside: { before: number; after: number };
  /** The ids of the records counted in `records`, `\n`-separated (one string crosses threads cheaply); null when the source has no record id. */
  ids: string | null;
  /** View id → records of the file that have that view. */
  viewRecords: Record<string, number>;
  /** View id → the ids of those records, as `ids`. */
  viewIds: Record<string, string>;
  coverage: CoverageState | null;
  tests: TestOutcome[];
}

/**
 * Which tests see which records: every native record, native records by dispatch key, the records of a view, or
 * only each record's coverage point; and the records the tests may match, for the fast path (null: every record).
 */
interface VisitPlan {
  everyRecord: number[];
  byKey: Map<string, number[]>;
  byView: Map<string, number[]>;
  byCoverage: number[];
  filter: RecordFilter | null;
}

const plans = new WeakMap<readonly ThreadTest[], WeakMap<StreamSource, VisitPlan>>();

/** The plan for these visitors over this source, made once and kept for every file after. */
function planOf(visitors: readonly ThreadTest[], source: StreamSource): VisitPlan {
  let bySource = plans.get(visitors);
  if (!bySource) plans.set(visitors, (bySource = new WeakMap()));
  let plan = bySource.get(source);
  if (!plan) bySource.set(source, (plan = planVisits(visitors, source)));
  return plan;
}

export function planVisits(visitors: readonly ThreadTest[], source: StreamSource): VisitPlan {
  const plan: VisitPlan = { everyRecord: [], byKey: new Map(), byView: new Map(), byCoverage: [], filter: null };
  const keys = new Set<string>();
  const mentions = new Set<string>();
  let everyRecord = false;
  visitors.forEach((visitor, test) => {
    const hooks = visitor.check.visitor;
    if (visitor.view !== undefined) {
      plan.byView.set(visitor.view, [...(plan.byView.get(visitor.view) ?? []), test]);
      const viewKeys = source.viewKeys?.[visitor.view];
      if (viewKeys === undefined) everyRecord = true;
      else for (const key of viewKeys) keys.add(key);
      return;
    }
    if (hooks.visitCoverage) return void plan.byCoverage.push(test);
    if (hooks.visits === undefined || !source.dispatchKey) {
      plan.everyRecord.push(test);
      if (hooks.mentions === undefined) everyRecord = true;
      else for (const mention of hooks.mentions) mentions.add(mention);
      return;
    }
    for (const key of new Set(hooks.visits)) {
      plan.byKey.set(key, [...(plan.byKey.get(key) ?? []), test]);
      keys.add(key);
    }
  });
  if (!everyRecord) plan.filter = { keys, mentions: [...mentions].sort() };
  return plan;
}

function checkError(visitor: ThreadTest, where: string, error: unknown): TestOutcome {
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error: serializeError(new Error(`${visitor.name} threw ${where}: ${message}`, { cause: error })) };
}

/** Tests that ran out of time on a thread, by index: the thread's later files skip them (and end sooner). */
export type OutOfTime = Map<number, TestOutcome>;

/** A file of a pass: its path and its position in the pass. */
export interface PassFile {
  index: number;
  path: string;
}

/** What `processFiles` read: the outcome of each file in order, up to the one whose source problem ended it, if any. */
export interface FilesRead {
  outcomes: FileOutcome[];
  failed?: { index: number; error: unknown };
}

/**
 * `processFile` for each file in order, under one watchdog for as many files as finish within one time limit: a
 * watchdog is a thread started per limited call, which costs more than reading a small log file. Each file keeps a
 * limit of its own: when the watchdog fires, the files read under it stand and the one being read is read again
 * alone, by `processFile`, so only a file (or a check on it) that alone exceeds the limit is ever out of time.
 */
export function processFiles(source: StreamSource, visitors: readonly ThreadTest[], files: Iterable<PassFile>, settings: FileSettings, outOfTime: OutOfTime = new Map()): FilesRead {
  const { timeLimitMs = DEFAULT_TIME_LIMIT_MS } = settings.read;
  const outcomes: FileOutcome[] = [];
  const remaining = files[Symbol.iterator]();
  const nextFile = (): PassFile | undefined => {
    const next = remaining.next();
    return next.done ? undefined : next.value;
  };
  let current: PassFile | undefined;
  for (;;) {
    try {
      withinTimeLimit(() => {
        for (current = nextFile(); current !== undefined; current = nextFile()) {
          const read = openFile(visitors, current, settings);
          outcomes.push(visitFile(source, visitors, read, outOfTime, { test: -1 }));
        }
      }, timeLimitMs);
      return { outcomes };
    } catch (error) {
      if (current === undefined) {
        if (error instanceof TimeLimitExceeded) return { outcomes };
        throw error;
      }
      if (!(error instanceof TimeLimitExceeded)) return { outcomes, failed: { index: current.index, error } };
      try {
        outcomes.push(processFile(source, visitors, current.path, current.index, settings, outOfTime));
      } catch (soloError) {
        return { outcomes, failed: { index: current.index, error: soloError } };
      }
    }
  }
}

/**
 * Reads one file and runs every visitor over its records, starting from fresh states. A source problem (an
 * unreadable or malformed file, or one it cannot parse within the time limit) throws; a check that throws, or
 * runs out of time, becomes an error for its test only, and the file is visited again for the other tests.
 */
export function processFile(source: StreamSource, visitors: readonly ThreadTest[], file: string, index: number, settings: FileSettings, outOfTime: OutOfTime = new Map()): FileOutcome {
  const { timeLimitMs = DEFAULT_TIME_LIMIT_MS } = settings.read;
  const read = openFile(visitors, { index, path: file }, settings);
  for (;;) {
    const running = { test: -1 };
    try {
      return withinTimeLimit(() => visitFile(source, visitors, read, outOfTime, running), timeLimitMs);
    } catch (error) {
      if (!(error instanceof TimeLimitExceeded)) throw error;
      const visitor = visitors[running.test];
      if (!visitor) throw new UserError(`Source type ${source.type} did not read ${read.info.path} within ${seconds(timeLimitMs)}`, { position: { file: read.info.path } });
      outOfTime.set(running.test, { ok: false, error: serializeError(new Error(`${visitor.name} did not finish within ${seconds(timeLimitMs)} on ${read.info.path}`)) });
    }
  }
}

/** A file's bytes, decompressed, and what its records are visited with; hashed whole only when a visitor sees files. */
function openFile(visitors: readonly ThreadTest[], { index, path }: PassFile, settings: FileSettings): ReadFile {
  const { timeLimitMs: _, ...readOptions } = settings.read;
  const seesFiles = visitors.some((visitor) => visitor.check.visitor.visitFile !== undefined);
  const unpacked = readExportBytesSync(path, seesFiles ? { ...readOptions, contentHash: true } : readOptions);
  const { info, contentSha256 } = unpacked;
  return { index, info, file: unpacked, display: path, contentSha256: contentSha256 ?? info.sha256, gapMs: settings.gapMs, window: settings.window, strict: settings.strict === true };
}

/** One file as `visitFile` reads it: its bytes, decoded to text only when the fast path does not vouch for them. */
export interface ReadFile {
  index: number;
  info: SourceFileInfo;
  file: UnpackedFile;
  /** The file as errors name it. */
  display: string;
  strict: boolean;
  /** SHA-256 of the file after decompression (of the file as stored when no visitor asked for it). */
  contentSha256: string;
  gapMs: number | null;
  window: TimeWindow | null;
}

/** One file's records through every visitor but those already out of time; `running.test` says whose hook runs. */
export function visitFile(source: StreamSource, visitors: readonly ThreadTest[], read: ReadFile, outOfTime: ReadonlyMap<number, TestOutcome>, running: { test: number }): FileOutcome {
  const { index, info, contentSha256, gapMs, window } = read;
  const states = visitors.map((visitor, test): TestOutcome => {
    const stopped = outOfTime.get(test);
    if (stopped) return stopped;
    running.test = test;
    try {
      const state = visitor.check.visitor.init(visitor.context);
      visitor.check.visitor.visitFile?.(state, { path: info.path, sha256: info.sha256, contentSha256 }, visitor.context);
      return { ok: true, state };
    } catch (error) {
      return checkError(visitor, `in init for ${info.path}`, error);
    } finally {
      running.test = -1;
    }
  });
  const visit = (test: number, record: unknown): void => {
    const state = states[test];
    const visitor = visitors[test];
    if (!state?.ok || !visitor) return;
    running.test = test;
    try {
      const returned: unknown = visitor.check.visitor.visit?.(state.state, record, visitor.context);
      if (returned !== undefined && isThenable(returned)) {
        ignoreSettling(returned);
        states[test] = { ok: false, error: serializeError(new Error(`${visitor.name} returned a Promise from visit: checks are synchronous (visit must not be async)`)) };
      }
    } catch (error) {
      states[test] = checkError(visitor, `on a record of ${info.path}`, error);
    } finally {
      running.test = -1;
    }
  };
  const visitPoint = (test: number, point: CoveragePoint): void => {
    const state = states[test];
    const visitor = visitors[test];
    if (!state?.ok || !visitor) return;
    running.test = test;
    try {
      visitor.check.visitor.visitCoverage?.(state.state, point, visitor.context);
    } catch (error) {
      states[test] = checkError(visitor, `on a record of ${info.path}`, error);
    } finally {
      running.test = -1;
    }
  };
  const plan = planOf(visitors, source);
  const coverage = source.coverage && gapMs !== null ? createCoverage(gapMs) : null;
  const dispatched = source.dispatchKey !== undefined && plan.byKey.size > 0;
  const views = [...plan.byView].map(([view, tests]) => ({ view, tests, toView: source.views?.[view] }));
  const viewRecords: Record<string, number> = Object.fromEntries(views.map(({ view }) => [view, 0]));
  const viewIds: Record<string, string[]> = Object.fromEntries(views.map(({ view }) => [view, []]));
  const idOf = source.recordId;
  const timeOf = window === null ? undefined : source.recordTime;
  const ids: string[] = [];
  const outside = { before: 0, after: 0 };
  let records = 0;
  const scanned = plan.filter && !read.strict ? source.scanFile?.(read.file.bytes, plan.filter) : undefined;
  for (const record of scanned ?? source.readFile(decodeUnpacked(read.file, read.display))) {
    if (record instanceof RecordSummary) {
      if (window && (record.time < window.from || record.time > window.to)) {
        if (record.time < window.from) outside.before += 1;
        else outside.after += 1;
        continue;
      }
      records += 1;
      if (record.id !== undefined && !record.id.includes('\n')) ids.push(record.id);
      if (record.coverage) {
        if (coverage) addToCoverage(coverage, record.coverage);
        for (const test of plan.byCoverage) visitPoint(test, record.coverage);
      }
      continue;
    }
    if (timeOf && window) {
      const time = timeOf(record);
      if (time < window.from) {
        outside.before += 1;
        continue;
      }
      if (time > window.to) {
        outside.after += 1;
        continue;
      }
    }
    records += 1;
    // An id holding the separator is not de-duplicated rather than misread.
    const id = idOf?.(record);
    const countable = id !== undefined && !id.includes('\n') ? id : undefined;
    if (countable !== undefined) ids.push(countable);
    if (coverage || plan.byCoverage.length > 0) {
      const point = source.coverage?.(record);
      if (point && coverage) addToCoverage(coverage, point);
      if (point) for (const test of plan.byCoverage) visitPoint(test, point);
    }
    for (const test of plan.everyRecord) visit(test, record);
    if (dispatched) {
      const tests = plan.byKey.get(source.dispatchKey?.(record) ?? '');
      if (tests) for (const test of tests) visit(test, record);
    }
    for (const { view, tests, toView } of views) {
      let shaped: unknown;
      try {
        shaped = toView?.(record);
      } catch (error) {
        const failed = { ok: false as const, error: serializeError(new Error(`view ${view} of source type ${source.type} threw on a record of ${info.path}: ${error instanceof Error ? error.message : String(error)}`)) };
        for (const test of tests) states[test] = failed;
        continue;
      }
      if (shaped === undefined) continue;
      viewRecords[view] = (viewRecords[view] ?? 0) + 1;
      if (countable !== undefined) viewIds[view]?.push(countable);
      for (const test of tests) visit(test, shaped);
    }
  }
  return {
    index,
    info,
    records,
    outside,
    ids: idOf ? ids.join('\n') : null,
    viewRecords,
    viewIds: Object.fromEntries(Object.entries(viewIds).map(([view, list]) => [view, list.join('\n')])),
    coverage,
    tests: states,
  };
}
