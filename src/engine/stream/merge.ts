// Per-file outcomes folded in file order (never completion order), and tests finished from their merged state.
import { coverageReport, mergeCoverage, type Coverage, type CoverageState } from '../../kit/coverage.js';
import type { CheckResult } from '../../kit/define-check.js';
import type { SourceFileInfo } from '../../kit/files/read-file.js';
import { DEFAULT_TIME_LIMIT_MS, TimeLimitExceeded, withinTimeLimit } from '../time-limit.js';
import { deserializeError } from './thread-errors.js';
import type { FileOutcome, TestOutcome, ThreadTest } from './process-file.js';

/** One test's state after a pass: merged over every file, with how many records it could see, or why it stopped. */
export type TestState = { ok: true; state: unknown; empty: boolean; records: number } | { ok: false; error: Error };

export interface MergedPass {
  /** Every file read (skipped files, such as CloudTrail digests, are not listed), in file order. */
  files: SourceFileInfo[];
  /** Records in the window, each counted once however many files delivered it. */
  records: number;
  /** Deliveries of a record an earlier file already held (same record id), not counted in `records`. */
  duplicates: number;
  /** Records outside the window: before its start, after as-of. */
  outside: { before: number; after: number };
  coverage: Coverage[];
  /** In the order of the pass's tests. */
  states: TestState[];
}

