// The fixed words of controlproof: risk tiers, control functions and every verdict (DESIGN.md's vocabulary).

export const RISKS = ['critical', 'high', 'medium', 'low'] as const;
export const FUNCTIONS = ['prevent', 'detect', 'respond', 'recover'] as const;
export const EXISTS = ['evidenced', 'stale', 'missing', 'none'] as const;
export const WORKS = ['effective', 'ineffective', 'error', 'untested'] as const;
export const ASSURANCE = ['assured', 'paper-only', 'unproven', 'undocumented', 'failing', 'unknown'] as const;
export const TEST_STATUSES = ['pass', 'fail', 'error', 'vacuous'] as const;
export const EVIDENCE_STATUSES = ['fresh', 'stale', 'missing'] as const;
export const EXCEPTION_STATUSES = ['active', 'expiring', 'expired', 'unused'] as const;
/** A corrective action at as-of: closed on or before it, open, or open past its due date. */
export const ACTION_STATUSES = ['open', 'overdue', 'closed'] as const;
/** What the report says of a control's actions: a divergence nobody plans to fix, an action past due, one to close. */
export const ACTION_FLAGS = ['unplanned-divergence', 'overdue-actions', 'close-actions'] as const;
/** A framework criterion's coverage: mapped to an assured control, mapped only to controls that are not assured, or mapped to none. */
export const COVERAGE_STATUSES = ['assured', 'unassured', 'gap'] as const;
/**
 * A scenario step, and a whole scenario, strongest first (see src/report/scenarios.ts for the rule): held by an
 * assured control, held by a control that works without evidence, held only on paper, open, or not assessed (every
 * control named there was left out by --control or --framework).
 */
export const SCENARIO_STATUSES = ['held', 'undocumented', 'paper', 'open', 'not-assessed'] as const;

export type Risk = (typeof RISKS)[number];
export type ControlFunction = (typeof FUNCTIONS)[number];
export type ExistsVerdict = (typeof EXISTS)[number];
export type WorksVerdict = (typeof WORKS)[number];
export type Assurance = (typeof ASSURANCE)[number];
export type TestStatus = (typeof TEST_STATUSES)[number];
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type ActionFlag = (typeof ACTION_FLAGS)[number];
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];
export type ScenarioStatus = (typeof SCENARIO_STATUSES)[number];
