import check from '../../../../src/providers/governance/checks/exercise-actions-closed.js';
import type { ActionItem, Exercise } from '../../../../src/providers/governance/sources/exercises.js';
import { CheckTester } from '../../../../src/testing/index.js';

// As-of is 2026-11-01T00:00Z. Deadlines are as the source reads them: a due date alone ends at 00:00 UTC of the next day.
function action(id: string, dueText: string, due: string, closed: string | null = null, owner = 'ciso@example.com'): ActionItem {
  return { id, title: `Action ${id}`, owner, due: new Date(due), dueText, closed: closed === null ? null : new Date(closed) };
}

function exercise(id: string, actions: ActionItem[], kind: Exercise['kind'] = 'tabletop', held = '2026-04-20T00:00:00Z'): Exercise {
  return { id, title: null, kind, held: new Date(held), scenario: ['ransomware'], outcome: 'partial', participants: [], restore: null, actions };
}

const DUE_OCT_15 = ['2026-10-15', '2026-10-16T00:00:00Z'] as const;

new CheckTester(check).run({
  pass: [
    {
      name: 'closed on time, closed late (counted, not failing), open and not yet due',
      records: [
        exercise('TTX-2026-04', [
          action('A1', '2026-06-30', '2026-07-01T00:00:00Z', '2026-06-25T00:00:00Z'),
          action('A3', '2026-09-30', '2026-10-01T00:00:00Z', '2026-10-14T14:20:00Z'),
          action('A4', '2026-12-15', '2026-12-16T00:00:00Z'),
        ]),
      ],
      examined: 3,
      metrics: { oldest_open_overdue_days: 0, actions_open_overdue: 0, actions_open_not_due: 1, actions_closed_late: 1, actions_closed_on_time: 1 },
    },
    {
      name: 'time-zone edges: closed 2026-10-16T01:00+02:00 is 23:00 UTC on the due date; due 2026-10-31 is not overdue at 2026-11-01T00:00Z',
      records: [
        exercise('SIM-1', [
          action('A1', ...DUE_OCT_15, '2026-10-15T23:00:00Z'),
          action('A2', '2026-10-31', '2026-11-01T00:00:00Z'),
          action('A3', '2026-10-31T23:59:59-01:00', '2026-11-01T00:59:59Z'),
        ], 'incident-simulation'),
      ],
      examined: 3,
      metrics: { oldest_open_overdue_days: 0, actions_open_overdue: 0, actions_open_not_due: 2, actions_closed_late: 0, actions_closed_on_time: 1 },
    },
    {
      name: 'kind: only the exercises of that kind; an exercise held after as-of is not examined',
      records: [
        exercise('TTX-1', [action('A1', '2026-01-31', '2026-02-01T00:00:00Z')]),
        exercise('RR-1', [action('A1', '2026-08-15', '2026-08-16T00:00:00Z', '2026-08-11T00:00:00Z')], 'restore'),
        exercise('RR-2', [action('A1', '2026-01-31', '2026-02-01T00:00:00Z')], 'restore', '2026-11-02T00:00:00Z'),
      ],
      params: { kind: 'restore' },
      examined: 1,
      metrics: { oldest_open_overdue_days: 0, actions_open_overdue: 0, actions_open_not_due: 0, actions_closed_late: 0, actions_closed_on_time: 1 },
    },
  ],
  fail: [
    {
      name: 'open items past due, oldest first, naming owner and due date; the oldest is the metric',
      records: [
        exercise('TTX-2026-04', [
          action('A1', '2026-06-30', '2026-07-01T00:00:00Z', '2026-06-25T00:00:00Z'),
          action('A2', '2026-07-31', '2026-08-01T00:00:00Z'),
        ]),
        exercise('TTX-2026-Q3-DC', [action('OPS-640', '2026-09-30', '2026-10-01T00:00:00Z', null, 'it-ops@example.com')], 'tabletop', '2026-08-18T00:00:00Z'),
        exercise('RT-1', [action('SEC-1', '2026-05-31T17:00:00+02:00', '2026-05-31T15:00:00Z', null, 'iam@example.com')], 'red-team', '2026-03-02T00:00:00Z'),
      ],
      examined: 4,
      metrics: { oldest_open_overdue_days: 153, actions_open_overdue: 3, actions_open_not_due: 0, actions_closed_late: 0, actions_closed_on_time: 1 },
      findings: [
        {
          resource: 'RT-1/SEC-1',
          message: 'action SEC-1 "Action SEC-1" of red-team exercise RT-1 (2026-03-02), owned by iam@example.com, was due 2026-05-31T17:00:00+02:00 and is still open 153 days later',
          details: { exercise: 'RT-1', owner: 'iam@example.com', due: '2026-05-31T17:00:00+02:00', days_overdue: 153 },
        },
        { resource: 'TTX-2026-04/A2', message: 'action A2 "Action A2" of tabletop exercise TTX-2026-04 (2026-04-20), owned by ciso@example.com, was due 2026-07-31 and is still open 92 days later' },
        { resource: 'TTX-2026-Q3-DC/OPS-640', message: /owned by it-ops@example\.com, was due 2026-09-30 and is still open 31 days later$/ },
      ],
    },
    {
      name: 'time-zone edge: closed 2026-10-15T23:30-05:00 is 04:30 UTC after the due day ended: late; an item closed after as-of was open at as-of',
      records: [
        exercise('SIM-1', [
          action('A1', ...DUE_OCT_15, '2026-10-16T04:30:00Z'),
          action('A2', ...DUE_OCT_15, '2026-11-01T00:00:01Z'),
        ], 'incident-simulation'),
      ],
      examined: 2,
      metrics: { oldest_open_overdue_days: 16, actions_open_overdue: 1, actions_open_not_due: 0, actions_closed_late: 1, actions_closed_on_time: 0 },
      findings: [{ resource: 'SIM-1/A2', message: /was due 2026-10-15 and is still open 16 days later$/ }],
    },
    {
      name: 'a day overdue: due 2026-10-30, open at as-of',
      records: [exercise('TTX-1', [action('A1', '2026-10-30', '2026-10-31T00:00:00Z')])],
      examined: 1,
      metrics: { oldest_open_overdue_days: 1, actions_open_overdue: 1, actions_open_not_due: 0, actions_closed_late: 0, actions_closed_on_time: 0 },
      findings: [{ resource: 'TTX-1/A1', message: /still open 1 day later$/ }],
    },
  ],
  vacuous: [
    { name: 'an empty register', records: [], metrics: { oldest_open_overdue_days: 0, actions_open_overdue: 0, actions_open_not_due: 0, actions_closed_late: 0, actions_closed_on_time: 0 } },
    { name: 'exercises without action items', records: [exercise('TTX-1', []), exercise('RR-1', [], 'restore')] },
  ],
});