function mergeError(visitor: ThreadTest, error: unknown): Error {
  if (error instanceof TimeLimitExceeded) return new Error(`${visitor.name} ${error.message} in merge`);
  return new Error(`${visitor.name} threw in merge: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

/** How long one watchdog goes on starting merges. */
const MERGE_SLICE_MS = 10;

/** Folds per-file outcomes in file order, whatever order they arrive in. */
export class OutcomeMerger {
  private readonly waiting = new Map<number, FileOutcome>();
  private next = 0;
  private readonly infos: SourceFileInfo[] = [];
  private records = 0;
  private duplicates = 0;
  private readonly outside = { before: 0, after: 0 };
  private readonly seen = new Set<string>();
  private readonly viewRecords = new Map<string, number>();
  private readonly viewSeen = new Map<string, Set<string>>();
  private readonly states: TestState[];

  constructor(
    private readonly visitors: readonly ThreadTest[],
    private readonly coverage: CoverageState | null,
    private readonly coverageScope: readonly string[],
    private readonly timeLimitMs: number = DEFAULT_TIME_LIMIT_MS,
  ) {
    this.states = visitors.map(() => ({ ok: true, state: undefined, empty: true, records: 0 }));
  }

  /** Makes a test an error before (or whatever) its files bring. */
  stop(test: number, error: Error): void {
    this.states[test] = { ok: false, error };
  }

  /** Takes outcomes in any order; folds every file that is next in order, its tests' states under one watchdog. */
  add(outcomes: readonly FileOutcome[]): void {
    for (const outcome of outcomes) this.waiting.set(outcome.index, outcome);
    const ready: FileOutcome[] = [];
    for (let outcome = this.waiting.get(this.next); outcome; outcome = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.foldCounts(outcome);
      ready.push(outcome);
      this.next += 1;
    }
    this.foldStates(ready);
  }

  private foldCounts(outcome: FileOutcome): void {
    this.infos.push(outcome.info);
    // A view that every record of every file so far has shares the records' ids (and repeats) until a file differs.
    for (const view of Object.keys(outcome.viewRecords)) {
      if (!this.viewSeen.has(view) && outcome.viewIds[view] !== outcome.ids) this.viewSeen.set(view, this.viewRecords.has(view) ? new Set(this.seen) : new Set());
    }
    const duplicates = outcome.ids === null ? 0 : countRepeats(outcome.ids, this.seen);
    this.duplicates += duplicates;
    this.records += outcome.records - duplicates;
    this.outside.before += outcome.outside.before;
    this.outside.after += outcome.outside.after;
    for (const [view, count] of Object.entries(outcome.viewRecords)) {
      const ids = outcome.viewIds[view];
      const seen = this.viewSeen.get(view);
      const repeats = ids === undefined || outcome.ids === null ? 0 : seen === undefined ? duplicates : countRepeats(ids, seen);
      this.viewRecords.set(view, (this.viewRecords.get(view) ?? 0) + count - repeats);
    }
    if (this.coverage && outcome.coverage) mergeCoverage(this.coverage, outcome.coverage);
  }

  /**
   * Merges each file's test states, in order, under as few watchdogs as the limit allows: a watchdog is a thread
   * started per limited call, which costs more than a small file's merges. A watchdog starts merges for one slice
   * and fires after the limit plus that slice, so every merge still has the whole limit to itself.
   */
  private foldStates(outcomes: readonly FileOutcome[]): void {
    const tests = this.visitors.length;
    const merges = outcomes.length * tests;
    // Twice the merges done between two merges, odd while one runs: one write each, so a stop lands on a known side.
    let at = 0;
    while (at < 2 * merges) {
      const started = performance.now();
      try {
        withinTimeLimit(() => {
          for (let merge = at / 2; merge < merges && performance.now() - started < MERGE_SLICE_MS; merge++) {
            at = 2 * merge + 1;
            this.foldTest(merge % tests, outcomes[Math.floor(merge / tests)]?.tests[merge % tests]);
            at = 2 * merge + 2;
          }
        }, this.timeLimitMs + MERGE_SLICE_MS);
      } catch (error) {
        if (!(error instanceof TimeLimitExceeded)) throw error;
        // Stopped between two merges: the one before took the whole limit and finished; go on from the next.
        if (at % 2 === 0) continue;
        const test = ((at - 1) / 2) % tests;
        const visitor = this.visitors[test];
        // Named by the limit the merge had, not the watchdog's (the limit plus its slice).
        if (visitor) this.states[test] = { ok: false, error: mergeError(visitor, new TimeLimitExceeded(this.timeLimitMs)) };
        at += 1;
      }
    }
  }

  private foldTest(index: number, test: TestOutcome | undefined): void {
    const current = this.states[index];
    const visitor = this.visitors[index];
    if (!current?.ok || !visitor || !test) return;
    if (!test.ok) {
      this.states[index] = { ok: false, error: deserializeError(test.error) };
      return;
    }
    try {
      const state = current.empty ? test.state : visitor.check.visitor.merge(current.state, test.state);
      this.states[index] = { ok: true, state, empty: false, records: 0 };
    } catch (error) {
      this.states[index] = { ok: false, error: mergeError(visitor, error) };
    }
  }

  finish(): MergedPass {
    const states = this.states.map((state, index): TestState => {
      const view = this.visitors[index]?.view;
      return state.ok ? { ...state, records: view === undefined ? this.records : (this.viewRecords.get(view) ?? 0) } : state;
    });
    return { files: this.infos, records: this.records, duplicates: this.duplicates, outside: { ...this.outside }, coverage: this.coverage ? coverageReport(this.coverage, this.coverageScope) : [], states };
  }
}

/** How many of the `\n`-separated ids are already in `seen` (or repeat within the list); adds the new ones. */
function countRepeats(ids: string, seen: Set<string>): number {
  if (ids === '') return 0;
  let repeats = 0;
  for (const id of ids.split('\n')) {
    if (seen.has(id)) repeats += 1;
    else seen.add(id);
  }
  return repeats;
}

/** One test's states from several sources (passes), merged in the order the test binds them. */
export function mergeTestStates(visitor: ThreadTest, parts: readonly TestState[]): TestState {
  let merged: TestState = { ok: true, state: undefined, empty: true, records: 0 };
  for (const part of parts) {
    if (!merged.ok) return merged;
    if (!part.ok) return part;
    if (part.empty) {
      merged = { ...merged, records: merged.records + part.records };
      continue;
    }
    try {
      const state: unknown = merged.empty ? part.state : visitor.check.visitor.merge(merged.state, part.state);
      merged = { ok: true, state, empty: false, records: merged.records + part.records };
    } catch (error) {
      return { ok: false, error: mergeError(visitor, error) };
    }
  }
  return merged;
}

/** The test's result from its merged state: `finish` once, on the calling thread. */
export function finishTest(visitor: ThreadTest, state: TestState): CheckResult | Error {
  if (!state.ok) return state.error;
  const hooks = visitor.check.visitor;
  try {
    return hooks.finish(state.empty ? hooks.init(visitor.context) : state.state, { ...visitor.context, records: state.records });
  } catch (error) {
    return new Error(`${visitor.name} threw in finish: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
