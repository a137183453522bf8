import type { IdentityAccount } from '../../../kit/views/identity/accounts.js';

/** One Google Workspace user, from the Admin SDK listing or GAM's CSV of it. */
export interface GoogleWorkspaceUser {
  /** The Directory API's immutable user id. */
  id: string;
  primaryEmail: string;
  /** `name.fullName`; null when the export leaves it out. */
  fullName: string | null;
  /** Every address the export lists (`emails[].address`), as written. */
  emails: readonly string[];
  /** The value of the `organization` external id (Google's employee id), when there is one. */
  employeeId: string | null;
  suspended: boolean;
  /** Archived users keep their data but cannot sign in. */
  archived: boolean;
  /** When the user was deleted (a `showDeleted=true` listing); null for a user that exists. */
  deleted: Date | null;
  isAdmin: boolean;
  isDelegatedAdmin: boolean;
  /** Null when the export does not carry the field: unknown, not "not enrolled". */
  isEnrolledIn2Sv: boolean | null;
  isEnforcedIn2Sv: boolean | null;
  created: Date | null;
  /** Null: never signed in (Google writes 1970-01-01T00:00:00.000Z, GAM "Never"), or not exported (see lastLoginExported). */
  lastLogin: Date | null;
  /** False when the export does not carry lastLoginTime at all: then a null lastLogin is unknown, not never. */
  lastLoginExported: boolean;
  orgUnitPath: string | null;
}

/** The instant Google writes for "never" (lastLoginTime of a user who never signed in). */
const EPOCH = 0;

/** Null for Google's "never" instant (the epoch), the date otherwise. */
export function unlessNever(date: Date | null): Date | null {
  return date === null || date.getTime() === EPOCH ? null : date;
}

/** The employee id among a user's external ids: Google documents type `organization` as the organisation's id for the person. */
export function employeeIdOf(externalIds: readonly { type: string | null; value: string | null }[]): string | null {
  return externalIds.find((externalId) => externalId.type === 'organization' && externalId.value)?.value ?? null;
}

/**
 * Users of every listing, each once: a user listed both as present and as deleted (deleted between the listings,
 * which export.sh runs in that order) counts as deleted.
 */
export function uniqueUsers(users: Iterable<GoogleWorkspaceUser>): GoogleWorkspaceUser[] {
  const byId = new Map<string, GoogleWorkspaceUser>();
  for (const user of users) {
    const known = byId.get(user.id);
    if (known === undefined || (known.deleted === null && user.deleted !== null)) byId.set(user.id, user);
  }
  return [...byId.values()];
}

function statusOf(user: GoogleWorkspaceUser): IdentityAccount['status'] {
  if (user.deleted !== null) return 'deprovisioned';
  return user.suspended || user.archived ? 'suspended' : 'active';
}

function adminRolesOf(user: GoogleWorkspaceUser): string[] {
  return [...(user.isAdmin ? ['Super Admin'] : []), ...(user.isDelegatedAdmin ? ['Delegated Admin'] : [])];
}

/**
 * Google Workspace users as `identity/accounts`. A user enrolled in 2-Step Verification has one factor of unknown
 * kind and strength (the listing does not say which method); one not enrolled has none; null when not exported.
 */
export function identityAccounts(users: readonly GoogleWorkspaceUser[]): IdentityAccount[] {
  return users.map((user) => ({
    provider: 'google-workspace',
    id: user.id,
    login: user.primaryEmail,
    emails: [...new Set([user.primaryEmail, ...user.emails].map((email) => email.toLowerCase()))],
    employeeId: user.employeeId,
    displayName: user.fullName,
    status: statusOf(user),
    // identity/accounts reads a null last sign-in with a creation time as "never signed in": without the field the
    // creation time is left out too, so the account counts as activity unknown.
    created: user.lastLoginExported ? user.created : null,
    lastSignIn: user.lastLogin,
    statusChanged: user.deleted,
    mfaFactors: user.isEnrolledIn2Sv === null ? null : user.isEnrolledIn2Sv ? [{ kind: 'unknown', strength: 'unknown' }] : [],
    adminRoles: adminRolesOf(user),
  }));
}
