// What each test's check produced: its inputs assembled from the sources it binds, then run whole or finished
// from the stream passes. A source that failed or a check that throws makes only that test's outcome an error.
import type { LoadedTest } from '../catalog/model.js';
import { errorMessage } from '../core/errors.js';
import type { CheckResult } from '../kit/define-check.js';
import type { SourceResult } from '../report/model.js';
import type { PlannedTest } from './plan.js';
import type { SourceData, ViewRecords } from './read-batch.js';
import { finishTest, mergeTestStates, threadTestOf, type TestState } from './stream/pass.js';

/** The metric every test over a windowed log gets: its records outside the window, counted and never judged. */
export const OUTSIDE_WINDOW_METRIC = 'records_outside_window';

/** What one test's check produced, or why it could not run. */
export type Outcome = CheckResult | { error: string };

/** A test's whole inputs, or why one of them cannot be had. */
export type WholeInputs = { inputs: Record<string, readonly unknown[]> } | { error: string };

/** A streamed source after its pass: its result, and each test's state from it. */
export interface StreamedSource {
  result: SourceResult;
  states: ReadonlyMap<string, TestState>;
}

/** Each input's records from every source bound to it (natively or through a view), or why one cannot be had. */
export function inputRecords(
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
  // An optional input left unbound arrives as no records.
  for (const name of test.check.optionalInputs) if (name !== except && !Object.hasOwn(inputs, name)) inputs[name] = [];
  return { inputs };
}

function unreadable(source: string, result: SourceResult | undefined): { error: string } {
  return { error: `source "${source}" could not be read: ${result?.error ?? 'not read'}` };
}

function checkFailed(test: LoadedTest, error: unknown): { error: string } {
  return { error: `check ${test.check.id} failed: ${errorMessage(error)}` };
}

export function batchOutcome(test: LoadedTest, whole: WholeInputs, asOf: Date): Outcome {
  if ('error' in whole) return whole;
  if (test.check.kind !== 'batch') return { error: `check ${test.check.id} is not a batch check` };
  try {
    return test.check.run({ inputs: whole.inputs, params: test.params, asOf });
  } catch (error) {
    return checkFailed(test, error);
  }
}

/** A stream test's result: its states from every source bound to its streamed input, merged in order, then finished. */
export function streamOutcome(planned: PlannedTest, streamed: ReadonlyMap<string, StreamedSource>, whole: WholeInputs, asOf: Date): Outcome {
  const { test, key } = planned;
  const check = test.check;
  if (check.kind !== 'stream') return { error: `check ${check.id} is not a stream check` };
  if ('error' in whole) return whole;
  const parts: TestState[] = [];
  let outsideWindow: number | undefined;
  for (const bound of test.bindings.find((binding) => binding.input === check.stream)?.sources ?? []) {
    const source = streamed.get(bound.source);
    if (!source || source.result.status === 'error') return unreadable(bound.source, source?.result);
    const state = source.states.get(key);
    if (!state) return { error: `check ${check.id} was not run on stream source "${bound.source}"` };
    parts.push(state);
    const window = source.result.window;
    if (window) outsideWindow = (outsideWindow ?? 0) + window.records_before + window.records_after;
  }
  const visitor = threadTestOf({ key, check, params: test.params, inputs: whole.inputs }, asOf);
  const outcome = finishTest(visitor, mergeTestStates(visitor, parts));
  if (outcome instanceof Error) return checkFailed(test, outcome);
  return outsideWindow === undefined ? outcome : { ...outcome, metrics: { ...outcome.metrics, [OUTSIDE_WINDOW_METRIC]: outsideWindow } };
}
