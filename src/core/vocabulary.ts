// The fixed words of controlproof: risk tiers, control functions and every verdict (DESIGN.md's vocabulary).

export const RISKS = ['critical', 'high', 'medium', 'low'] as const;
export const FUNCTIONS = ['prevent', 'detect', 'respond', 'recover'] as const;
export const EXISTS = ['evidenced', 'stale', 'missing', 'none'] as const;
export const WORKS = ['effective', 'ineffective', 'error', 'untested'] as const;
export const ASSURANCE = ['assured', 'paper-only', 'unproven', 'undocumented', 'failing', 'unknown'] as const;
export const TEST_STATUSES = ['pass', 'fail', 'error', 'vacuous'] as const;
export const EVIDENCE_STATUSES = ['fresh', 'stale', 'missing'] as const;
export const EXCEPTION_STATUSES = ['active', 'expiring', 'expired', 'unused'] as const;
/** A framework criterion's coverage: mapped to an assured control, mapped only to controls that are not assured, or mapped to none. */
export const COVERAGE_STATUSES = ['assured', 'unassured', 'gap'] as const;

export type Risk = (typeof RISKS)[number];
export type ControlFunction = (typeof FUNCTIONS)[number];
export type ExistsVerdict = (typeof EXISTS)[number];
export type WorksVerdict = (typeof WORKS)[number];
export type Assurance = (typeof ASSURANCE)[number];
export type TestStatus = (typeof TEST_STATUSES)[number];
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];
