import { readFileSync } from 'node:fs';
import path from 'node:path';
import source from '../../../../src/providers/hr/sources/leavers.js';
import { SourceTester } from '../../../../src/testing/index.js';
import { fixturesDir } from '../../../support/paths.js';

const fixture = readFileSync(path.join(fixturesDir, 'hr/leavers.csv'), 'utf8');
const HEADER = 'employee_id,email,termination_date,manager_email';
const leaver = (employeeId: string | null, email: string | null, terminated: string, manager: string | null = null) => ({
  employeeId,
  email,
  terminated: new Date(terminated),
  manager,
});

new SourceTester(source).run({
  read: [
    {
      name: 'the fixture export: employed people and the rehired one left out, e-mails lower-case, dates ending with their day',
      text: fixture,
      records: [
        leaver('E1003', 'carol.ng@example.com', '2026-10-10T00:00:00Z', 'sam@example.com'),
        leaver('E1007', 'frank.ito@example.com', '2026-09-15T00:00:00Z', 'kim@example.com'),
        leaver('E1008', 'gina.ruiz@example.com', '2026-10-17T00:00:00Z', 'sam@example.com'),
        leaver('E1009', 'hal.berg@example.com', '2026-08-30T00:00:00Z', 'kim@example.com'),
        leaver('E1010', 'ivy.chen@example.com', '2026-10-31T17:00:00Z', 'kim@example.com'),
      ],
    },
    {
      name: 'columns named by params, in any order; an offset instant',
      text: 'Left At,Mail,Worker ID,Boss\n2026-10-02T18:00:00+02:00,LEE@example.org,W-7,\n',
      params: { employee_id_column: 'Worker ID', email_column: 'Mail', terminated_column: 'Left At', manager_column: 'Boss' },
      records: [leaver('W-7', 'lee@example.org', '2026-10-02T16:00:00Z')],
    },
    {
      name: 'of two terminations the latest counts; a row with only an employee id',
      text: `${HEADER}\nE1,a@example.org,2025-01-31,\nE1,a@example.org,2026-06-30,\nE2,,2026-07-01T09:00:00Z,\n`,
      records: [leaver('E1', 'a@example.org', '2026-07-01T00:00:00Z'), leaver('E2', null, '2026-07-01T09:00:00Z')],
    },
    {
      name: 'an employed row wins over a termination listed after it (rehired)',
      text: `${HEADER}\nE1,a@example.org,,\nE1,a@example.org,2025-01-31,\n`,
      records: [],
    },
    { name: 'no employee id column: e-mail joins only', text: 'email,termination_date\nb@example.org,2026-01-05\n', records: [leaver(null, 'b@example.org', '2026-01-06T00:00:00Z')] },
  ],
  reject: [
    { name: 'an empty file', text: '', error: 'File is empty: expected a CSV header row', line: 1, col: 1 },
    {
      name: 'an impossible calendar date, at its cell',
      text: `${HEADER}\nE1,a@example.org,2026-02-30,\n`,
      error: 'Invalid termination_date "2026-02-30": expected a calendar date like 2026-10-02 or a date-time with a zone like 2026-10-02T17:30:00Z',
      line: 2,
      col: 18,
    },
    { name: 'a US-style date', text: `${HEADER}\nE1,a@example.org,03/04/2025,\n`, error: /^Invalid termination_date "03\/04\/2025"/, line: 2, col: 18 },
    { name: 'a date-time without a zone', text: `${HEADER}\nE1,a@example.org,2026-03-04T10:00:00,\n`, error: /^Invalid termination_date/, line: 2, col: 18 },
    { name: 'no termination column', text: 'employee_id,email\nE1,a@example.org\n', error: 'Expected a column "termination_date" (terminated_column), found "employee_id", "email"', line: 1, col: 1 },
    {
      name: 'a column param naming a column the file lacks',
      text: `${HEADER}\nE1,a@example.org,2026-01-01,\n`,
      params: { email_column: 'work_email' },
      error: /^Expected a column "work_email" \(email_column\)/,
      line: 1,
    },
    { name: 'a row with neither e-mail nor employee id', text: `${HEADER}\n,,2026-01-01,\n`, error: /^Expected an e-mail \(email\) or an employee id/, line: 2, col: 2 },
    { name: 'an e-mail that is none', text: `${HEADER}\nE1,alice,2026-01-01,\n`, error: 'Invalid email "alice": expected an e-mail address', line: 2, col: 4 },
  ],
});
