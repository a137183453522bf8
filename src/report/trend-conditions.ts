/** What `trend --fail-on` can fail on (apart from the view itself, so the command's help loads no schema). */
export const TREND_FAIL_ON_CONDITIONS = ['deteriorating', 'gap'] as const;
export type TrendFailOnCondition = (typeof TREND_FAIL_ON_CONDITIONS)[number];
export const DEFAULT_TREND_FAIL_ON = 'none';
/** Runs a trajectory is judged over when `--last` is not given. */
export const DEFAULT_TREND_LAST = 5;
