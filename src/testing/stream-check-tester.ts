import { isDeepStrictEqual } from 'node:util';
import type { BatchCheck, Check, CheckResult, StreamCheck } from '../kit/define-check.js';
import type { CoveragePoint, StreamSource } from '../kit/define-source.js';
import { Registry } from '../providers/registry.js';
import { caseProblems, describeTable, type CheckTestTable } from './check-tester.js';
import { finishTest, OutcomeMerger } from '../engine/stream/merge.js';
import { visitFile, type ReadFile, type ThreadTest } from '../engine/stream/process-file.js';

/** Which records reach `visit`: those with a key the check names, or all of them. */
type Dispatch = (record: unknown) => boolean;

/** Where and when a record happened, for a check that visits only that (`visitCoverage`): the source's coverage point. */
type CoverageOf = (record: unknown) => CoveragePoint | undefined;

type Context = Parameters<StreamCheck['visitor']['init']>[0];

/**
 * Runs a stream check over the same pass/fail/vacuous tables as {@link CheckTester}; a case's `records` (or its
 * `inputs` entry of the streamed input) are the streamed records, any other input arrives whole. The records go
 * through `init`/`visit` as the stream pass would, only those its `visits` names: once as one file, once split in
 * two halves whose states are `structuredClone`d (as between worker threads) and merged, once between two empty
 * files, and once visiting every record (as for a source without dispatch keys). The result must be the same every
 * way, so a `merge` that loses or reorders data, or a check that relies on `visits` to be correct, fails the case.
 */
export class StreamCheckTester {
  private readonly check: StreamCheck;

  /** `source`: the stream source whose dispatch key decides which records `visits` lets through; default: the built-in one of the streamed input's type. */
  constructor(
    check: Check,
    private readonly source?: StreamSource,
  ) {
    if (check.kind !== 'stream') throw new Error(`${check.id} reads its inputs whole: test it with CheckTester`);
    this.check = check;
  }

  run(table: CheckTestTable): void {
    let dispatch: Dispatch = () => true;
    let source: StreamSource | undefined;
    const asBatch = asBatchCheck(this.check, (record) => dispatch(record), () => source);
    describeTable(this.check.id, table, (testCase) => caseProblems(asBatch, testCase), async () => {
      source = this.source ?? (await streamSourceOf(this.check));
      dispatch = dispatchOf(this.check, source);
    });
  }
}

/** The built-in stream source of a type the streamed input reads, if any. */
async function streamSourceOf(check: StreamCheck): Promise<StreamSource | undefined> {
  const registry = new Registry();
  for (const type of check.inputs[check.stream] ?? []) {
    const source = await registry.source(type);
    if (source?.kind === 'stream') return source;
  }
  return undefined;
}

/**
 * The stream check as a batch check whose `run` feeds the records through every split and compares the results; with
 * a `source` that writes files (`writeFile`) and has a fast path (`scanFile`), also through the stream pass's own
 * file reading, as written by the source: parsed in full (`--strict`) and by the fast path, which must agree.
 */
export function asBatchCheck(check: StreamCheck, dispatch: Dispatch, sourceOf: () => StreamSource | undefined = () => undefined): BatchCheck {
  const { kind: _kind, stream, visitor: _visitor, ...metadata } = check;
  return {
    ...metadata,
    kind: 'batch',
    run: ({ inputs, params, asOf }) => {
      const { [stream]: streamed = [], ...whole } = inputs;
      const context = { inputs: whole, params, asOf };
      const half = Math.ceil(streamed.length / 2);
      const coverageOf: CoverageOf = (record) => sourceOf()?.coverage?.(record);
      const once = runInParts(check, [streamed], context, dispatch, coverageOf);
      const halves = runInParts(check, [streamed.slice(0, half), streamed.slice(half)], context, dispatch, coverageOf);
      const padded = runInParts(check, [[], streamed, []], context, dispatch, coverageOf);
      const everyRecord = runInParts(check, [streamed], context, () => true, coverageOf);
      const variants = [['two halves', halves], ['between two empty files', padded], ['one file, every record visited', everyRecord]] as const;
      for (const [label, result] of variants) {
        if (!isDeepStrictEqual(result, once)) {
          throw new Error(`merge is not consistent: records read as one file gave ${JSON.stringify(once)}, read as ${label} gave ${JSON.stringify(result)}`);
        }
      }
      const source = sourceOf();
      if (source?.writeFile && source.scanFile) replayThroughPass(check, source, streamed, context, once);
      return halves;
    },
  };
}

