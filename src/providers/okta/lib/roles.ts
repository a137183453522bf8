import { z } from 'zod';
import type { SourceText } from '../../../kit/define-source.js';
import { oktaInstant, readUserList } from './okta-json.js';

/** One admin role assigned to a user, as `GET /api/v1/users/{userId}/roles` lists it. */
export interface OktaRoleAssignment {
  /** The user the list belongs to: the file's name (`00u1a2b3c4d5e6f7g8h9.json`). */
  userId: string;
  id: string;
  /** `SUPER_ADMIN`, `ORG_ADMIN`, `APP_ADMIN`, `USER_ADMIN`, `HELP_DESK_ADMIN`, `READ_ONLY_ADMIN`, …, or `CUSTOM`. */
  type: string;
  /** The role's name (`Super Administrator`, a custom role's label); null where the export has none. */
  label: string | null;
  /** `ACTIVE` or `INACTIVE`. */
  status: string;
  /** `USER` (assigned to the user) or `GROUP` (through a group the user is in). */
  assignmentType: string | null;
  created: Date | null;
}

const roleSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  label: z.string().nullable().optional(),
  status: z.string().min(1),
  assignmentType: z.string().nullable().optional(),
  created: oktaInstant.optional(),
});

/** The role assignments of one file: `<userId>.json` holding the user's role list unchanged (`[]`: no admin role). */
export function readRoleFile(file: SourceText): OktaRoleAssignment[] {
  return readUserList(file, roleSchema, 'role list', (userId, role) => ({
    userId,
    id: role.id,
    type: role.type,
    label: role.label || null,
    status: role.status,
    assignmentType: role.assignmentType ?? null,
    created: role.created ?? null,
  }));
}

/** The names of a user's active roles, each once, sorted: the label where given, else the type. */
export function activeRoleNames(roles: readonly OktaRoleAssignment[]): string[] {
  return [...new Set(roles.filter((role) => role.status === 'ACTIVE').map((role) => role.label ?? role.type))].sort();
}
