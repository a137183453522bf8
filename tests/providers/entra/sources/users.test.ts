import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/core/errors.js';
import { REGISTRATION_READER } from '../../../../src/providers/entra/lib/registration.js';
import source, { identityAccounts, lastSignInOf, UNNAMED_ADMIN_ROLE, USER_READER, type EntraUser } from '../../../../src/providers/entra/sources/users.js';
import { SourceTester } from '../../../../src/testing/index.js';
import { fixturesDir } from '../../../support/paths.js';
import { expectFastPathAgrees } from '../../../support/record-readers.js';

const EXPORT = 'entra/export';
const file = (relative: string) => ({ display: `fixtures/${relative}`, path: `fixtures/${relative}`, text: readFileSync(path.join(fixturesDir, relative), 'utf8') });
const firstPage = file(`${EXPORT}/users/page-0001.json`);
const lastPage = file(`${EXPORT}/users/page-0002.json`);
const userPages = [firstPage, lastPage];
const registrations = file(`${EXPORT}/registration-details/page-0001.json`);
const roles = file(`${EXPORT}/directory-roles/page-0001.json`);

const CONTEXT = 'https://graph.microsoft.com/v1.0/$metadata#users(id,userPrincipalName,accountEnabled,signInActivity)';
const lee = { id: '3c1d5e7f-0000-4000-8000-0000000000a1', userPrincipalName: 'lee@example.org', accountEnabled: true };
const page = (users: readonly Record<string, unknown>[], extra: Record<string, unknown> = {}) => JSON.stringify({ '@odata.context': CONTEXT, value: users, ...extra });

const leeUser: EntraUser = {
  id: lee.id,
  userPrincipalName: 'lee@example.org',
  displayName: null,
  mail: null,
  otherMails: [],
  accountEnabled: true,
  userType: null,
  createdDateTime: null,
  employeeId: null,
  lastSignInDateTime: null,
  lastNonInteractiveSignInDateTime: null,
  lastSuccessfulSignInDateTime: null,
  registration: null,
  directoryRoles: [],
};

