import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/core/errors.js';
import source from '../../../../src/providers/governance/sources/exercises.js';
import { SourceTester } from '../../../../src/testing/index.js';
import { fixturesDir } from '../../../support/paths.js';

const yamlFixture = readFileSync(path.join(fixturesDir, 'governance/exercises.yaml'), 'utf8');
const csvFixture = readFileSync(path.join(fixturesDir, 'governance/exercises.csv'), 'utf8');
const YAML = 'exercises.yaml';
const CSV = 'exercises.csv';
const CSV_HEADER = 'exercise_id,date,kind,outcome,scenario,action_id,action_title,action_owner,action_due,action_closed';

const action = (id: string, owner: string, due: string, dueText: string, closed: string | null = null) => ({
  id,
  title: `Action ${id}`,
  owner,
  due: new Date(due),
  dueText,
  closed: closed === null ? null : new Date(closed),
});

const exercise = (fields: Record<string, unknown>) => ({
  id: 'TTX-1',
  title: null,
  kind: 'tabletop',
  held: new Date('2026-04-20T00:00:00Z'),
  scenario: [],
  outcome: 'succeeded',
  participants: [],
  restore: null,
  actions: [],
  ...fields,
});

const minimal = (extra = ''): string => `- id: TTX-1\n  date: 2026-04-20\n  kind: tabletop\n  outcome: succeeded\n${extra}`;

