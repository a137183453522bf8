import { defineSource, type SourceText } from '../../../kit/define-source.js';
import { parseGraphFile } from '../lib/graph-json.js';
import { EXPAND_LIMIT, readRolePage, roleMembersOf, type EntraRoleMember } from '../lib/roles.js';

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'entra/directory-role-members': EntraRoleMember;
  }
}

const readPage = (file: SourceText) => readRolePage(file, parseGraphFile(file, 'a page of directoryRoles'));

export default defineSource({
  type: 'entra/directory-role-members',
  kind: 'batch',
  description: `Microsoft Entra ID directory role members: the pages of \`GET /v1.0/directoryRoles?$expand=members\` saved unchanged (activated roles, each with \`displayName\`, \`roleTemplateId\` and its direct members). One record per role and member, with the member's id, type (user, group, servicePrincipal) and UPN. A role without \`members\` (exported without \`$expand\`) is refused, and so is one listing ${EXPAND_LIMIT} or more, the most Graph expands: its list may be cut short. Bound in the same glob as entra/users, the pages give its accounts their admin roles.`,
  read: (files) => roleMembersOf(files.map(readPage)),
});
