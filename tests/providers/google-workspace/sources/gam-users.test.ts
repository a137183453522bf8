import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import source from '../../../../src/providers/google-workspace/sources/gam-users.js';
import jsonSource from '../../../../src/providers/google-workspace/sources/users.js';
import { identityAccounts, type GoogleWorkspaceUser } from '../../../../src/providers/google-workspace/lib/users.js';
import { SourceTester } from '../../../../src/testing/index.js';
import { fixturesDir } from '../../../support/paths.js';

const fixture = (relative: string) => ({ display: `fixtures/google-workspace/${relative}`, text: readFileSync(path.join(fixturesDir, 'google-workspace', relative), 'utf8') });

const HEADER = 'primaryEmail,id,suspended,isAdmin,isDelegatedAdmin';
const csv = (header: string, ...rows: string[]) => `${header}\n${rows.join('\n')}\n`;

const lee: GoogleWorkspaceUser = {
  id: '1042',
  primaryEmail: 'lee@example.org',
  fullName: null,
  emails: [],
  employeeId: null,
  suspended: false,
  archived: false,
  deleted: null,
  isAdmin: false,
  isDelegatedAdmin: false,
  isEnrolledIn2Sv: null,
  isEnforcedIn2Sv: null,
  created: null,
  lastLogin: null,
  lastLoginExported: false,
  orgUnitPath: null,
};

new SourceTester(source).run({
  read: [
    { name: 'only the required columns: 2-Step Verification and last sign-in unknown', text: csv(HEADER, 'lee@example.org,1042,False,False,False'), records: [lee] },
    {
      name: 'Never, the epoch and an offset time; lists in column order; booleans in any case',
      text: csv(
        `${HEADER},isEnrolledIn2Sv,lastLoginTime,creationTime,emails.1.address,emails.0.address,externalIds.0.type,externalIds.0.value`,
        'lee@example.org,1042,FALSE,false,true,True,Never,2026-01-05T09:00:00+01:00,lee.park@example.org,lee@example.org,organization,E42',
        'kim@example.org,1043,False,False,False,False,1970-01-01T00:00:00Z,,,,,',
      ),
      records: [
        { ...lee, isDelegatedAdmin: true, isEnrolledIn2Sv: true, created: new Date('2026-01-05T08:00:00.000Z'), emails: ['lee@example.org', 'lee.park@example.org'], employeeId: 'E42', lastLoginExported: true },
        { ...lee, id: '1043', primaryEmail: 'kim@example.org', isEnrolledIn2Sv: false, lastLoginExported: true },
      ],
    },
    { name: 'a header only', text: `${HEADER}\n`, records: [] },
    {
      name: 'print users deleted_only: the deletion time; an empty one is a user that exists',
      text: csv(`${HEADER},deletionTime`, 'lee@example.org,1042,False,False,False,2026-10-10T09:00:00Z', 'kim@example.org,1043,False,False,False,'),
      records: [{ ...lee, deleted: new Date('2026-10-10T09:00:00.000Z') }, { ...lee, id: '1043', primaryEmail: 'kim@example.org' }],
    },
  ],
  reject: [
    { name: 'an empty file', text: '', error: 'File is empty: expected a CSV header row', line: 1, col: 1 },
    {
      name: 'the default print users (primaryEmail only)',
      text: csv('primaryEmail', 'lee@example.org'),
      error: 'Expected GAM\'s user columns "id", "suspended", "isAdmin", "isDelegatedAdmin", found "primaryEmail"',
      line: 1,
      col: 1,
    },
    { name: 'a boolean GAM does not write', text: csv(HEADER, 'lee@example.org,1042,yes,False,False'), error: 'Invalid suspended "yes" for user lee@example.org: expected True or False', line: 2, col: 22 },
    { name: 'an empty required boolean', text: csv(HEADER, 'lee@example.org,1042,False,,False'), error: 'Invalid isAdmin "" for user lee@example.org: expected True or False', line: 2, col: 28 },
    { name: 'no id', text: csv(HEADER, 'lee@example.org,,False,False,False'), error: 'Invalid id "" for user lee@example.org: expected a value', line: 2, col: 17 },
    {
      name: 'a time that is not one',
      text: csv(`${HEADER},lastLoginTime`, 'lee@example.org,1042,False,False,False,2026-02-30T10:00:00Z'),
      error: 'Invalid lastLoginTime "2026-02-30T10:00:00Z" for user lee@example.org: expected a date-time like 2024-01-15T10:20:30Z, or Never',
      line: 2,
      col: 40,
    },
    { name: 'an empty 2SV cell where the column is exported', text: csv(`${HEADER},isEnrolledIn2Sv`, 'lee@example.org,1042,False,False,False,'), error: /^Invalid isEnrolledIn2Sv "" /, line: 2, col: 40 },
    { name: 'a ragged row', text: csv(HEADER, 'lee@example.org,1042,False'), error: 'Expected 5 fields as in the header, found 3', line: 2 },
  ],
});

describe('google-workspace/gam-users over GAM\'s allfields CSV', () => {
  const users = source.read([fixture('gam/users.csv')]);

  it('reads the same users, fields and accounts as the Admin SDK pages of the same org', () => {
    const pages = jsonSource.read(['export/users/page-0001.json', 'export/users/page-0002.json'].map(fixture));
    const byId = (list: readonly GoogleWorkspaceUser[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    // GAM's row of an alias carries it as emails.1.address; the API lists Google's test-google-a.com address too.
    expect(byId(users).map((user) => ({ ...user, emails: [] }))).toEqual(byId(pages).map((user) => ({ ...user, emails: [] })));
    expect(users[0]?.emails).toEqual(['alice@example.com', 'a.moreau@example.com']);
    expect(identityAccounts(users).map((account) => [account.login, account.status, account.mfaFactors?.length ?? null, account.adminRoles])).toEqual([
      ['alice@example.com', 'active', 1, ['Super Admin']],
      ['bea.kowalski@example.com', 'active', 0, []],
      ['frank.ito@example.com', 'suspended', 1, []],
      ['hal.berg@example.com', 'active', 0, []],
      ['ola.svensson@example.com', 'suspended', 0, []],
      ['sam@example.com', 'active', 1, ['Delegated Admin']],
    ]);
  });
});
