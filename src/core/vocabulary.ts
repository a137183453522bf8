// The fixed words of controlproof: risk tiers, control functions and every verdict (DESIGN.md's vocabulary).

export const RISKS = ['critical', 'high', 'medium', 'low'] as const;
export const FUNCTIONS = ['prevent', 'detect', 'respond', 'recover'] as const;
export const EXISTS = ['evidenced', 'stale', 'missing', 'none'] as const;
export const WORKS = ['effective', 'ineffective', 'error', 'untested'] as const;
export const ASSURANCE = ['assured', 'paper-only', 'unproven', 'undocumented', 'failing', 'unknown'] as const;
export const TEST_STATUSES = ['pass', 'fail', 'error', 'vacuous'] as const;
export const EVIDENCE_STATUSES = ['fresh', 'stale', 'missing'] as const;
export const EXCEPTION_STATUSES = ['active', 'expiring', 'expired', 'unused'] as const;

export type Risk = (typeof RISKS)[number];
export type ControlFunction = (typeof FUNCTIONS)[number];
export type ExistsVerdict = (typeof EXISTS)[number];
export type WorksVerdict = (typeof WORKS)[number];
export type Assurance = (typeof ASSURANCE)[number];
export type TestStatus = (typeof TEST_STATUSES)[number];
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];
