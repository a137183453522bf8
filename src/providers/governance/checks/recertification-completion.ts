import { defineCheck, type Finding } from '../../../kit/define-check.js';
import { percentage } from '../../../kit/percentage.js';
import { DECISION_SOURCES, groupBy, itemName, itemResource, type RecertificationDecision } from '../lib/recertification-decisions.js';

/** Decided by as-of: a decision dated after as-of had not been taken at the moment the assessment is about. */
const decidedBy = (item: RecertificationDecision, asOf: Date): item is RecertificationDecision & { decidedAt: Date } =>
  item.decision !== 'undecided' && item.decidedAt !== null && item.decidedAt.getTime() <= asOf.getTime();

interface CampaignTally {
  campaign: string;
  due: Date;
  items: number;
  complete: number;
  late: number;
  undecided: RecertificationDecision[];
}

function tally(campaign: string, items: readonly RecertificationDecision[], asOf: Date): CampaignTally {
  const due = new Date(Math.max(...items.map((item) => item.due.getTime())));
  const decided = items.filter((item) => decidedBy(item, asOf));
  const complete = decided.filter((item) => item.decidedAt.getTime() <= item.due.getTime()).length;
  return { campaign, due, items: items.length, complete, late: decided.length - complete, undecided: items.filter((item) => !decidedBy(item, asOf)) };
}

function campaignFinding(campaign: CampaignTally): Finding {
  return {
    resource: campaign.campaign,
    message: `campaign ${campaign.campaign}, due ${campaign.due.toISOString()}, is overdue with ${campaign.undecided.length} of ${campaign.items} items undecided (${percentage(campaign.complete, campaign.items)}% complete by its due date)`,
    details: { due: campaign.due.toISOString(), items: campaign.items, complete: campaign.complete, late: campaign.late, undecided: campaign.undecided.length },
  };
}

function itemFinding(item: RecertificationDecision): Finding {
  return {
    resource: itemResource(item),
    message: `${itemName(item)} is undecided past its due date ${item.due.toISOString()}${item.reviewer === null ? ', with no reviewer' : `, reviewer ${item.reviewer}`}`,
    details: { campaign: item.campaign, subject: item.subjectLogin ?? item.subjectId, entitlement: item.entitlement, reviewer: item.reviewer, due: item.due.toISOString() },
  };
}

export default defineCheck({
  id: 'governance/recertification-completion',
  title: 'Access recertification campaigns are completed by their due date',
  description:
    'Per campaign whose due date has passed at as-of, the share of its items decided (approve, revoke or abstain) on or before the due date: a decision after it is late, not complete; one dated after as-of is not taken yet. A campaign due after as-of is still open and not judged; each item is judged against its own due date, a campaign is due when its latest item is. A campaign past due with undecided items is a finding, and so is each undecided item. `completion_pct` is the lowest campaign\'s completion (a threshold on it holds every campaign to it); `completion_pct_overall` pools every item. No judged campaign at all is vacuous.',
  inputs: { decisions: DECISION_SOURCES },
  remediation:
    'Have the reviewers of each overdue campaign decide the listed items now (revoke what nobody can justify), then find why they did not by the due date: too many items per reviewer, reminders not sent, reviewers who left. Configure the tool to act on non-response (Entra: "if reviewers don\'t respond", remove access).',
  metrics: {
    completion_pct: 'Lowest completion by the due date among the campaigns past due: items decided on time over all items, in percent',
    completion_pct_overall: 'Items decided on time over all items of every campaign past due, in percent',
    overdue_campaigns: 'Campaigns past due with undecided items',
    undecided_items: 'Undecided items of campaigns past due',
    late_decisions: 'Items decided after their due date (not complete, not undecided)',
    campaigns_open: 'Campaigns not yet due at as-of: not judged',
  },
  criteria: { soc2: ['CC6.2', 'CC6.3'], 'pci-dss-4': ['7.2.4'], 'iso27001-2022': ['A.5.18'], 'nist-csf-2': ['PR.AA-05'] },
  resourceExample: 'q3-finance-apps',
  run({ inputs: { decisions }, asOf }) {
    const campaigns = [...groupBy(decisions, (item) => item.campaign)]
      .map(([campaign, items]) => tally(campaign, items, asOf))
      .sort((a, b) => a.campaign.localeCompare(b.campaign));
    const judged = campaigns.filter((campaign) => campaign.due.getTime() <= asOf.getTime());
    const overdue = judged.filter((campaign) => campaign.undecided.length > 0);
    const findings = overdue.flatMap((campaign) => [campaignFinding(campaign), ...campaign.undecided.map(itemFinding)]);
    const items = judged.reduce((sum, campaign) => sum + campaign.items, 0);
    const complete = judged.reduce((sum, campaign) => sum + campaign.complete, 0);
    const completion = judged.map((campaign) => percentage(campaign.complete, campaign.items));
    return {
      examined: judged.length,
      findings,
      metrics: {
        ...(judged.length === 0 ? {} : { completion_pct: Math.min(...completion), completion_pct_overall: percentage(complete, items) }),
        overdue_campaigns: overdue.length,
        undecided_items: overdue.reduce((sum, campaign) => sum + campaign.undecided.length, 0),
        late_decisions: judged.reduce((sum, campaign) => sum + campaign.late, 0),
        campaigns_open: campaigns.length - judged.length,
      },
    };
  },
});
