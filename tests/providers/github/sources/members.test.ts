import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import source from '../../../../src/providers/github/sources/members.js';
import { listingOf, orgUserAccounts, type GithubOrgUser } from '../../../../src/providers/github/lib/org-users.js';
import { SourceTester } from '../../../../src/testing/index.js';
import { fixturesDir } from '../../../support/paths.js';
import { identityAccount } from '../../identity/accounts.js';

const EXPORT = 'github/export';
const file = (relative: string, text = readFileSync(path.join(fixturesDir, EXPORT, relative), 'utf8')) => ({ display: `fixtures/${EXPORT}/${relative}`, path: `fixtures/${EXPORT}/${relative}`, text });
const page = (...users: Array<[string, number]>) => JSON.stringify(users.map(([login, id]) => ({ login, id, node_id: 'MDQ6VXNlcjE=', type: 'User', site_admin: false })));
const octocat: GithubOrgUser = { id: 1, login: 'octocat', type: 'User', siteAdmin: false, twoFactor: null, orgOwner: null };

new SourceTester(source).run({
  read: [
    { name: 'one page as the API returns it: without a 2fa_disabled listing, 2FA is unknown', text: page(['octocat', 1]), records: [octocat] },
    { name: 'pages as gh api --paginate --slurp writes them', text: `[${page(['octocat', 1])}, ${page(['hubot', 2])}]`, records: [octocat, { ...octocat, id: 2, login: 'hubot' }] },
    { name: 'an empty page', text: '[]', records: [] },
    { name: 'only the fields GitHub always sends for a user we read', text: '[{"login": "octocat", "id": 1}]', records: [octocat] },
  ],
  reject: [
    { name: 'an empty file', text: '', error: 'File is empty: expected a GitHub member listing', line: 1, col: 1 },
    { name: 'an object, not a page', text: '{"message": "Not Found"}', error: 'expected array, found an object', line: 1, col: 1 },
    { name: 'an id that is not a number', text: '[{"login": "octocat", "id": "1"}]', error: /^\[0\]\.id: /, line: 1, col: 29 },
    { name: 'a page of pages with a bad user', text: '[[{"login": "octocat", "id": 1}], [{"id": 2}]]', error: '[1][0].login: missing (expected string)' },
  ],
});

describe('github/members over a whole export', () => {
  const members = source.read([file('members/members.json'), file('members-2fa-disabled/members.json')]);

  it('reads every page, each member once, and gives 2FA from the 2fa_disabled listing', () => {
    expect(members.map((member) => [member.login, member.id, member.twoFactor, member.orgOwner])).toEqual([
      ['alice-example', 5550101, 'enabled', null],
      ['bob-example', 5550102, 'disabled', null],
      ['carol-ng', 5550103, 'enabled', null],
      ['lee-example', 5550001, 'enabled', null],
    ]);
  });

  it('makes the members of the role=admin listing owners, with the admin role organization owner', () => {
    const owners = source.read([file('members/members.json'), file('members-role-admin/members.json')]);
    expect(owners.map((member) => member.orgOwner)).toEqual([true, false, false, false]);
    expect(orgUserAccounts(owners).map((account) => account.adminRoles)).toEqual([['organization owner'], [], [], []]);
  });

  it('offers identity/accounts: active, 2FA as a factor of unknown kind, none, or unknown', () => {
    const insecure = source.read([file('members/members.json'), file('members-2fa-disabled/members.json'), file('members-2fa_insecure.json', page(['carol-ng', 5550103]))]);
    expect(orgUserAccounts(insecure).map((account) => [account.id, account.login, account.status, account.mfaFactors])).toEqual([
      ['5550101', 'alice-example', 'active', [{ kind: 'unknown', strength: 'unknown' }]],
      ['5550102', 'bob-example', 'active', []],
      ['5550103', 'carol-ng', 'active', [{ kind: 'unknown', strength: 'weak' }]],
      ['5550001', 'lee-example', 'active', [{ kind: 'unknown', strength: 'unknown' }]],
    ]);
    expect(orgUserAccounts(source.read([file('members/members.json')])).map((account) => account.mfaFactors)).toEqual([null, null, null, null]);
    expect(orgUserAccounts(members)[0]).toEqual(identityAccount('github', '5550101', 'alice-example', { mfaFactors: [{ kind: 'unknown', strength: 'unknown' }] }));
  });

  it('tells the listings apart by a folder or file name carrying the filter', () => {
    const listing = (where: string) => listingOf({ display: where, path: where, text: '' });
    expect(['members/p1.json', 'members-2fa-disabled/p1.json', 'x/2fa_disabled/p.json', 'members.2fa_insecure.json', 'members-role-admin/p.json', 'members-2fa-disabledx/p.json', 'my2fa-disabled.json'].map(listing)).toEqual([
      'all',
      '2fa_disabled',
      '2fa_disabled',
      '2fa_insecure',
      'role_admin',
      'all',
      'all',
    ]);
  });
});
