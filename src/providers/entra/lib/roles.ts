import { z } from 'zod';
import { UserError } from '../../../core/errors.js';
import type { SourceText } from '../../../kit/define-source.js';
import { jsonPathPosition } from '../../../kit/formats/json.js';
import { assertLastPagePresent, EXPORT_HINT, expectListing, readGraphPage, type GraphPage } from './graph-json.js';

/** One member of one activated directory role, from `GET /directoryRoles?$expand=members`. */
export interface EntraRoleMember {
  roleId: string;
  roleTemplateId: string;
  roleName: string;
  /** The member's object id: a user's joins entra/users. */
  memberId: string;
  /** `user`, `group`, `servicePrincipal` (from `@odata.type`), or null when the export does not say. */
  memberType: string | null;
  memberLogin: string | null;
}

// Graph returns at most this many objects of an expanded directory relationship, without a next link.
export const EXPAND_LIMIT = 20;

const memberSchema = z.looseObject({ '@odata.type': z.string().optional(), id: z.string().min(1), userPrincipalName: z.string().nullable().optional() });

export const roleSchema = z.looseObject({
  id: z.string().min(1),
  displayName: z.string().min(1),
  roleTemplateId: z.string(),
  members: z.array(memberSchema, { error: (issue) => (issue.input === undefined ? 'missing: export with $expand=members' : undefined) }),
});

type Role = z.output<typeof roleSchema>;

/** Throws when a role lists as many members as `$expand` returns: more may have been cut off. */
function assertMembersComplete(page: GraphPage<Role>): void {
  const index = page.items.findIndex((role) => role.members.length >= EXPAND_LIMIT);
  const role = page.items[index];
  if (role === undefined) return;
  throw new UserError(`Role "${role.displayName}" lists ${role.members.length} members, the most $expand returns: its member list may be cut short`, {
    position: { file: page.file.display, ...jsonPathPosition(page.file.text, ['value', index, 'members']) },
    hint: `List that role's members apart (GET /v1.0/directoryRoles/${role.id}/members) and reduce its standing members. ${EXPORT_HINT}`,
  });
}

function membersOf(role: Role): EntraRoleMember[] {
  return role.members.map((member) => ({
    roleId: role.id,
    roleTemplateId: role.roleTemplateId,
    roleName: role.displayName,
    memberId: member.id,
    memberType: member['@odata.type']?.replace(/^#microsoft\.graph\./, '') ?? null,
    memberLogin: member.userPrincipalName ?? null,
  }));
}

/** The members of every role of every page, refusing a listing whose last page is missing. */
export function roleMembersOf(pages: readonly GraphPage<Role>[]): EntraRoleMember[] {
  for (const page of pages) {
    expectListing(page, 'directory-roles');
    assertMembersComplete(page);
  }
  assertLastPagePresent(pages, 'directoryRoles');
  return pages.flatMap((page) => page.items.flatMap(membersOf));
}

export const readRolePage = (file: SourceText, document: unknown) => readGraphPage(file, document, roleSchema);
