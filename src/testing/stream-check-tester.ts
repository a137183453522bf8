import { isDeepStrictEqual } from 'node:util';
import type { BatchCheck, Check, CheckResult, StreamCheck } from '../kit/define-check.js';
import type { StreamSource } from '../kit/define-source.js';
import { Registry } from '../providers/registry.js';
import { caseProblems, describeTable, type CheckTestTable } from './check-tester.js';

/** Which records reach `visit`: those with a key the check names, or all of them. */
type Dispatch = (record: unknown) => boolean;

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
    const asBatch = asBatchCheck(this.check, (record) => dispatch(record));
    describeTable(this.check.id, table, (testCase) => caseProblems(asBatch, testCase), async () => {
      dispatch = dispatchOf(this.check, this.source ?? (await streamSourceOf(this.check)));
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

/** The stream check as a batch check whose `run` feeds the records through every split and compares the results. */
export function asBatchCheck(check: StreamCheck, dispatch: Dispatch): BatchCheck {
  const { kind: _kind, stream, visitor: _visitor, ...metadata } = check;
  return {
    ...metadata,
    kind: 'batch',
    run: ({ inputs, params, asOf }) => {
      const { [stream]: streamed = [], ...whole } = inputs;
      const context = { inputs: whole, params, asOf };
      const half = Math.ceil(streamed.length / 2);
      const once = runInParts(check, [streamed], context, dispatch);
      const halves = runInParts(check, [streamed.slice(0, half), streamed.slice(half)], context, dispatch);
      const padded = runInParts(check, [[], streamed, []], context, dispatch);
      const everyRecord = runInParts(check, [streamed], context, () => true);
      const variants = [['two halves', halves], ['between two empty files', padded], ['one file, every record visited', everyRecord]] as const;
      for (const [label, result] of variants) {
        if (!isDeepStrictEqual(result, once)) {
          throw new Error(`merge is not consistent: records read as one file gave ${JSON.stringify(once)}, read as ${label} gave ${JSON.stringify(result)}`);
        }
      }
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

/** One state per part (a file), each cloned as it would cross a thread, merged in order, then finished. */
function runInParts(check: StreamCheck, parts: readonly (readonly unknown[])[], context: Context, dispatch: Dispatch): CheckResult {
  const { visitor } = check;
  const states = parts.map((part) => {
    const state = visitor.init(context);
    for (const record of part) if (dispatch(record)) visitor.visit(state, record, context);
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