/** The records the stream pass would hand the check: by the dispatch key of its source. */
function dispatchOf(check: StreamCheck, source: StreamSource | undefined): Dispatch {
  const keys = check.visitor.visits === undefined ? undefined : new Set(check.visitor.visits);
  const keyOf = source?.dispatchKey;
  if (!keys || !keyOf) return () => true;
  return (record) => keys.has(keyOf(record));
}

/**
 * The records written as two files of the source and read by the stream pass as it reads files, once parsed in full
 * and once by the fast path: both must give the same result, and the same as `once` when no record repeats an id
 * (the pass counts a record delivered twice once).
 */
function replayThroughPass(check: StreamCheck, source: StreamSource, records: readonly unknown[], context: Context, once: CheckResult): void {
  const written = source.readFile({ display: 'written.json', text: source.writeFile?.(records) ?? '' });
  if (!isDeepStrictEqual([...written], records)) throw new Error(`the records do not survive being written as a ${source.type} file and read back: the case's records are not what the source reads`);
  const half = Math.ceil(records.length / 2);
  const files = [records.slice(0, half), records.slice(half)].map((part) => Buffer.from(source.writeFile?.(part) ?? ''));
  const strict = readThroughPass(check, source, files, context, true);
  const fast = readThroughPass(check, source, files, context, false);
  if (!isDeepStrictEqual(fast, strict)) throw new Error(`the fast path is not consistent: read in full (--strict) the records gave ${JSON.stringify(strict)}, by the fast path ${JSON.stringify(fast)}`);
  const ids = records.map((record) => source.recordId?.(record));
  if (new Set(ids).size === ids.length && !isDeepStrictEqual(strict, once)) throw new Error(`the stream pass gave ${JSON.stringify(strict)} where the records visited directly gave ${JSON.stringify(once)}`);
}

function readThroughPass(check: StreamCheck, source: StreamSource, files: readonly Buffer[], context: Context, strict: boolean): CheckResult | string {
  const visitor: ThreadTest = { check, name: `check ${check.id}`, context, view: undefined };
  const merger = new OutcomeMerger([visitor], null, []);
  files.forEach((bytes, index) => {
    const info = { path: `written-${index}.json`, bytes: bytes.length, sha256: '' };
    const read: ReadFile = { index, info, file: { info, bytes, size: bytes.length }, display: info.path, strict, contentSha256: '', gapMs: null, window: null };
    merger.add([visitFile(source, [visitor], read, new Map(), { test: -1 })]);
  });
  const result = finishTest(visitor, merger.finish().states[0] ?? { ok: false, error: new Error('no state') });
  return result instanceof Error ? `error: ${result.message}` : result;
}

/** One state per part (a file), each cloned as it would cross a thread, merged in order, then finished. */
function runInParts(check: StreamCheck, parts: readonly (readonly unknown[])[], context: Context, dispatch: Dispatch, coverageOf: CoverageOf): CheckResult {
  const { visitor } = check;
  const states = parts.map((part) => {
    const state = visitor.init(context);
    for (const record of part) {
      if (visitor.visitCoverage) {
        const point = coverageOf(record);
        if (point) visitor.visitCoverage(state, point, context);
      } else if (dispatch(record)) visitor.visit?.(state, record, context);
    }
    try {
      return structuredClone(state);
    } catch (error) {
      throw new Error(`state cannot cross a worker thread (structuredClone failed: ${error instanceof Error ? error.message : String(error)})`);
    }
  });
  const [first, ...rest] = states;
  const merged = rest.reduce((accumulated, state) => visitor.merge(accumulated, state), first);
  return visitor.finish(merged, { ...context, records: parts.reduce((sum, part) => sum + part.length, 0) });
}
