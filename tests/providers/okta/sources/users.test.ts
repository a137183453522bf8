import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { factorReader } from '../../../../src/providers/okta/lib/factors.js';
import source, { identityAccounts, USER_READER, type OktaUser } from '../../../../src/providers/okta/sources/users.js';
import { SourceTester } from '../../../../src/testing/index.js';
import { fixturesDir } from '../../../support/paths.js';
import { expectFastPathAgrees } from '../../../support/record-readers.js';

const EXPORT = 'okta/export';
const file = (relative: string) => ({ display: `fixtures/${EXPORT}/${relative}`, path: `fixtures/${EXPORT}/${relative}`, text: readFileSync(path.join(fixturesDir, EXPORT, relative), 'utf8') });
const exported = [
  'users/page-0001.json',
  'deprovisioned/page-0001.json',
  'factors/00u1alice00000000001.json',
  'factors/00u1dana000000000011.json',
  'factors/00u1gina000000000008.json',
  'factors/00u1ivy0000000000010.json',
].map(file);

const minimal = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify([{ id: '00u1lee0000000000001', status: 'ACTIVE', created: '2022-03-01T12:00:00.000Z', lastUpdated: '2022-03-01T12:05:00.000Z', profile: { login: 'lee@example.org' }, ...overrides }]);

const lee: OktaUser = {
  id: '00u1lee0000000000001',
  status: 'ACTIVE',
  created: new Date('2022-03-01T12:00:00.000Z'),
  activated: null,
  statusChanged: null,
  lastLogin: null,
  lastUpdated: new Date('2022-03-01T12:05:00.000Z'),
  login: 'lee@example.org',
  email: null,
  secondEmail: null,
  firstName: null,
  lastName: null,
  employeeNumber: null,
  factors: null,
  roles: null,
};

new SourceTester(source).run({
  read: [
    { name: 'a user with only the fields Okta always sends; lastLogin null is never signed in', text: minimal({ lastLogin: null }), records: [lee] },
    { name: 'an empty page', text: '[]', records: [] },
  ],
  reject: [
    { name: 'an empty file', text: '', error: 'File is empty: expected an Okta user listing', line: 1, col: 1 },
    { name: 'an object, not a page', text: '{"id": "00u1"}', error: 'expected array, found an object', line: 1, col: 1 },
    { name: 'an unknown status', text: minimal({ status: 'DELETED' }), error: /^\[0\]\.status: /, line: 1, col: 40 },
    { name: 'an impossible date', text: minimal({ statusChanged: '2026-02-30T10:00:00.000Z' }), error: '[0].statusChanged: expected a date-time like 2021-10-14T09:04:48.000Z, found "2026-02-30T10:00:00.000Z"' },
    { name: 'no login', text: minimal({ profile: { email: 'lee@example.org' } }), error: '[0].profile.login: missing (expected string)' },
  ],
});