new SourceTester(source).run({
  read: [
    { name: 'a user without signInActivity: never signed in', text: page([lee]), records: [leeUser] },
    { name: 'signInActivity null: never signed in', text: page([{ ...lee, signInActivity: null }]), records: [leeUser] },
    {
      name: 'date-times with 7 fractional digits and whole seconds',
      text: page([{ ...lee, createdDateTime: '2022-03-01T12:00:00Z', signInActivity: { lastSignInDateTime: '2023-03-13T19:15:41.6195833Z', lastNonInteractiveSignInDateTime: null, lastSuccessfulSignInDateTime: '2023-03-13T19:15:41.6195833Z' } }]),
      records: [{ ...leeUser, createdDateTime: new Date('2022-03-01T12:00:00Z'), lastSignInDateTime: new Date('2023-03-13T19:15:41.619Z'), lastSuccessfulSignInDateTime: new Date('2023-03-13T19:15:41.619Z') }],
    },
    { name: 'the flat array az ad user list prints, without accountEnabled', text: JSON.stringify([{ id: lee.id, userPrincipalName: 'lee@example.org', mail: 'Lee@Example.org', businessPhones: [] }]), records: [{ ...leeUser, mail: 'Lee@Example.org', accountEnabled: null }] },
    { name: 'an empty last page', text: page([]), records: [] },
  ],
  reject: [
    { name: 'an empty file', text: '  \n', error: 'File is empty: expected an Entra user listing', line: 1, col: 1 },
    { name: 'malformed JSON, at its position', text: '{"value": [\n  {"id": "a" "userPrincipalName": "x"}]}', error: /^Invalid JSON: expected "," or "}" after the property value/, line: 2, col: 14 },
    { name: 'a user without userPrincipalName', text: page([{ id: lee.id, accountEnabled: true }]), error: 'value[0].userPrincipalName: missing (expected string)' },
    { name: 'accountEnabled that is not a boolean', text: page([{ ...lee, accountEnabled: 'true' }]), error: 'value[0].accountEnabled: expected boolean, found "true"', line: 1 },
    {
      name: 'an impossible date-time',
      text: page([{ ...lee, signInActivity: { lastSignInDateTime: '2026-02-30T10:00:00.1234567Z' } }]),
      error: 'value[0].signInActivity.lastSignInDateTime: expected a date-time like 2023-03-13T19:15:41.6195833Z, found "2026-02-30T10:00:00.1234567Z"',
    },
    { name: 'a page without value', text: JSON.stringify({ '@odata.context': CONTEXT }), error: 'value: missing (expected array)', line: 1, col: 1 },
    { name: 'the only page has @odata.nextLink: the last page is missing', text: page([lee], { '@odata.nextLink': 'https://graph.microsoft.com/v1.0/users?$skiptoken=x' }), error: 'Partial export: every page of users has "@odata.nextLink", so the last page is missing', line: 1 },
    { name: 'a page of some other listing', text: JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#groups', value: [] }), error: /^Expected a page of users, userRegistrationDetails, directoryRoles or signIns, found "@odata.context"/, line: 1, col: 19 },
    { name: 'a user listed twice, at its second place', text: page([lee, { ...lee }]), error: `User ${lee.id} (lee@example.org) is listed again, first in export: the glob holds two exports`, line: 1, col: 237 },
    { name: 'a page of sign-ins', text: JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns', value: [] }), error: 'Expected users, found a page of signIns: bind it to an entra/sign-ins source' },
  ],
});

describe('entra/users over a whole export', () => {
  const users = source.read([...userPages, registrations, roles]);
  const accounts = identityAccounts(users);

  it('reads both pages (the first with @odata.nextLink) and joins registration details and role members by id', () => {
    expect(users.map((user) => [user.userPrincipalName, user.accountEnabled, user.registration?.methodsRegistered ?? null, user.directoryRoles])).toEqual([
      ['alice@example.com', true, ['passKeyDeviceBound', 'microsoftAuthenticatorPush'], ['Global Administrator']],
      ['ben.otto@example.com', true, ['mobilePhone', 'softwareOneTimePasscode'], ['User Administrator']],
      ['frank.ito@example.com', false, ['microsoftAuthenticatorPush'], []],
      ['gina.ruiz@example.com', true, ['microsoftAuthenticatorPush', 'windowsHelloForBusiness'], []],
      ['ivy.chen@example.com', true, ['email'], []],
      ['sam@example.com', true, [], []],
      ['kim_partner.example#EXT#@example.onmicrosoft.com', true, null, []],
    ]);
  });

  it('offers identity/accounts: enabled active, disabled suspended, factors with their strength, unknown without registration details', () => {
    expect(accounts.map((account) => [account.login, account.status, account.emails, account.employeeId, account.mfaFactors, account.adminRoles])).toEqual([
      ['alice@example.com', 'active', ['alice@example.com'], 'E1001', [{ kind: 'webauthn', strength: 'phishing-resistant' }, { kind: 'push', strength: 'strong' }], ['Global Administrator']],
      ['ben.otto@example.com', 'active', ['ben.otto@example.com', 'ben.otto@partner.example'], 'E1002', [{ kind: 'sms', strength: 'weak' }, { kind: 'totp', strength: 'strong' }], ['User Administrator']],
      ['frank.ito@example.com', 'suspended', ['frank.ito@example.com'], 'E1007', [{ kind: 'push', strength: 'strong' }], []],
      ['gina.ruiz@example.com', 'active', ['gina.ruiz@example.com'], 'E1008', [{ kind: 'push', strength: 'strong' }, { kind: 'windows-hello', strength: 'phishing-resistant' }], []],
      ['ivy.chen@example.com', 'active', ['ivy.chen@example.com'], 'E1010', [{ kind: 'email', strength: 'weak' }], []],
      ['sam@example.com', 'active', ['sam@example.com'], null, [], []],
      ['kim_partner.example#EXT#@example.onmicrosoft.com', 'active', ['kim@partner.example'], null, null, []],
    ]);
    expect(accounts[0]).toMatchObject({ provider: 'entra', id: '3c1d5e7f-0000-4000-8000-0000000000a1', displayName: 'Alice Moreau', created: new Date('2021-04-12T08:00:00Z'), lastSignIn: new Date('2026-10-31T22:10:02Z'), statusChanged: null });
    expect(accounts.at(-1)?.lastSignIn).toBeNull();
  });

  it('leaves factors unknown when the glob holds no registration details, and admin roles empty without role pages', () => {
    expect(identityAccounts(source.read(userPages)).map((account) => [account.mfaFactors, account.adminRoles])).toEqual(Array(7).fill([null, []]));
  });

  it('marks an admin the registration details name when no role page does', () => {
    expect(identityAccounts(source.read([...userPages, registrations])).map((account) => account.adminRoles).slice(0, 3)).toEqual([[UNNAMED_ADMIN_ROLE], [UNNAMED_ADMIN_ROLE], []]);
  });

  it('refuses identity/accounts when accountEnabled was not exported (az ad user list)', () => {
    const listed = source.read([file('entra/az-ad-user-list.json')]);
    expect(listed).toHaveLength(7);
    expect(() => identityAccounts(listed)).toThrow(UserError);
    expect(() => identityAccounts(listed)).toThrow('Entra user alice@example.com has no accountEnabled: the export cannot say whether the account can sign in');
  });

  it('refuses a glob holding the last users page alone after a first one was lost, and a user listed twice', () => {
    expect(() => source.read([firstPage])).toThrow('Partial export: every page of users has "@odata.nextLink"');
    expect(() => source.read([...userPages, { ...lastPage, display: 'again/page-0002.json' }])).toThrow(/is listed again, first in fixtures\/entra\/export\/users\/page-0002\.json/);
  });
});

describe('last sign-in', () => {
  const at = (text: string | null) => (text === null ? null : new Date(text));
  const of = (interactive: string | null, nonInteractive: string | null, success: string | null) =>
    lastSignInOf({ ...leeUser, lastSignInDateTime: at(interactive), lastNonInteractiveSignInDateTime: at(nonInteractive), lastSuccessfulSignInDateTime: at(success) });

  it('is the last successful sign-in, interactive or not, even when a later attempt failed', () => {
    expect(of('2026-10-30T00:00:00Z', '2026-10-20T00:00:00Z', '2026-10-20T00:00:00Z')).toEqual(new Date('2026-10-20T00:00:00Z'));
  });

  it('without a success since tracking began, is the latest attempt bounded by 2023-12-01', () => {
    expect(of('2023-09-18T07:40:00Z', '2023-11-02T03:00:00Z', null)).toEqual(new Date('2023-11-02T03:00:00Z'));
    expect(of('2026-10-30T00:00:00Z', null, null)).toEqual(new Date('2023-12-01T00:00:00Z'));
  });

  it('is null for a user who never signed in', () => {
    expect(of(null, null, null)).toBeNull();
  });
});

describe('entra/users, the fast paths', () => {
  const values = (listed: { text: string }): unknown[] => (JSON.parse(listed.text) as { value: unknown[] }).value;

  it('reads users as the schema reads them, and leaves everything else to it', () => {
    const users = [...values(firstPage), ...values(lastPage), ...(JSON.parse(file('entra/az-ad-user-list.json').text) as unknown[]), lee];
    expect(expectFastPathAgrees(USER_READER, users, ['displayName', 'mail', 'otherMails', 'accountEnabled', 'userType', 'createdDateTime', 'employeeId', 'signInActivity'])).toBeGreaterThan(200);
  });

  it('reads registration details as the schema reads them, and leaves everything else to it', () => {
    expect(expectFastPathAgrees(REGISTRATION_READER, values(registrations), ['lastUpdatedDateTime'])).toBeGreaterThan(50);
  });

  it('places the first invalid user of a page as the whole page validated would', () => {
    const text = page([lee, { ...lee, id: 'b', signInActivity: { lastSignInDateTime: '2026-02-30T00:00:00Z' } }]);
    expect(() => source.read([{ display: 'users.json', text }], undefined)).toThrow(
      expect.objectContaining({ message: 'value[1].signInActivity.lastSignInDateTime: expected a date-time like 2023-03-13T19:15:41.6195833Z, found "2026-02-30T00:00:00Z"', position: expect.objectContaining({ file: 'users.json', line: 1 }) }),
    );
  });
});
