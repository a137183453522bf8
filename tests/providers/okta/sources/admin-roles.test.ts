import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import source from '../../../../src/providers/okta/sources/admin-roles.js';
import { activeRoleNames } from '../../../../src/providers/okta/lib/roles.js';
import { SourceTester } from '../../../../src/testing/index.js';
import { fixturesDir } from '../../../support/paths.js';

const roles = (name: string) => readFileSync(path.join(fixturesDir, 'okta/roles', name), 'utf8');
const ALICE = 'roles/00u1alice00000000001.json';
const minimal = (fields: Record<string, unknown> = {}) => JSON.stringify([{ id: 'ra1', type: 'ORG_ADMIN', status: 'ACTIVE', ...fields }]);

new SourceTester(source).run({
  read: [
    {
      name: 'a role with only the fields checks need',
      text: minimal(),
      file: ALICE,
      records: [{ userId: '00u1alice00000000001', id: 'ra1', type: 'ORG_ADMIN', label: null, status: 'ACTIVE', assignmentType: null, created: null }],
    },
    { name: 'a user without admin roles', text: '[]', file: ALICE, records: [] },
  ],
  reject: [
    { name: 'a file not named by a user id', text: minimal(), file: 'roles/alice.json', error: 'Expected a role list named by its user\'s id (00u….json), found the file name "alice.json"', line: 1, col: 1 },
    { name: 'an empty file', text: '', file: ALICE, error: 'File is empty: expected an Okta role list', line: 1, col: 1 },
    { name: 'a role without a type', text: minimal({ type: undefined }), file: ALICE, error: '[0].type: missing (expected string)', line: 1 },
  ],
});

describe('okta/admin-roles, the fixture files', () => {
  it('reads each assignment with its user, and names only the active roles', () => {
    const gina = source.kind === 'batch' ? source.read([{ display: 'roles/00u1gina000000000008.json', path: 'roles/00u1gina000000000008.json', text: roles('00u1gina000000000008.json') }], undefined) : [];
    expect(gina.map((role) => [role.userId, role.type, role.status, role.assignmentType])).toEqual([
      ['00u1gina000000000008', 'HELP_DESK_ADMIN', 'ACTIVE', 'GROUP'],
      ['00u1gina000000000008', 'APP_ADMIN', 'INACTIVE', 'USER'],
    ]);
    expect(activeRoleNames(gina)).toEqual(['Help Desk Administrator']);
    expect(activeRoleNames([...gina, { ...gina[0]!, id: 'again', label: null, type: 'SUPER_ADMIN' }, { ...gina[0]! }])).toEqual(['Help Desk Administrator', 'SUPER_ADMIN']);
  });
});
