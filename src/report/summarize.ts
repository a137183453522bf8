import { ACTION_FLAGS, ASSURANCE, EXCEPTION_STATUSES, EXISTS, FUNCTIONS, TEST_STATUSES, WORKS } from '../core/vocabulary.js';
import { type ControlResult, type ExceptionResult, type Summary } from './model.js';
import { exceptionTiers } from './exception-results.js';

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  const counts = {} as Record<K, number>;
  for (const key of keys) counts[key] = 0;
  return counts;
}

/** How many of `values` are each of `keys`, zeros included. */
export function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const counts = zeroCounts(keys);
  for (const value of values) counts[value]++;
  return counts;
}

/** Counts per lens, the exists × works matrix and the works lens per function — never one percentage. */
export function summarize(controls: readonly ControlResult[], exceptions: readonly ExceptionResult[]): Summary {
  const matrix = Object.fromEntries(
    EXISTS.map((exists) => [exists, countBy(WORKS, controls.filter((c) => c.exists === exists).map((c) => c.works))]),
  ) as Summary['matrix'];
  const byFunction = Object.fromEntries(
    FUNCTIONS.map((fn) => [fn, countBy(WORKS, controls.filter((c) => c.function === fn).map((c) => c.works))]),
  ) as Summary['by_function'];
  return {
    controls: controls.length,
    exists: countBy(EXISTS, controls.map((c) => c.exists)),
    works: countBy(WORKS, controls.map((c) => c.works)),
    assurance: countBy(ASSURANCE, controls.map((c) => c.assurance)),
    matrix,
    by_function: byFunction,
    tests: countBy(TEST_STATUSES, controls.flatMap((c) => c.tests.map((t) => t.status))),
    exceptions: countBy(EXCEPTION_STATUSES, exceptions.map((e) => e.status)),
    exception_tiers: exceptionTiers(exceptions),
    action_flags: countBy(ACTION_FLAGS, controls.flatMap((c) => c.action_flags ?? [])),
  };
}
