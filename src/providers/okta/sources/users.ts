import { z } from 'zod';
import { defineSource, type SourceText } from '../../../kit/define-source.js';
import type { IdentityAccount } from '../../../kit/views/identity/accounts.js';
import { isActiveFactor, mfaFactorOf, readFactorFile, type OktaFactor } from '../lib/factors.js';
import { fastInstant, fastNullableInstant } from '../../../kit/formats/instant.js';
import { isFilledText, isJsonObject, isOptionalText, type RecordReader } from '../../../kit/formats/records.js';
import { isInFolder, oktaInstant, readOktaRecords, requireUserFileId } from '../lib/okta-json.js';
import { activeRoleNames, readRoleFile, type OktaRoleAssignment } from '../lib/roles.js';

const STATUSES = ['STAGED', 'PROVISIONED', 'ACTIVE', 'RECOVERY', 'LOCKED_OUT', 'PASSWORD_EXPIRED', 'SUSPENDED', 'DEPROVISIONED'] as const;
type OktaStatus = (typeof STATUSES)[number];

/** One Okta user, with the factors listed for it where the export holds its factor file. */
export interface OktaUser {
  id: string;
  status: OktaStatus;
  created: Date;
  activated: Date | null;
  statusChanged: Date | null;
  /** Null: never signed in. */
  lastLogin: Date | null;
  lastUpdated: Date;
  login: string;
  email: string | null;
  secondEmail: string | null;
  firstName: string | null;
  lastName: string | null;
  employeeNumber: string | null;
  /** Null when the export has no factor file for the user: unknown, not none. */
  factors: readonly OktaFactor[] | null;
  /** Null when the export has no role file for the user: unknown, not none. */
  roles: readonly OktaRoleAssignment[] | null;
}

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'okta/users': OktaUser;
  }
}

const nullableInstant = oktaInstant.nullable().optional();
const optionalText = z.string().nullable().optional();

const userSchema = z.looseObject({
  id: z.string().min(1),
  status: z.enum(STATUSES),
  created: oktaInstant,
  activated: nullableInstant,
  statusChanged: nullableInstant,
  lastLogin: nullableInstant,
  lastUpdated: oktaInstant,
  profile: z.looseObject({
    login: z.string().min(1),
    email: optionalText,
    secondEmail: optionalText,
    firstName: optionalText,
    lastName: optionalText,
    employeeNumber: optionalText,
  }),
});

function toUser(user: UserItem): OktaUser {
  const { profile } = user;
  return {
    id: user.id,
    status: user.status,
    created: user.created,
    activated: user.activated ?? null,
    statusChanged: user.statusChanged ?? null,
    lastLogin: user.lastLogin ?? null,
    lastUpdated: user.lastUpdated,
    login: profile.login,
    email: profile.email ?? null,
    secondEmail: profile.secondEmail ?? null,
    firstName: profile.firstName ?? null,
    lastName: profile.lastName ?? null,
    employeeNumber: profile.employeeNumber || null,
    factors: null,
    roles: null,
  };
}

type UserItem = z.output<typeof userSchema>;

const STATUS_SET: ReadonlySet<string> = new Set(STATUSES);
const isStatus = (value: unknown): value is OktaStatus => typeof value === 'string' && STATUS_SET.has(value);

/** The user `toUser` makes of a value `userSchema` accepts, read by hand; undefined for anything else, which the schema decides. */
function fastUser(value: unknown): OktaUser | undefined {
  if (!isJsonObject(value) || !isJsonObject(value.profile)) return undefined;
  const { id, status, profile } = value;
  const { login, email, secondEmail, firstName, lastName, employeeNumber } = profile;
  if (!isFilledText(id) || !isStatus(status) || !isFilledText(login)) return undefined;
  if (!isOptionalText(email) || !isOptionalText(secondEmail) || !isOptionalText(firstName) || !isOptionalText(lastName) || !isOptionalText(employeeNumber)) return undefined;
  const created = fastInstant(value.created);
  const activated = fastNullableInstant(value.activated);
  const statusChanged = fastNullableInstant(value.statusChanged);
  const lastLogin = fastNullableInstant(value.lastLogin);
  const lastUpdated = fastInstant(value.lastUpdated);
  if (created === undefined || activated === undefined || statusChanged === undefined || lastLogin === undefined || lastUpdated === undefined) return undefined;
  return {
    id,
    status,
    created,
    activated,
    statusChanged,
    lastLogin,
    lastUpdated,
    login,
    email: email ?? null,
    secondEmail: secondEmail ?? null,
    firstName: firstName ?? null,
    lastName: lastName ?? null,
    employeeNumber: employeeNumber || null,
    factors: null,
    roles: null,
  };
}

