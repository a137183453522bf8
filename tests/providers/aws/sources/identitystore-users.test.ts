import { describe, expect, it } from 'vitest';
import source, { identityAccounts, type IdentityStoreUser } from '../../../../src/providers/aws/sources/identitystore-users.js';
import { SourceTester } from '../../../../src/testing/index.js';
import { fixtures } from './export-fixtures.js';

const listing = (user: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ Users: [{ UserId: 'u-1', IdentityStoreId: 'd-1234567890', ...user }], ...extra });

const lee: IdentityStoreUser = { identityStoreId: 'd-1234567890', userId: 'u-1', userName: null, displayName: null, emails: [], userStatus: null, createdAt: null };

new SourceTester(source).run({
  read: [
    { name: 'a user with only its ids', text: listing({}), records: [lee] },
    {
      name: 'CLI v1 epoch seconds, a disabled user, the name when there is no display name, the primary e-mail first',
      text: listing({
        UserName: 'lee',
        Name: { GivenName: 'Lee', FamilyName: 'Park' },
        Emails: [{ Value: 'lee@home.example' }, { Value: 'Lee@Example.org', Primary: true }],
        UserStatus: 'DISABLED',
        CreatedAt: 1677664800.5,
      }),
      records: [{ ...lee, userName: 'lee', displayName: 'Lee Park', emails: ['lee@example.org', 'lee@home.example'], userStatus: 'DISABLED', createdAt: new Date('2023-03-01T10:00:00.500Z') }],
    },
    { name: 'an empty identity store', text: '{"Users": []}', records: [] },
  ],
  reject: [
    { name: 'an empty file (a failed call)', text: '', error: /^File is empty: expected the output of aws identitystore list-users/, line: 1, col: 1 },
    { name: 'another listing', text: '{"Groups": []}', error: 'Expected the output of aws identitystore list-users ({"Users": [...]}); found an object with keys Groups', line: 1, col: 1 },
    { name: 'a listing cut short by --max-items', text: listing({}, { NextToken: 'eyJOZXh0VG9rZW4iOiBudWxsfQ==' }), error: /NextToken/ },
    { name: 'a status the API does not have', text: listing({ UserStatus: 'SUSPENDED' }), error: /^Users\[0\]\.UserStatus: / },
    { name: 'no user id', text: '{"Users": [{"IdentityStoreId": "d-1234567890"}]}', error: 'Users[0].UserId: missing (expected string)' },
  ],
});

describe('aws/identitystore-users over CLI exports', () => {
  it('offers identity/accounts: disabled users suspended, sign-ins and MFA unknown (null), never none', async () => {
    const users = source.read(await fixtures('aws/identitystore/list-users.json', 'aws/identitystore/list-users-legacy.json'));
    const accounts = identityAccounts(users);
    expect(accounts.map((account, index) => [account.id, account.login, account.status, account.emails, account.displayName, users[index]?.createdAt?.toISOString() ?? null])).toEqual([
      ['9067c5e4b1-0f6a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d', 'alice@example.com', 'active', ['alice@example.com'], 'Alice Moreau', '2023-03-01T10:00:00.123Z'],
      ['9067c5e4b1-1a2b3c4d-5e6f-4a7b-9c8d-0e1f2a3b4c5d', 'hal.berg', 'active', ['hal.berg@example.com'], 'Hal Berg', '2025-05-05T09:00:00.000Z'],
      ['9067c5e4b1-2b3c4d5e-6f7a-4b8c-8d9e-1f2a3b4c5d6e', 'frank.ito@example.com', 'suspended', ['frank.ito@example.com'], 'Frank Ito', '2023-02-01T09:30:00.000Z'],
      // An identity store migrated from legacy SSO, exported before UserStatus existed: taken as active.
      ['3f1e2d4c-5b6a-4798-8a7b-6c5d4e3f2a1b', 'sam', 'active', ['sam@example.com', 'sam.idowu@example.net'], 'Sam Idowu', null],
    ]);
    // Without sign-ins in the export, the view leaves created out too: dormant-accounts counts them as unknown, not never signed in.
    for (const account of accounts) expect(account).toMatchObject({ provider: 'aws', created: null, lastSignIn: null, mfaFactors: null, statusChanged: null, employeeId: null, adminRoles: [] });
  });

  it('falls back to the user id as login when the listing has no user name', () => {
    expect(identityAccounts([lee])[0]?.login).toBe('u-1');
  });
});
