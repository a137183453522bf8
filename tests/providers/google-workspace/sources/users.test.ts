import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import source from '../../../../src/providers/google-workspace/sources/users.js';
import { identityAccounts, type GoogleWorkspaceUser } from '../../../../src/providers/google-workspace/lib/users.js';
import { SourceTester } from '../../../../src/testing/index.js';
import { fixturesDir } from '../../../support/paths.js';

const EXPORT = 'google-workspace/export';
const file = (relative: string) => ({ display: `fixtures/${EXPORT}/${relative}`, text: readFileSync(path.join(fixturesDir, EXPORT, relative), 'utf8') });
const exported = ['users/page-0001.json', 'users/page-0002.json', 'deleted/page-0001.json'].map(file);

const page = (user: Record<string, unknown>) =>
  JSON.stringify({ kind: 'admin#directory#users', users: [{ id: '1042', primaryEmail: 'lee@example.org', suspended: false, isAdmin: false, isDelegatedAdmin: false, ...user }] });

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
    { name: 'a user with only the fields the source needs: 2-Step Verification unknown', text: page({}), records: [lee] },
    {
      name: 'lastLoginTime at the epoch is never signed in; the organization external id is the employee id',
      text: page({ lastLoginTime: '1970-01-01T00:00:00.000Z', isEnrolledIn2Sv: false, externalIds: [{ type: 'custom', customType: 'badge', value: 'B7' }, { type: 'organization', value: 'E42' }] }),
      records: [{ ...lee, isEnrolledIn2Sv: false, employeeId: 'E42', lastLoginExported: true }],
    },
    { name: 'an empty page: Google leaves users out', text: '{"kind": "admin#directory#users", "etag": "\\"x\\""}', records: [] },
  ],
  reject: [
    { name: 'an empty file', text: '', error: 'File is empty: expected a page of the Admin SDK users listing', line: 1, col: 1 },
    { name: 'another listing', text: '{"kind": "admin#directory#groups", "groups": []}', error: /^kind: /, line: 1, col: 10 },
    { name: 'a bare array', text: '[]', error: 'expected object, found an array', line: 1, col: 1 },
    { name: 'no suspended field (a trimmed fields= export)', text: page({ suspended: undefined }), error: 'users[0].suspended: missing (expected boolean)' },
    { name: 'an impossible date', text: page({ lastLoginTime: '2026-02-30T10:00:00.000Z' }), error: 'users[0].lastLoginTime: expected a date-time like 2024-01-15T10:20:30.000Z, found "2026-02-30T10:00:00.000Z"' },
    { name: 'a string for a boolean', text: page({ isAdmin: 'true' }), error: /^users\[0\]\.isAdmin: /, line: 1, col: 116 },
  ],
});

describe('google-workspace/users over a whole export', () => {
  const users = source.read(exported);
  const accounts = identityAccounts(users);

  it('reads every page of both listings', () => {
    expect(users.map((user) => user.primaryEmail)).toEqual([
      'alice@example.com',
      'bea.kowalski@example.com',
      'hal.berg@example.com',
      'frank.ito@example.com',
      'sam@example.com',
      'ola.svensson@example.com',
      'carol.ng@example.com',
    ]);
  });

  it('offers identity/accounts: statuses, e-mails lower-case and deduplicated, 2SV as a factor of unknown strength, admin roles', () => {
    expect(accounts.map((account) => [account.login, account.status, account.employeeId, account.mfaFactors, account.adminRoles, account.lastSignIn?.toISOString() ?? null])).toEqual([
      ['alice@example.com', 'active', 'E1001', [{ kind: 'unknown', strength: 'unknown' }], ['Super Admin'], '2026-10-30T08:12:44.000Z'],
      ['bea.kowalski@example.com', 'active', null, [], [], null],
      ['hal.berg@example.com', 'active', 'E1009', [], [], '2026-07-01T16:40:02.000Z'],
      ['frank.ito@example.com', 'suspended', 'E1007', [{ kind: 'unknown', strength: 'unknown' }], [], '2026-09-12T11:03:27.000Z'],
      ['sam@example.com', 'active', null, [{ kind: 'unknown', strength: 'unknown' }], ['Delegated Admin'], '2026-10-29T07:55:10.000Z'],
      ['ola.svensson@example.com', 'suspended', null, [], [], '2025-11-20T13:20:00.000Z'],
      ['carol.ng@example.com', 'deprovisioned', 'E1003', [{ kind: 'unknown', strength: 'unknown' }], [], '2026-10-09T15:02:11.000Z'],
    ]);
    expect(accounts[0]).toMatchObject({
      provider: 'google-workspace',
      id: '104200000000000000001',
      emails: ['alice@example.com', 'a.moreau@example.com', 'alice@example.com.test-google-a.com'],
      displayName: 'Alice Moreau',
      created: new Date('2021-04-12T09:00:00.000Z'),
      statusChanged: null,
    });
    expect(accounts.at(-1)?.statusChanged).toEqual(new Date('2026-10-10T09:00:00.000Z'));
  });

  it('leaves the creation time out of the view when the export has no lastLoginTime: unknown, not never signed in', () => {
    const [withField, without] = identityAccounts(
      source.read([{ display: 'a.json', text: page({ creationTime: '2026-01-01T00:00:00.000Z', lastLoginTime: '1970-01-01T00:00:00.000Z' }) }, { display: 'b.json', text: page({ id: '1043', creationTime: '2026-01-01T00:00:00.000Z' }) }]),
    );
    expect([withField?.created, withField?.lastSignIn]).toEqual([new Date('2026-01-01T00:00:00.000Z'), null]);
    expect([without?.created, without?.lastSignIn]).toEqual([null, null]);
  });

  it('counts a user listed both present and deleted as deleted, whichever file comes first', () => {
    const present = { display: 'users/page.json', text: page({}) };
    const deleted = { display: 'deleted/page.json', text: page({ deletionTime: '2026-10-01T00:00:00.000Z' }) };
    expect(source.read([present, deleted]).map((user) => user.deleted)).toEqual([new Date('2026-10-01T00:00:00.000Z')]);
    expect(source.read([deleted, present]).map((user) => user.deleted)).toEqual([new Date('2026-10-01T00:00:00.000Z')]);
  });
});