describe('okta/users over a whole export', () => {
  const users = source.read(exported);
  const accounts = identityAccounts(users);

  it('reads both listings, each user once, and joins the factor files', () => {
    expect(users.map((user) => [user.login, user.status, user.factors?.length ?? null])).toEqual([
      ['alice@example.com', 'ACTIVE', 2],
      ['frank.ito@example.com', 'SUSPENDED', null],
      ['Gina.Ruiz@example.com', 'ACTIVE', 2],
      ['ivy.chen@example.com', 'ACTIVE', 0],
      ['dana@example.com', 'ACTIVE', 2],
      ['oscar.lind@example.com', 'STAGED', null],
      ['carol.ng@example.com', 'DEPROVISIONED', null],
    ]);
  });

  it('offers identity/accounts with statuses mapped, e-mails lower-case and active factors with their strength', () => {
    // A user without a factor file has unknown factors (null); ivy's empty file says she has none.
    expect(accounts.map((account) => [account.login, account.status, account.emails, account.employeeId, account.mfaFactors])).toEqual([
      ['alice@example.com', 'active', ['alice@example.com'], 'E1001', [{ kind: 'webauthn', strength: 'phishing-resistant' }, { kind: 'sms', strength: 'weak' }]],
      ['frank.ito@example.com', 'suspended', ['frank.ito@example.com'], 'E1007', null],
      ['Gina.Ruiz@example.com', 'active', ['gina.ruiz@example.com'], 'E1008', [{ kind: 'push', strength: 'strong' }, { kind: 'totp', strength: 'strong' }]],
      ['ivy.chen@example.com', 'active', ['ivy.chen@example.com'], 'E1010', []],
      // The pending SMS factor cannot be used: only the e-mail one is listed.
      ['dana@example.com', 'active', ['dana@example.com'], 'E1011', [{ kind: 'email', strength: 'weak' }]],
      ['oscar.lind@example.com', 'pending', ['oscar.lind@example.com'], 'E1012', null],
      ['carol.ng@example.com', 'deprovisioned', ['carol.ng@example.com'], 'E1003', null],
    ]);
    expect(accounts.at(-1)).toMatchObject({ provider: 'okta', id: '00u1carol00000000003', displayName: 'Carol Ng', statusChanged: new Date('2026-10-10T15:30:00.000Z') });
  });

  it('joins the role files under roles/ as admin roles: active ones by name; no file is unknown, offered as none', () => {
    const role = (name: string) => ({ display: `fixtures/okta/roles/${name}`, path: `fixtures/okta/roles/${name}`, text: readFileSync(path.join(fixturesDir, 'okta/roles', name), 'utf8') });
    const withRoles = source.read([...exported, role('00u1alice00000000001.json'), role('00u1gina000000000008.json'), role('00u1dana000000000011.json')]);
    expect(withRoles.map((user) => [user.login, user.roles?.map((assignment) => assignment.type) ?? null])).toEqual([
      ['alice@example.com', ['SUPER_ADMIN']],
      ['frank.ito@example.com', null],
      ['Gina.Ruiz@example.com', ['HELP_DESK_ADMIN', 'APP_ADMIN']],
      ['ivy.chen@example.com', null],
      ['dana@example.com', []],
      ['oscar.lind@example.com', null],
      ['carol.ng@example.com', null],
    ]);
    expect(identityAccounts(withRoles).map((account) => account.adminRoles)).toEqual([['Super Administrator'], [], ['Help Desk Administrator'], [], [], [], []]);
    expect(accounts.every((account) => account.adminRoles.length === 0)).toBe(true);
  });

  it('refuses a file under roles/ or factors/ not named by a user id', () => {
    for (const folder of ['roles', 'factors']) {
      expect(() => source.read([{ display: `${folder}/alice.json`, path: `${folder}/alice.json`, text: '[]' }])).toThrow(/named by its user's id \(00u….json\), found the file name "alice.json"/);
    }
  });

  it('maps every Okta status', () => {
    const statuses = ['ACTIVE', 'PROVISIONED', 'RECOVERY', 'LOCKED_OUT', 'PASSWORD_EXPIRED', 'SUSPENDED', 'DEPROVISIONED', 'STAGED'] as const;
    expect(identityAccounts(statuses.map((status) => ({ ...lee, status }))).map((account) => account.status)).toEqual([
      'active',
      'active',
      'active',
      'active',
      'active',
      'suspended',
      'deprovisioned',
      'pending',
    ]);
  });

  it('keeps the later copy of a user listed twice (deprovisioned between the two listings)', () => {
    const later = { display: 'deprovisioned/page.json', text: minimal({ status: 'DEPROVISIONED', lastUpdated: '2022-04-01T00:00:00.000Z' }) };
    const earlier = { display: 'users/page.json', text: minimal() };
    expect(source.read([later, earlier]).map((user) => user.status)).toEqual(['DEPROVISIONED']);
  });
});

describe('okta/users, the fast paths', () => {
  const items = (relative: string): unknown[] => JSON.parse(file(relative).text) as unknown[];

  it('reads users as the schema reads them, and leaves everything else to it', () => {
    const users = [...items('users/page-0001.json'), ...items('deprovisioned/page-0001.json'), ...(JSON.parse(minimal()) as unknown[])];
    expect(expectFastPathAgrees(USER_READER, users, ['activated', 'statusChanged', 'lastLogin'])).toBeGreaterThan(100);
  });

  it('reads factors as the schema reads them, and leaves everything else to it', () => {
    const factors = exported.filter((listed) => listed.path.includes('/factors/')).flatMap((listed) => JSON.parse(listed.text) as unknown[]);
    expect(expectFastPathAgrees(factorReader('00u1alice00000000001'), factors, ['created', 'lastUpdated'])).toBeGreaterThan(50);
  });

  it('places the first invalid user of a page as the whole page validated would', () => {
    const text = JSON.stringify([...(JSON.parse(minimal()) as unknown[]), ...(JSON.parse(minimal({ id: '00u2', profile: { login: '' } })) as unknown[])]);
    expect(() => source.read([{ display: 'users.json', text }], undefined)).toThrow(expect.objectContaining({ message: expect.stringMatching(/^\[1\]\.profile\.login: /), position: expect.objectContaining({ file: 'users.json', line: 1 }) }));
  });
});
