import { describe, expect, it } from 'vitest';
import check from '../../../../src/providers/governance/checks/recertification-variance.js';
import type { RecertificationDecision } from '../../../../src/providers/governance/lib/recertification-decisions.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { decision } from '../decisions.js';

// As-of is 2026-11-01T00:00Z; by default a reviewer is judged from 10 decisions, with a floor of 10 seconds per decision.
const START = Date.parse('2026-09-15T10:00:00Z');

/** `verdicts` decided by `reviewer` one after another, `seconds` apart, in campaign `campaign`. */
function run(reviewer: string, verdicts: readonly RecertificationDecision['decision'][], seconds: number, campaign = 'q3', fields: Partial<RecertificationDecision> = {}): RecertificationDecision[] {
  return verdicts.map((verdict, index) =>
    decision(campaign, `user${index}@example.org`, 'vpn', verdict, { reviewer, decidedAt: verdict === 'undecided' ? null : new Date(START + index * seconds * 1000), ...fields }),
  );
}

const times = (count: number, verdict: RecertificationDecision['decision']): RecertificationDecision['decision'][] => Array.from({ length: count }, () => verdict);
const mixed = [...times(8, 'approve'), 'revoke', 'abstain'] as const;

new CheckTester(check).run({
  pass: [
    {
      name: 'reviewers who revoke some items and take their time; the stddev is of their approval rates',
      records: [...run('kim@example.com', mixed, 60), ...run('sam@example.com', [...times(5, 'approve'), ...times(5, 'revoke')], 45)],
      examined: 2,
      metrics: { reviewer_approval_rate_stddev: 15, approval_rate_pct: 65, reviewers_rubber_stamping: 0, reviewers_below_min_decisions: 0 },
    },
    {
      name: 'a median exactly at the floor is not under it; the first decision of a campaign is timed from its start where known',
      records: run('kim@example.com', mixed, 10, 'q3', { campaignStart: new Date(START - 10_000) }),
      examined: 1,
      metrics: { reviewer_approval_rate_stddev: 0, approval_rate_pct: 80, reviewers_rubber_stamping: 0, reviewers_below_min_decisions: 0 },
    },
    {
      name: 'gaps are measured within a campaign: two campaigns a week apart do not make one slow decision',
      records: [...run('kim@example.com', mixed.slice(0, 5), 30, 'q2'), ...run('kim@example.com', mixed.slice(5), 30, 'q3').map((item) => ({ ...item, decidedAt: new Date((item.decidedAt?.getTime() ?? 0) + 7 * 86_400_000) }))],
      examined: 1,
      metrics: { reviewer_approval_rate_stddev: 0, approval_rate_pct: 80, reviewers_rubber_stamping: 0, reviewers_below_min_decisions: 0 },
    },
    {
      name: 'a reviewer with fewer decisions than min_decisions is counted, not judged; undecided and unassigned items are not decisions',
      records: [...run('kim@example.com', mixed, 60), ...run('new@example.com', times(9, 'approve'), 1), ...run('sam@example.com', times(20, 'undecided'), 1), ...run('x', times(3, 'approve'), 1, 'q3', { reviewer: null })],
      examined: 1,
      metrics: { reviewer_approval_rate_stddev: 0, approval_rate_pct: 80, reviewers_rubber_stamping: 0, reviewers_below_min_decisions: 1 },
    },
  ],
  fail: [
    {
      name: 'a reviewer who approves everything, and one who bulk-decides in one second (Entra "accept all" stamps one time)',
      records: [...run('kim@example.com', times(12, 'approve'), 90), ...run('sam@example.com', mixed, 0), ...run('lee@example.com', mixed, 120)],
      examined: 3,
      metrics: { reviewer_approval_rate_stddev: 9.4, approval_rate_pct: 87.5, reviewers_rubber_stamping: 2, reviewers_below_min_decisions: 0 },
      findings: [
        { resource: 'kim@example.com', message: 'reviewer kim@example.com approved all 12 decisions', details: { decisions: 12, approvals: 12, approval_rate_pct: 100, median_seconds_per_decision: 90 } },
        { resource: 'sam@example.com', message: 'reviewer sam@example.com took a median 0s per decision (floor 10s)', details: { decisions: 10, approvals: 8, approval_rate_pct: 80, median_seconds_per_decision: 0 } },
      ],
    },
    {
      name: 'both at once; a reviewer known only by id; params tighten min_decisions and the floor',
      records: run('00unli90kor62oF5Z1d7', times(3, 'approve'), 20, 'c1', { reviewer: null, reviewerId: '00unli90kor62oF5Z1d7' }),
      params: { min_decisions: 3, min_seconds_per_item: 30 },
      examined: 1,
      metrics: { reviewer_approval_rate_stddev: 0, approval_rate_pct: 100, reviewers_rubber_stamping: 1, reviewers_below_min_decisions: 0 },
      findings: [{ resource: '00unli90kor62oF5Z1d7', message: 'reviewer 00unli90kor62oF5Z1d7 approved all 3 decisions and took a median 20s per decision (floor 30s)' }],
    },
    {
      name: 'decisions after as-of are not counted; an untimed reviewer (one decision per campaign, no start) is judged on approvals only',
      records: [...times(10, 'approve').map((verdict, index) => decision(`c${index}`, 'a@example.org', 'vpn', verdict, { reviewer: 'kim@example.com' })), ...run('kim@example.com', ['revoke'], 1, 'late', { decidedAt: new Date('2026-11-02T00:00:00Z') })],
      examined: 1,
      metrics: { reviewer_approval_rate_stddev: 0, approval_rate_pct: 100, reviewers_rubber_stamping: 1, reviewers_below_min_decisions: 0 },
      findings: [{ resource: 'kim@example.com', message: 'reviewer kim@example.com approved all 10 decisions', details: { decisions: 10, approvals: 10, approval_rate_pct: 100, median_seconds_per_decision: null } }],
    },
  ],
  vacuous: [
    { name: 'no decisions', records: [], metrics: { reviewers_rubber_stamping: 0, reviewers_below_min_decisions: 0 } },
    { name: 'only reviewers below min_decisions', records: run('kim@example.com', times(9, 'approve'), 1), metrics: { reviewers_rubber_stamping: 0, reviewers_below_min_decisions: 1 } },
  ],
});

describe('governance/recertification-variance params', () => {
  it('rejects a min_decisions below one and a negative floor', () => {
    expect(check.params?.safeParse({ min_decisions: 0 }).success).toBe(false);
    expect(check.params?.safeParse({ min_seconds_per_item: -1 }).success).toBe(false);
    expect(check.params?.safeParse({ min_decisions: 3, min_seconds_per_item: 0 }).success).toBe(true);
  });
});