/** How a user of a listing is read: by hand for the usual shape, by the schema for the rest. */
export const USER_READER: RecordReader<typeof userSchema, OktaUser> = { schema: userSchema, convert: toUser, fast: fastUser };

/** Adds one per-user list file's items to the lists by user, keeping the user's (possibly empty) list. */
function addUserList<T>(lists: Map<string, T[]>, userId: string, items: readonly T[]): void {
  lists.set(userId, [...(lists.get(userId) ?? []), ...items]);
}

/**
 * Users from every page file, each once (a user deprovisioned between the two listings appears in both: the later
 * `lastUpdated` wins), with the factors and admin roles of the per-user files among them (an empty list: none, which
 * is known; no file: unknown).
 */
function readUsers(files: readonly SourceText[]): OktaUser[] {
  const users = new Map<string, OktaUser>();
  const factors = new Map<string, OktaFactor[]>();
  const roles = new Map<string, OktaRoleAssignment[]>();
  for (const file of files) {
    if (isInFolder(file, 'factors')) {
      addUserList(factors, requireUserFileId(file, 'factor list'), readFactorFile(file));
      continue;
    }
    if (isInFolder(file, 'roles')) {
      addUserList(roles, requireUserFileId(file, 'role list'), readRoleFile(file));
      continue;
    }
    for (const user of readOktaRecords(file, USER_READER, 'an Okta user listing')) {
      const known = users.get(user.id);
      if (known === undefined || known.lastUpdated < user.lastUpdated) users.set(user.id, user);
    }
  }
  // The users were made here, so they take their lists in place rather than as copies.
  for (const user of users.values()) {
    user.factors = factors.get(user.id) ?? null;
    user.roles = roles.get(user.id) ?? null;
  }
  return [...users.values()];
}

const STATUS_IN_VIEW: Readonly<Record<OktaStatus, IdentityAccount['status']>> = {
  ACTIVE: 'active',
  PROVISIONED: 'active',
  RECOVERY: 'active',
  LOCKED_OUT: 'active',
  PASSWORD_EXPIRED: 'active',
  SUSPENDED: 'suspended',
  DEPROVISIONED: 'deprovisioned',
  STAGED: 'pending',
};

/** A user's status as `identity/accounts` words it: everything but SUSPENDED, DEPROVISIONED and STAGED can sign in. */
export function accountStatus(user: Pick<OktaUser, 'status'>): IdentityAccount['status'] {
  return STATUS_IN_VIEW[user.status];
}

/** Okta users as `identity/accounts`; a user whose factors were not exported has unknown (null) factors, not none. */
export function identityAccounts(users: readonly OktaUser[]): IdentityAccount[] {
  return users.map((user) => ({
    provider: 'okta',
    id: user.id,
    login: user.login,
    emails: [...new Set([user.email, user.secondEmail].flatMap((email) => (email ? [email.toLowerCase()] : [])))],
    employeeId: user.employeeNumber,
    displayName: [user.firstName, user.lastName].filter(Boolean).join(' ') || null,
    status: accountStatus(user),
    created: user.created,
    lastSignIn: user.lastLogin,
    statusChanged: user.statusChanged,
    mfaFactors: user.factors === null ? null : user.factors.filter(isActiveFactor).map((factor) => mfaFactorOf(factor.factorType)),
    // The view has no unknown for roles: without role files they are [] (see the description); okta/users keeps null.
    adminRoles: user.roles === null ? [] : activeRoleNames(user.roles),
  }));
}

export default defineSource({
  type: 'okta/users',
  kind: 'batch',
  description:
    'Okta users: the pages of `GET /api/v1/users` saved unchanged (bare JSON arrays), together with the pages of `GET /api/v1/users?filter=status eq "DEPROVISIONED"` (the default listing leaves deprovisioned users out). Factor lists (files under a `factors/` folder named by the user id, as okta/factors reads them) and admin role lists (files under a `roles/` folder named by the user id: `GET /api/v1/users/{userId}/roles`, as okta/admin-roles reads them) in the same glob are joined to their user. Offered as `identity/accounts`: ACTIVE, PROVISIONED, RECOVERY, LOCKED_OUT and PASSWORD_EXPIRED are active, SUSPENDED suspended, DEPROVISIONED deprovisioned, STAGED pending; active factors with their strength (WebAuthn, U2F and FastPass phishing-resistant; TOTP, push and hardware tokens strong; SMS, voice and e-mail weak); admin roles are the names (label, else type) of the user\'s ACTIVE role assignments, direct or through a group. A user without a role file has unknown roles, which the view cannot say: they are offered as none (`[]`), so bind the role files (export.sh writes them) wherever a check judges admins.',
  read: readUsers,
  views: { 'identity/accounts': identityAccounts },
});
