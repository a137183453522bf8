// What each test's check produced: its inputs assembled from the sources it binds, then run whole or finished
// from the stream passes. A source that failed or a check that throws makes only that test's outcome an error.
import type { LoadedTest } from '../catalog/model.js';
import { errorMessage } from '../core/errors.js';
import { parseCheckResult } from '../kit/check-result.js';
import type { CheckResult } from '../kit/define-check.js';
import type { SourceResult } from '../report/model.js';
import type { PlannedTest } from './plan.js';
import type { SourceData, ViewRecords } from './read-batch.js';
import { finishTest, mergeTestStates, threadTestOf, type TestState } from './stream/pass.js';
import { TimeLimitExceeded, withinTimeLimit } from './time-limit.js';

/** The metric every test over a windowed log gets: its records outside the window, counted and never judged. */
export const OUTSIDE_WINDOW_METRIC = 'records_outside_window';

/** What one test's check produced, or why it could not run. */
export type Outcome = CheckResult | { error: string };

/** A test's whole inputs, or why one of them cannot be had. */
export type WholeInputs = { inputs: Record<string, readonly unknown[]> } | { error: string };

/** What every check run of an audit shares: its as-of, the time limit of one run, and how messages name a check. */
export interface CheckRun {
  asOf: Date;
  timeLimitMs: number;
  /** `check acme/x (plugin plugins/x.mjs)`: see `checkName`. */
  nameOf(id: string): string;
}

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

function checkFailed(name: string, error: unknown): { error: string } {
  if (error instanceof TimeLimitExceeded) return { error: `${name} ${error.message}` };
  return { error: `${name} failed: ${errorMessage(error)}` };
}

/** What the check returned, if it keeps the contract of a result. */
function validOutcome(name: string, returned: unknown): Outcome {
  const result = parseCheckResult(returned);
  return 'problem' in result ? { error: `${name} returned ${result.problem}` } : result;
}

export function batchOutcome(test: LoadedTest, whole: WholeInputs, run: CheckRun): Outcome {
  const check = test.check;
  const name = run.nameOf(check.id);
  if ('error' in whole) return whole;
  if (check.kind !== 'batch') return { error: `${name} is not a batch check` };
  try {
    return validOutcome(name, withinTimeLimit(() => check.run({ inputs: whole.inputs, params: test.params, asOf: run.asOf }), run.timeLimitMs));
  } catch (error) {
    return checkFailed(name, error);
  }
}

/** A stream test's result: its states from every source bound to its streamed input, merged in order, then finished. */
export function streamOutcome(planned: PlannedTest, streamed: ReadonlyMap<string, StreamedSource>, whole: WholeInputs, run: CheckRun): Outcome {
  const { test, key } = planned;
  const check = test.check;
  const name = run.nameOf(check.id);
  if (check.kind !== 'stream') return { error: `${name} is not a stream check` };
  if ('error' in whole) return whole;
  const parts: TestState[] = [];
  let outsideWindow: number | undefined;
  for (const bound of test.bindings.find((binding) => binding.input === check.stream)?.sources ?? []) {
    const source = streamed.get(bound.source);
    if (!source || source.result.status === 'error') return unreadable(bound.source, source?.result);
    const state = source.states.get(key);
    if (!state) return { error: `${name} was not run on stream source "${bound.source}"` };
    parts.push(state);
    const window = source.result.window;
    if (window) outsideWindow = (outsideWindow ?? 0) + window.records_before + window.records_after;
  }
  const visitor = threadTestOf({ key, check, params: test.params, inputs: whole.inputs }, run.asOf, name);
  let outcome: Outcome;
  try {
    const finished = withinTimeLimit(() => finishTest(visitor, mergeTestStates(visitor, parts)), run.timeLimitMs);
    outcome = finished instanceof Error ? { error: finished.message } : validOutcome(name, finished);
  } catch (error) {
    return checkFailed(name, error);
  }
  if ('error' in outcome || outsideWindow === undefined) return outcome;
  return { ...outcome, metrics: { ...outcome.metrics, [OUTSIDE_WINDOW_METRIC]: outsideWindow } };
}
