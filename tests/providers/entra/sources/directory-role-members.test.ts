import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import source from '../../../../src/providers/entra/sources/directory-role-members.js';
import { SourceTester } from '../../../../src/testing/index.js';
import { readText } from '../../../../src/testing/source-tester.js';
import { fixturesDir } from '../../../support/paths.js';

const fixture = readFileSync(path.join(fixturesDir, 'entra/export/directory-roles/page-0001.json'), 'utf8');
const CONTEXT = 'https://graph.microsoft.com/v1.0/$metadata#directoryRoles(members())';
const role = (members: unknown) => ({ id: 'r1', displayName: 'Global Administrator', roleTemplateId: '62e90394-69f5-4237-9190-012177145e10', members });
const page = (roles: readonly unknown[]) => JSON.stringify({ '@odata.context': CONTEXT, value: roles });
const user = (index: number) => ({ '@odata.type': '#microsoft.graph.user', id: `u${index}`, userPrincipalName: `u${index}@example.org` });

new SourceTester(source).run({
  read: [
    {
      name: 'a role with a user member, without @odata.type on a second one',
      text: page([role([user(1), { id: 'g1' }])]),
      records: [
        { roleId: 'r1', roleTemplateId: '62e90394-69f5-4237-9190-012177145e10', roleName: 'Global Administrator', memberId: 'u1', memberType: 'user', memberLogin: 'u1@example.org' },
        { roleId: 'r1', roleTemplateId: '62e90394-69f5-4237-9190-012177145e10', roleName: 'Global Administrator', memberId: 'g1', memberType: null, memberLogin: null },
      ],
    },
    { name: 'a role without members', text: page([role([])]), records: [] },
  ],
  reject: [
    { name: 'an empty file', text: '', error: 'File is empty: expected a page of directoryRoles', line: 1, col: 1 },
    { name: 'exported without $expand=members', text: page([{ id: 'r1', displayName: 'Global Administrator', roleTemplateId: 'x' }]), error: 'value[0].members: missing: export with $expand=members' },
    { name: 'a member id that is not a string', text: page([role([{ id: 7 }])]), error: 'value[0].members[0].id: expected string, found 7' },
    {
      name: 'twenty members: the most $expand returns, so the list may be cut',
      text: page([role(Array.from({ length: 20 }, (_, index) => user(index)))]),
      error: 'Role "Global Administrator" lists 20 members, the most $expand returns: its member list may be cut short',
      line: 1,
      col: 213,
    },
  ],
});

describe('entra/directory-role-members, the fixture page', () => {
  it('reads one record per role and member, users and service principals alike', () => {
    const records = readText(source, fixture, 'page-0001.json') as { roleName: string; memberType: string; memberLogin: string | null }[];
    expect(records.map((record) => [record.roleName, record.memberType, record.memberLogin])).toEqual([
      ['Global Administrator', 'user', 'alice@example.com'],
      ['User Administrator', 'user', 'ben.otto@example.com'],
      ['User Administrator', 'servicePrincipal', null],
    ]);
  });
});
