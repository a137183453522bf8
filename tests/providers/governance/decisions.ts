import type { RecertificationDecision } from '../../../src/providers/governance/lib/recertification-decisions.js';

/** A recertification item for check tests: a CSV row unless the fields say otherwise. */
export function decision(campaign: string, subject: string | null, entitlement: string, verdict: RecertificationDecision['decision'], fields: Partial<RecertificationDecision> = {}): RecertificationDecision {
  return {
    tool: 'csv',
    campaign,
    campaignStart: null,
    due: new Date('2026-10-01T00:00:00Z'),
    reviewer: 'kim@example.com',
    reviewerId: null,
    subjectLogin: subject,
    subjectId: null,
    entitlement,
    entitlementId: null,
    decision: verdict,
    decidedAt: verdict === 'undecided' ? null : new Date('2026-09-15T10:00:00Z'),
    itemId: null,
    ...fields,
  };
}
