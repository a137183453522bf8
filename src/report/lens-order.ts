// How verdicts of one lens rank, worst first: what `diff` calls improved or regressed, and what `merge` calls the worst case.
import type { ExistsVerdict, WorksVerdict } from '../core/vocabulary.js';

/**
 * The exists lens, worst first. `none` (nothing documented) is below `missing` (an item is declared but cannot be
 * found): dropping a missing item's declaration to reach `none` hides a gap, so it is a regression, not a fix.
 */
export const EXISTS_ORDER: readonly ExistsVerdict[] = ['none', 'missing', 'stale', 'evidenced'];

/**
 * The works lens, worst first. `ineffective` is shown failing; `error` could not look, so a failure may be hiding and
 * an input is broken; `untested` looked and found nothing to judge (or has no tests); `effective` is shown working.
 */
export const WORKS_ORDER: readonly WorksVerdict[] = ['ineffective', 'error', 'untested', 'effective'];

/** Which way a lens moved from `old` to `now`. */
export type Move = 'improved' | 'regressed' | 'unchanged';

export function lensMove<V extends string>(order: readonly V[], old: V, now: V): Move {
  const delta = order.indexOf(now) - order.indexOf(old);
  return delta > 0 ? 'improved' : delta < 0 ? 'regressed' : 'unchanged';
}

/** The worst of `verdicts` by `order`; undefined for none. */
export function worstOf<V extends string>(order: readonly V[], verdicts: readonly V[]): V | undefined {
  return [...verdicts].sort((a, b) => order.indexOf(a) - order.indexOf(b))[0];
}
