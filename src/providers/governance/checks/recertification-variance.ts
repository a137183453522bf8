import { z } from 'zod';
import { defineCheck, type Finding } from '../../../kit/define-check.js';
import { percentage } from '../../../kit/percentage.js';
import { DECISION_SOURCES, groupBy, type RecertificationDecision } from '../lib/recertification-decisions.js';

const params = z.strictObject({
  min_decisions: z.number().int().min(1).prefault(10).describe('Decisions a reviewer must have made to be judged: fewer say too little about their habits (default 10).'),
  min_seconds_per_item: z
    .number()
    .min(0)
    .prefault(10)
    .describe('The floor for a reviewer\'s median decision time in seconds: deciding faster, item after item, is rubber-stamping (default 10; 0 turns the speed test off).'),
});

type Decided = RecertificationDecision & { decidedAt: Date };

interface ReviewerHabits {
  reviewer: string;
  decisions: number;
  approvals: number;
  approvalRate: number;
  /** Median seconds per decision; null when no decision had a measurable start. */
  medianSeconds: number | null;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return Math.round(value * 10) / 10;
}

/**
 * Seconds each decision took, per campaign: from the reviewer's previous decision in that campaign, or for the first
 * one from the campaign's start where the export has it (otherwise the first is not timed).
 */
function decisionSeconds(decisions: readonly Decided[]): number[] {
  return [...groupBy(decisions, (item) => item.campaign).values()].flatMap((items) => {
    const sorted = [...items].sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime());
    return sorted.flatMap((item, index) => {
      const previous = index === 0 ? sorted[0]?.campaignStart : sorted[index - 1]?.decidedAt;
      return previous === null || previous === undefined ? [] : [Math.max(0, (item.decidedAt.getTime() - previous.getTime()) / 1000)];
    });
  });
}

function habitsOf(reviewer: string, decisions: readonly Decided[]): ReviewerHabits {
  const approvals = decisions.filter((item) => item.decision === 'approve').length;
  return { reviewer, decisions: decisions.length, approvals, approvalRate: percentage(approvals, decisions.length), medianSeconds: median(decisionSeconds(decisions)) };
}

function stddev(values: readonly number[]): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
  return Math.round(Math.sqrt(variance) * 10) / 10;
}

function rubberStamp(habits: ReviewerHabits, floor: number): Finding[] {
  const reasons = [
    ...(habits.approvals === habits.decisions ? [`approved all ${habits.decisions} decisions`] : []),
    ...(habits.medianSeconds !== null && habits.medianSeconds < floor ? [`took a median ${habits.medianSeconds}s per decision (floor ${floor}s)`] : []),
  ];
  if (reasons.length === 0) return [];
  return [
    {
      resource: habits.reviewer,
      message: `reviewer ${habits.reviewer} ${reasons.join(' and ')}`,
      details: { decisions: habits.decisions, approvals: habits.approvals, approval_rate_pct: habits.approvalRate, median_seconds_per_decision: habits.medianSeconds },
    },
  ];
}

export default defineCheck({
  id: 'governance/recertification-variance',
  title: 'Reviewers decide, not rubber-stamp',
  description:
    'Per reviewer (by login or e-mail, else id), over the decisions (approve, revoke, abstain) taken by as-of in every bound campaign: the approval rate, and the median time per decision, measured as the gap from the same reviewer\'s previous decision in the same campaign (the first decision of a campaign from its start where the export has it, else untimed); a bulk "approve all" gives gaps of zero. A reviewer with at least `min_decisions` decisions who approved every one, or whose median is under `min_seconds_per_item`, is a finding. `reviewer_approval_rate_stddev` is the population standard deviation of the judged reviewers\' approval rates in percentage points: near zero when every reviewer approves alike. Items without a reviewer are not counted; no reviewer with enough decisions is vacuous.',
  inputs: { decisions: DECISION_SOURCES },
  params,
  remediation:
    'Talk to each listed reviewer: have them re-review a sample of their approvals with the access\'s owner, give them fewer items with more context (last use, peer access), and disable bulk approval in the review tool where it offers that.',
  metrics: {
    reviewer_approval_rate_stddev: 'Standard deviation of the approval rates of reviewers with at least min_decisions decisions, in percentage points',
    approval_rate_pct: 'Approvals over all decisions of the judged reviewers, in percent',
    reviewers_rubber_stamping: 'Judged reviewers who approved everything or decided faster than the floor',
    reviewers_below_min_decisions: 'Reviewers with fewer than min_decisions decisions: not judged',
  },
  criteria: { soc2: ['CC6.2', 'CC6.3'], 'iso27001-2022': ['A.5.18'], 'nist-csf-2': ['PR.AA-05'] },
  resourceExample: 'kim@example.com',
  run({ inputs: { decisions }, params: { min_decisions: minDecisions, min_seconds_per_item: floor }, asOf }) {
    const decided = decisions.filter(
      (item): item is Decided => item.decision !== 'undecided' && item.decidedAt !== null && item.decidedAt.getTime() <= asOf.getTime() && (item.reviewer ?? item.reviewerId) !== null,
    );
    const reviewers = [...groupBy(decided, (item) => item.reviewer ?? item.reviewerId ?? '')]
      .map(([reviewer, items]) => habitsOf(reviewer, items))
      .sort((a, b) => a.reviewer.localeCompare(b.reviewer));
    const judged = reviewers.filter((habits) => habits.decisions >= minDecisions);
    const findings = judged.flatMap((habits) => rubberStamp(habits, floor));
    const total = judged.reduce((sum, habits) => sum + habits.decisions, 0);
    const approvals = judged.reduce((sum, habits) => sum + habits.approvals, 0);
    return {
      examined: judged.length,
      findings,
      metrics: {
        ...(judged.length === 0 ? {} : { reviewer_approval_rate_stddev: stddev(judged.map((habits) => habits.approvalRate)), approval_rate_pct: percentage(approvals, total) }),
        reviewers_rubber_stamping: findings.length,
        reviewers_below_min_decisions: reviewers.length - judged.length,
      },
    };
  },
});