new SourceTester(source).run({
  read: [
    {
      name: 'the YAML fixture: a date alone starts its day, a due or closed date alone ends it, zones read',
      text: yamlFixture,
      file: YAML,
      records: [
        exercise({
          id: 'TTX-2026-04',
          title: 'Ransomware tabletop with the executive team',
          scenario: ['ransomware', 'extortion'],
          outcome: 'partial',
          participants: ['ciso@example.com', 'cto@example.com', 'legal@example.com', 'it-ops@example.com'],
          actions: [
            { ...action('A1', 'it-ops@example.com', '2026-07-01T00:00:00Z', '2026-06-30', '2026-06-25T00:00:00Z'), title: 'Document the offline restore of the identity provider' },
            { ...action('A2', 'ciso@example.com', '2026-08-01T00:00:00Z', '2026-07-31'), title: 'Keep an out-of-band contact list for the incident team' },
            { ...action('A3', 'legal@example.com', '2026-10-01T00:00:00Z', '2026-09-30', '2026-10-14T14:20:00Z'), title: 'Retain breach counsel and a negotiation firm in advance' },
          ],
        }),
        exercise({
          id: 'SIM-2026-09',
          title: 'Cloud account takeover simulation',
          kind: 'incident-simulation',
          held: new Date('2026-09-10T12:00:00Z'),
          scenario: ['cloud-account-takeover'],
          participants: ['secops@example.com', 'platform@example.com'],
          actions: [{ ...action('SEC-1290', 'secops@example.com', '2026-12-16T00:00:00Z', '2026-12-15'), title: 'Alert on root sign-ins within five minutes' }],
        }),
        exercise({
          id: 'RT-2026-03',
          title: 'External red-team engagement',
          kind: 'red-team',
          held: new Date('2026-03-02T00:00:00Z'),
          scenario: ['phishing', 'lateral-movement'],
          outcome: 'partial',
          participants: ['secops@example.com'],
          actions: [{ ...action('SEC-1174', 'iam@example.com', '2026-06-01T00:00:00Z', '2026-05-31', '2026-05-21T00:00:00Z'), title: 'Require phishing-resistant MFA for administrators' }],
        }),
        exercise({
          id: 'RR-2026-07',
          title: 'Restore rehearsal of the orders database volume',
          kind: 'restore',
          held: new Date('2026-07-14T00:00:00Z'),
          scenario: ['ransomware'],
          outcome: 'failed',
          restore: { resourceType: 'EBS', rtoMeasuredMs: null, rpoMeasuredMs: null },
          actions: [{ ...action('OPS-611', 'platform@example.com', '2026-08-16T00:00:00Z', '2026-08-15', '2026-08-11T00:00:00Z'), title: "Fix the restore runbook's KMS key grant" }],
        }),
        exercise({
          id: 'RR-2026-10',
          title: 'Restore rehearsal of the orders database',
          kind: 'restore',
          held: new Date('2026-10-08T09:00:00Z'),
          scenario: ['ransomware'],
          restore: { resourceType: 'RDS', rtoMeasuredMs: 3.5 * 3_600_000, rpoMeasuredMs: 45 * 60_000 },
        }),
      ],
    },
    {
      name: 'the CSV fixture: one row per action, exercise columns repeated, an exercise without actions',
      text: csvFixture,
      file: CSV,
      records: [
        exercise({
          id: 'TTX-2026-Q3-DC',
          title: 'Loss of the primary data centre',
          held: new Date('2026-08-18T00:00:00Z'),
          scenario: ['data-centre-loss', 'supplier-outage'],
          participants: ['cto@example.com', 'it-ops@example.com'],
          actions: [
            { ...action('OPS-640', 'it-ops@example.com', '2026-10-01T00:00:00Z', '2026-09-30'), title: 'Test DNS failover to the secondary region' },
            { ...action('OPS-641', 'cto@example.com', '2026-10-16T00:00:00Z', '2026-10-15', '2026-10-15T22:00:00Z'), title: 'Agree recovery priorities with the business' },
          ],
        }),
        exercise({
          id: 'RR-2026-09-EFS',
          title: 'Restore rehearsal of the shared file system',
          kind: 'restore',
          held: new Date('2026-09-22T00:00:00Z'),
          scenario: ['ransomware'],
          participants: ['platform@example.com'],
          restore: { resourceType: 'EFS', rtoMeasuredMs: 95 * 60_000, rpoMeasuredMs: 6 * 3_600_000 },
        }),
      ],
    },
    { name: 'an empty YAML register', text: '[]\n', file: YAML, records: [] },
    { name: 'a CSV register with its header only', text: `${CSV_HEADER}\n`, file: CSV, records: [] },
    {
      name: 'the list under an "exercises" key; tags lower-case and once; closed null is open; .yml and .gz names',
      text: `exercises:\n${minimal('  scenario: [Ransomware, ransomware]\n  actions:\n    - { id: A1, title: Action A1, owner: bob, due: "2026-05-01T23:30:00-05:00", closed: null }\n').replace(/^/gm, '  ')}`,
      file: 'register.yml.gz',
      records: [exercise({ scenario: ['ransomware'], actions: [action('A1', 'bob', '2026-05-02T04:30:00Z', '2026-05-01T23:30:00-05:00')] })],
    },
    {
      name: 'a CSV restore rehearsal with measured durations and no action columns at all',
      text: 'exercise_id,date,kind,outcome,resource_type,rto_measured,rpo_measured\nRR-1,2026-10-01T22:00:00-03:00,restore,partial,RDS,2d,0.5h\n',
      file: CSV,
      records: [exercise({ id: 'RR-1', kind: 'restore', held: new Date('2026-10-02T01:00:00Z'), outcome: 'partial', restore: { resourceType: 'RDS', rtoMeasuredMs: 2 * 86_400_000, rpoMeasuredMs: 1_800_000 } })],
    },
  ],
  reject: [
    { name: 'an empty YAML file', text: '\n', file: YAML, error: 'File is empty: expected a YAML list of exercises', line: 1, col: 1 },
    { name: 'an empty CSV file', text: '', file: CSV, error: 'File is empty: expected a CSV header row', line: 1, col: 1 },
    { name: 'a file that is neither YAML nor CSV by its name', text: '[]', file: 'exercises.json', error: 'Expected an exercise register ending in .yaml, .yml or .csv, found "exercises.json"' },
    { name: 'a mapping that is not a list of exercises', text: 'id: TTX-1\n', file: YAML, error: /^Expected a list of exercises/, line: 1, col: 1 },
    { name: 'an unknown key, at the key', text: minimal('  particpants: [a]\n'), file: YAML, error: 'Unknown key "particpants" in exercise TTX-1', line: 5, col: 3 },
    {
      name: 'an unknown key of an action item',
      text: minimal('  actions:\n    - id: A1\n      title: t\n      owner: o\n      due: 2026-05-01\n      done: 2026-05-02\n'),
      file: YAML,
      error: 'Unknown key "done" in exercise TTX-1, actions[0]',
      line: 10,
      col: 7,
    },
    { name: 'an unknown kind', text: minimal().replace('kind: tabletop', 'kind: table-top'), file: YAML, error: /^exercise TTX-1, kind: /, line: 3, col: 9 },
    { name: 'an impossible date', text: minimal().replace('2026-04-20', '2026-02-30'), file: YAML, error: 'exercise TTX-1, date: expected a date like 2026-04-20 or a date-time with a zone like 2026-04-20T14:00:00+02:00, found "2026-02-30"', line: 2, col: 9 },
    { name: 'a date-time without a zone', text: minimal().replace('2026-04-20', '2026-04-20T10:00:00'), file: YAML, error: /^exercise TTX-1, date: expected a date/, line: 2, col: 9 },
    { name: 'a missing outcome', text: minimal().replace('  outcome: succeeded\n', ''), file: YAML, error: 'exercise TTX-1, outcome: missing (expected one of succeeded, partial, failed)', line: 1, col: 3 },
    { name: 'an id that is a number', text: minimal().replace('TTX-1', '42'), file: YAML, error: 'exercises[0], id: expected string, found 42', line: 1, col: 7 },
    { name: 'a measured RTO on a tabletop', text: minimal('  rto_measured: 2h\n'), file: YAML, error: 'exercise TTX-1, rto_measured: only a restore rehearsal (kind restore) records rto_measured, found it on a tabletop exercise', line: 5, col: 17 },
    { name: 'a measured RTO in months', text: minimal('  rto_measured: 1mo\n').replace('tabletop', 'restore'), file: YAML, error: /^exercise TTX-1, rto_measured: expected a measured duration in m, h, d or w/, line: 5, col: 17 },
    {
      name: 'an action id twice in one exercise',
      text: minimal('  actions:\n    - { id: A1, title: t, owner: o, due: 2026-05-01 }\n    - { id: A1, title: u, owner: o, due: 2026-05-02 }\n'),
      file: YAML,
      error: 'exercise TTX-1, actions[1].id: expected action ids unique within the exercise, found "A1" twice',
      line: 7,
      col: 13,
    },
    { name: 'an exercise id twice in one file', text: `${minimal()}${minimal()}`, file: YAML, error: 'Duplicate exercise id "TTX-1" (first on line 1)', line: 5, col: 7 },
    { name: 'a CSV column the contract does not have', text: 'exercise_id,date,kind,outcome,scenarios\n', file: CSV, error: 'Unknown column "scenarios"', line: 1, col: 31 },
    { name: 'a CSV without a required column', text: 'exercise_id,date,kind\n', file: CSV, error: 'Expected a column "outcome", found "exercise_id", "date", "kind"', line: 1, col: 1 },
    { name: 'a CSV with only some action columns', text: 'exercise_id,date,kind,outcome,action_id,action_due\n', file: CSV, error: /^Expected a column "action_title"/, line: 1, col: 1 },
    {
      name: 'rows of one exercise that disagree on its date',
      text: `${CSV_HEADER}\nTTX-1,2026-04-20,tabletop,succeeded,,A1,t,o,2026-05-01,\nTTX-1,2026-04-21,tabletop,succeeded,,A2,t,o,2026-05-01,\n`,
      file: CSV,
      error: 'Expected date "2026-04-20" as on line 2 for exercise TTX-1, found "2026-04-21"',
      line: 3,
      col: 7,
    },
    {
      name: 'action cells without an action id',
      text: `${CSV_HEADER}\nTTX-1,2026-04-20,tabletop,succeeded,,,t,o,2026-05-01,\n`,
      file: CSV,
      error: 'Expected an action_id on a row with action cells, found an empty cell',
      line: 2,
      col: 38,
    },
    {
      name: 'an action without a due date, at its cell',
      text: `${CSV_HEADER}\nTTX-1,2026-04-20,tabletop,succeeded,,A1,t,o,,\n`,
      file: CSV,
      error: 'exercise TTX-1, actions[0].due (column action_due): expected a value, found an empty cell',
      line: 2,
      col: 45,
    },
    {
      name: 'a closed date-time without a zone, at its cell',
      text: `${CSV_HEADER}\nTTX-1,2026-04-20,tabletop,succeeded,,A1,t,o,2026-05-01,\nTTX-1,2026-04-20,tabletop,succeeded,,A2,t,o,2026-05-01,2026-05-01 09:00\n`,
      file: CSV,
      error: /^exercise TTX-1, actions\[1\]\.closed \(column action_closed\): expected a date/,
      line: 3,
      col: 56,
    },
    { name: 'an empty outcome cell', text: 'exercise_id,date,kind,outcome\nTTX-1,2026-04-20,tabletop,\n', file: CSV, error: 'exercise TTX-1, outcome (column outcome): expected a value, found an empty cell', line: 2, col: 27 },
    { name: 'an empty exercise id', text: `${CSV_HEADER}\n,2026-04-20,tabletop,succeeded,,,,,,\n`, file: CSV, error: 'Expected an exercise_id, found an empty cell', line: 2, col: 1 },
    { name: 'a ragged CSV row', text: `${CSV_HEADER}\nTTX-1,2026-04-20\n`, file: CSV, error: /^Expected 10 fields as in the header, found 2/, line: 2 },
  ],
});

describe('governance/exercises across files', () => {
  it('refuses an exercise id that a YAML file and a CSV file both hold, at the second', () => {
    const files = [
      { display: '/register/exercises.yaml', text: minimal() },
      { display: '/register/more.csv', text: 'exercise_id,date,kind,outcome\nTTX-1,2026-04-20,tabletop,succeeded\n' },
    ];
    expect(() => source.read(files, undefined)).toThrow(UserError);
    try {
      source.read(files, undefined);
    } catch (error) {
      expect(error instanceof UserError ? error.located : error).toBe('/register/more.csv:2:1: Duplicate exercise id "TTX-1" (first in exercises.yaml:1)');
    }
  });

  it('reads the exercises of several files in file order', () => {
    const files = [
      { display: '/a.csv', text: 'exercise_id,date,kind,outcome\nTTX-2,2026-04-21,tabletop,failed\n' },
      { display: '/b.yaml', text: minimal() },
    ];
    expect(source.read(files, undefined).map((record) => record.id)).toEqual(['TTX-2', 'TTX-1']);
  });
});
