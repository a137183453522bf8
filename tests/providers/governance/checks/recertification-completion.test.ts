import check from '../../../../src/providers/governance/checks/recertification-completion.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { decision } from '../decisions.js';

// As-of is 2026-11-01T00:00Z. Every item is due 2026-09-30 (a date alone: due when that day ends in UTC, 2026-10-01T00:00Z) unless it says otherwise.
const at = (instant: string): Date => new Date(instant);
const decided = (campaign: string, subject: string, when: string, verdict: 'approve' | 'revoke' | 'abstain' = 'approve') => decision(campaign, subject, 'vpn', verdict, { decidedAt: at(when) });
const open = (campaign: string, subject: string, fields = {}) => decision(campaign, subject, 'vpn', 'undecided', fields);
const NONE = { overdue_campaigns: 0, undecided_items: 0, late_decisions: 0, campaigns_open: 0 };

new CheckTester(check).run({
  pass: [
    {
      name: 'every item decided by its due date; a decision late on the due day in a zone west of UTC is still on that UTC day',
      records: [decided('q3', 'a@example.org', '2026-09-30T21:30:00-02:00', 'revoke'), decided('q3', 'b@example.org', '2026-09-12T10:00:00Z', 'abstain'), decided('q4', 'c@example.org', '2026-09-01T00:00:00Z')],
      examined: 2,
      metrics: { ...NONE, completion_pct: 100, completion_pct_overall: 100 },
    },
    {
      name: 'a decision on the due date in another zone that is already the next day in UTC is late, not complete: completion falls, no finding',
      records: [decided('q3', 'a@example.org', '2026-09-30T23:30:00-02:00'), decided('q3', 'b@example.org', '2026-09-12T10:00:00Z')],
      examined: 1,
      metrics: { ...NONE, completion_pct: 50, completion_pct_overall: 50, late_decisions: 1 },
    },
    {
      name: 'a due date-time with an offset is the instant written: 17:00 at -07:00 is midnight UTC',
      records: [decided('q3', 'a@example.org', '2026-09-30T23:59:59Z'), decided('q3', 'b@example.org', '2026-10-01T00:00:01Z')].map((item) => ({ ...item, due: at('2026-09-30T17:00:00-07:00') })),
      examined: 1,
      metrics: { ...NONE, completion_pct: 50, completion_pct_overall: 50, late_decisions: 1 },
    },
    {
      name: 'a campaign not yet due is open and not judged, undecided items and all; completion is the lowest campaign, overall pools items',
      records: [
        decided('q3', 'a@example.org', '2026-09-12T10:00:00Z'),
        decided('q3', 'b@example.org', '2026-10-02T10:00:00Z'),
        ...['c', 'd', 'e', 'f'].map((name) => decided('q2', `${name}@example.org`, '2026-09-01T00:00:00Z')),
        open('q4', 'g@example.org', { due: at('2026-12-01T00:00:00Z') }),
      ],
      examined: 2,
      metrics: { ...NONE, completion_pct: 50, completion_pct_overall: 83.3, late_decisions: 1, campaigns_open: 1 },
    },
  ],
  fail: [
    {
      name: 'an overdue campaign with undecided items: the campaign and each item; a decision dated after as-of is not taken yet',
      records: [
        decided('q3', 'a@example.org', '2026-09-12T10:00:00Z'),
        open('q3', 'b@example.org', { reviewer: null }),
        { ...decided('q3', 'c@example.org', '2026-11-02T00:00:00Z'), itemId: 'rev-3' },
        decided('q2', 'd@example.org', '2026-09-01T00:00:00Z'),
      ],
      examined: 2,
      metrics: { overdue_campaigns: 1, undecided_items: 2, late_decisions: 0, campaigns_open: 0, completion_pct: 33.3, completion_pct_overall: 50 },
      findings: [
        {
          resource: 'q3',
          message: 'campaign q3, due 2026-10-01T00:00:00.000Z, is overdue with 2 of 3 items undecided (33.3% complete by its due date)',
          details: { due: '2026-10-01T00:00:00.000Z', items: 3, complete: 1, late: 0, undecided: 2 },
        },
        {
          resource: 'q3/b@example.org/vpn',
          message: 'b@example.org on vpn (campaign q3) is undecided past its due date 2026-10-01T00:00:00.000Z, with no reviewer',
          details: { campaign: 'q3', subject: 'b@example.org', entitlement: 'vpn', reviewer: null, due: '2026-10-01T00:00:00.000Z' },
        },
        { resource: 'rev-3', message: 'c@example.org on vpn (campaign q3) is undecided past its due date 2026-10-01T00:00:00.000Z, reviewer kim@example.com' },
      ],
    },
    {
      name: 'an as-of just past the due date makes a campaign overdue',
      asOf: '2026-10-01T00:00:01Z',
      records: [open('q3', 'a@example.org')],
      examined: 1,
      metrics: { overdue_campaigns: 1, undecided_items: 1, late_decisions: 0, campaigns_open: 0, completion_pct: 0, completion_pct_overall: 0 },
      findings: [{ resource: 'q3', message: /is overdue with 1 of 1 items undecided \(0% complete/ }, { resource: 'q3/a@example.org/vpn', message: /undecided past its due date/ }],
    },
  ],
  vacuous: [
    { name: 'no decisions: an empty campaign export', records: [], metrics: NONE },
    { name: 'only a campaign not yet due (due exactly at as-of + 1ms)', records: [open('q4', 'a@example.org', { due: at('2026-11-01T00:00:00.001Z') })], metrics: { ...NONE, campaigns_open: 1 } },
  ],
});
