/** What `diff --fail-on` can fail on (apart from the diff itself, so the command's help loads no schema). */
export const DIFF_FAIL_ON_CONDITIONS = ['regressed', 'removed', 'new-findings'] as const;
export type DiffFailOnCondition = (typeof DIFF_FAIL_ON_CONDITIONS)[number];
export const DEFAULT_DIFF_FAIL_ON = 'regressed';
