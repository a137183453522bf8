import { isDeepStrictEqual } from 'node:util';
import type { Check, CheckResult } from '../checks/define-check.js';
import type { StreamCheck, StreamCheckContext } from '../checks/define-stream-check.js';
import { streamAdapters } from '../sources/index.js';
import { CheckTester, type CheckTestTable } from './check-tester.js';

/** Which records reach `visit`: those with a key the check names, or all of them. */
type Dispatch = (record: unknown) => boolean;

/**
 * Runs a stream check over the same pass/fail/vacuous tables as {@link CheckTester}. Each case's records go
 * through `init`/`visit` as the stream pass would, only the records its `visits` names: once as one file, once
 * split in two halves whose states are `structuredClone`d (as between worker threads) and merged, once between
 * two empty files, and once visiting every record (as for a source without dispatch keys). The result must be
 * the same every way, so a `merge` that loses or reorders data, or a check that relies on `visits` to be
 * correct, fails the case.
 */
export class StreamCheckTester {
  constructor(private readonly check: StreamCheck) {}

  run(table: CheckTestTable): void {
    new CheckTester(asBatchCheck(this.check)).run(table);
  }
}

/** The stream check as a batch check whose `run` feeds the records through every split and compares the results. */
export function asBatchCheck(check: StreamCheck): Check {
  const { kind: _kind, init: _init, visit: _visit, merge: _merge, finish: _finish, ...metadata } = check;
  return {
    ...metadata,
    run: ({ records, params, asOf }) => {
      const context = { params, asOf };
      const half = Math.ceil(records.length / 2);
      const dispatch = dispatchOf(check);
      const whole = runInParts(check, [records], context, dispatch);
      const halves = runInParts(check, [records.slice(0, half), records.slice(half)], context, dispatch);
      const padded = runInParts(check, [[], records, []], context, dispatch);
      const everyRecord = runInParts(check, [records], context, () => true);
      const variants = [['two halves', halves], ['between two empty files', padded], ['one file, every record visited', everyRecord]] as const;
      for (const [label, result] of variants) {
        if (!isDeepStrictEqual(result, whole)) {
          throw new Error(`merge is not consistent: records read as one file gave ${JSON.stringify(whole)}, read as ${label} gave ${JSON.stringify(result)}`);
        }
      }
      return halves;
    },
  };
}

/** The records the stream pass would hand the check: by the dispatch key of the adapter of its source type. */
function dispatchOf(check: StreamCheck): Dispatch {
  const keys = check.visits === undefined ? undefined : new Set(check.visits);
  const keyOf = streamAdapters.find((adapter) => check.sources.includes(adapter.type))?.dispatchKey;
  if (!keys || !keyOf) return () => true;
  return (record) => keys.has(keyOf(record));
}

/** One state per part (a file), each cloned as it would cross a thread, merged in order, then finished. */
function runInParts(check: StreamCheck, parts: readonly (readonly unknown[])[], context: StreamCheckContext<unknown>, dispatch: Dispatch): CheckResult {
  const states = parts.map((part) => {
    const state = check.init(context);
    for (const record of part) if (dispatch(record)) check.visit(state, record, context);
    try {
      return structuredClone(state);
    } catch (error) {
      throw new Error(`state cannot cross a worker thread (structuredClone failed: ${error instanceof Error ? error.message : String(error)})`);
    }
  });
  const [first, ...rest] = states;
  const merged = rest.reduce((accumulated, state) => check.merge(accumulated, state), first);
  return check.finish(merged, { ...context, records: parts.reduce((sum, part) => sum + part.length, 0) });
}
