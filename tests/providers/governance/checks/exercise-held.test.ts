import check from '../../../../src/providers/governance/checks/exercise-held.js';
import type { Exercise } from '../../../../src/providers/governance/sources/exercises.js';
import { CheckTester } from '../../../../src/testing/index.js';

// As-of is 2026-11-01T00:00Z: with the default 12mo, an exercise held on or after 2025-11-01T00:00Z is recent enough.
function exercise(id: string, kind: Exercise['kind'], held: string, scenario: string[] = []): Exercise {
  return { id, title: null, kind, held: new Date(held), scenario, outcome: 'succeeded', participants: ['ciso@example.com'], restore: null, actions: [] };
}

const RANSOMWARE_TABLETOP = { ...exercise('TTX-2026-04', 'tabletop', '2026-04-20T00:00:00Z', ['ransomware', 'extortion']), title: 'Ransomware tabletop' };

new CheckTester(check).run({
  pass: [
    {
      name: 'a tabletop with the scenario within 12 months; exercises of other kinds and scenarios are not counted',
      records: [RANSOMWARE_TABLETOP, exercise('TTX-2026-08', 'tabletop', '2026-08-18T00:00:00Z', ['data-centre-loss']), exercise('RT-1', 'red-team', '2026-10-01T00:00:00Z', ['ransomware'])],
      params: { kind: 'tabletop', scenario: 'Ransomware' },
      examined: 1,
      metrics: { age_days: 195, exercises_within_max_age: 1 },
    },
    {
      name: 'held exactly max_age before as-of',
      records: [exercise('SIM-1', 'incident-simulation', '2025-11-01T00:00:00Z')],
      params: { kind: 'incident-simulation' },
      examined: 1,
      metrics: { age_days: 365, exercises_within_max_age: 1 },
    },
    {
      name: 'time-zone edge: 2026-08-02T23:30-02:00 is 01:30 UTC on 08-03, within 90 days of as-of',
      records: [exercise('SIM-2', 'incident-simulation', '2026-08-03T01:30:00Z')],
      params: { kind: 'incident-simulation', max_age: '90d' },
      examined: 1,
      metrics: { age_days: 89, exercises_within_max_age: 1 },
    },
    {
      name: 'a failed exercise was still held; the latest of several counts',
      records: [{ ...exercise('RR-1', 'restore', '2026-10-08T09:00:00Z'), outcome: 'failed' }, exercise('RR-0', 'restore', '2025-01-10T00:00:00Z')],
      params: { kind: 'restore' },
      examined: 2,
      metrics: { age_days: 23, exercises_within_max_age: 1 },
    },
  ],
  fail: [
    {
      name: 'the latest matching exercise is older than max_age',
      records: [RANSOMWARE_TABLETOP, exercise('TTX-2025-03', 'tabletop', '2025-03-14T00:00:00Z', ['ransomware'])],
      params: { kind: 'tabletop', scenario: 'ransomware', max_age: '6mo' },
      examined: 2,
      metrics: { age_days: 195, exercises_within_max_age: 0 },
      findings: [
        {
          resource: 'exercises:tabletop:ransomware',
          message: 'the latest tabletop exercise with scenario ransomware, TTX-2026-04 "Ransomware tabletop", was held 2026-04-20, 195 days before as-of; expected one within 6mo',
          details: { exercise: 'TTX-2026-04', held: '2026-04-20T00:00:00.000Z', outcome: 'succeeded' },
        },
      ],
    },
    {
      name: 'time-zone edge: 2026-08-03T01:30+03:00 is 22:30 UTC on 08-02, a little over 90 days',
      records: [exercise('SIM-3', 'incident-simulation', '2026-08-02T22:30:00Z')],
      params: { kind: 'incident-simulation', max_age: '90d' },
      examined: 1,
      metrics: { age_days: 90, exercises_within_max_age: 0 },
      findings: [{ resource: 'exercises:incident-simulation', message: /^the latest incident-simulation exercise, SIM-3, was held 2026-08-02, 90 days before as-of; expected one within 90d$/ }],
    },
    {
      name: 'no exercise with the scenario; one scheduled after as-of is not counted',
      records: [exercise('TTX-2026-08', 'tabletop', '2026-08-18T00:00:00Z', ['data-centre-loss']), exercise('TTX-2026-11', 'tabletop', '2026-11-01T00:00:01Z', ['ransomware'])],
      params: { kind: 'tabletop', scenario: 'ransomware' },
      examined: 0,
      metrics: { exercises_within_max_age: 0 },
      findings: [{ resource: 'exercises:tabletop:ransomware', message: 'no tabletop exercise with scenario ransomware on record before as-of (1 dated after as-of is not counted); expected one within 12mo' }],
    },
    {
      name: 'an empty register fails: the missing exercise is the finding, not a vacuous test',
      records: [],
      params: { kind: 'red-team' },
      examined: 0,
      metrics: { exercises_within_max_age: 0 },
      findings: [{ resource: 'exercises:red-team', message: 'no red-team exercise on record before as-of; expected one within 12mo' }],
    },
  ],
});
