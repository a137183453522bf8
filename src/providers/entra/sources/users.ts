import { z } from 'zod';
import { UserError } from '../../../core/errors.js';
import { defineSource, type SourceText } from '../../../kit/define-source.js';
import { jsonPathPosition } from '../../../kit/formats/json.js';
import { fastNullableInstant } from '../../../kit/formats/instant.js';
import { isFilledText, isJsonObject, isOptionalText, isTextList, readRecords, type RecordReader } from '../../../kit/formats/records.js';
import type { IdentityAccount } from '../../../kit/views/identity/accounts.js';
import { assertLastPagePresent, EXPORT_HINT, graphInstant, listingOf, parseGraphFile, readGraphRecords, type GraphPage } from '../lib/graph-json.js';
import { mfaFactorsOf } from '../lib/methods.js';
import { readRegistrationPage, registrationsOf, type EntraRegistration } from '../lib/registration.js';
import { readRolePage, roleMembersOf } from '../lib/roles.js';

/** One Entra user, with its registration details and directory roles where the export holds them. */
export interface EntraUser {
  id: string;
  userPrincipalName: string;
  displayName: string | null;
  mail: string | null;
  otherMails: readonly string[];
  /** Null when the export did not select it (`az ad user list`): whether the account can sign in is unknown. */
  accountEnabled: boolean | null;
  /** `Member` or `Guest`; null when not selected. */
  userType: string | null;
  createdDateTime: Date | null;
  employeeId: string | null;
  /** Null when `signInActivity` is missing or null: never signed in (or not selected). */
  lastSignInDateTime: Date | null;
  lastNonInteractiveSignInDateTime: Date | null;
  lastSuccessfulSignInDateTime: Date | null;
  /** Null when the export holds no registration details for the user: unknown, not none. */
  registration: EntraRegistration | null;
  /** Names of the directory roles the user is a direct member of (empty without role pages in the glob). */
  directoryRoles: readonly string[];
}

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'entra/users': EntraUser;
  }
}

const nullableInstant = graphInstant.nullable().optional();
const optionalText = z.string().nullable().optional();

const userSchema = z.looseObject({
  id: z.string().min(1),
  userPrincipalName: z.string().min(1),
  displayName: optionalText,
  mail: optionalText,
  otherMails: z.array(z.string()).nullable().optional(),
  accountEnabled: z.boolean().nullable().optional(),
  userType: optionalText,
  createdDateTime: nullableInstant,
  employeeId: optionalText,
  signInActivity: z
    .looseObject({ lastSignInDateTime: nullableInstant, lastNonInteractiveSignInDateTime: nullableInstant, lastSuccessfulSignInDateTime: nullableInstant })
    .nullable()
    .optional(),
});

type UserItem = z.output<typeof userSchema>;

function toUser(user: UserItem): EntraUser {
  const activity = user.signInActivity ?? {};
  return {
    id: user.id,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName || null,
    mail: user.mail || null,
    otherMails: user.otherMails ?? [],
    accountEnabled: user.accountEnabled ?? null,
    userType: user.userType ?? null,
    createdDateTime: user.createdDateTime ?? null,
    employeeId: user.employeeId || null,
    lastSignInDateTime: activity.lastSignInDateTime ?? null,
    lastNonInteractiveSignInDateTime: activity.lastNonInteractiveSignInDateTime ?? null,
    lastSuccessfulSignInDateTime: activity.lastSuccessfulSignInDateTime ?? null,
    registration: null,
    directoryRoles: [],
  };
}

/** The user `toUser` makes of a value `userSchema` accepts, read by hand; undefined for anything else, which the schema decides. */
function fastUser(value: unknown): EntraUser | undefined {
  if (!isJsonObject(value)) return undefined;
  const { id, userPrincipalName, displayName, mail, otherMails, accountEnabled, userType, employeeId, signInActivity } = value;
  if (!isFilledText(id) || !isFilledText(userPrincipalName) || !isOptionalText(displayName) || !isOptionalText(mail) || !isOptionalText(userType) || !isOptionalText(employeeId)) return undefined;
  if (!(otherMails === undefined || otherMails === null || isTextList(otherMails))) return undefined;
  if (!(accountEnabled === undefined || accountEnabled === null || typeof accountEnabled === 'boolean')) return undefined;
  const createdDateTime = fastNullableInstant(value.createdDateTime);
  const activity = signInActivity === undefined || signInActivity === null ? {} : signInActivity;
  if (createdDateTime === undefined || !isJsonObject(activity)) return undefined;
  const lastSignInDateTime = fastNullableInstant(activity.lastSignInDateTime);
  const lastNonInteractiveSignInDateTime = fastNullableInstant(activity.lastNonInteractiveSignInDateTime);
  const lastSuccessfulSignInDateTime = fastNullableInstant(activity.lastSuccessfulSignInDateTime);
  if (lastSignInDateTime === undefined || lastNonInteractiveSignInDateTime === undefined || lastSuccessfulSignInDateTime === undefined) return undefined;
  return {
    id,
    userPrincipalName,
    displayName: displayName || null,
    mail: mail || null,
    otherMails: otherMails ?? [],
    accountEnabled: accountEnabled ?? null,
    userType: userType ?? null,
    createdDateTime,
    employeeId: employeeId || null,
    lastSignInDateTime,
    lastNonInteractiveSignInDateTime,
    lastSuccessfulSignInDateTime,
    registration: null,
    directoryRoles: [],
  };
}

/** How a user is read: by hand for the usual shape, by the schema for the rest. */
export const USER_READER: RecordReader<typeof userSchema, EntraUser> = { schema: userSchema, convert: toUser, fast: fastUser };

/** A users file: a Graph page, or the flat array `az ad user list` prints (it follows every page itself). */
function readUserFile(file: SourceText, document: unknown): GraphPage<EntraUser> {
  if (!Array.isArray(document)) return readGraphRecords(file, document, USER_READER);
  return { file, listing: 'users', items: readRecords(USER_READER, document, [], { text: file.text, display: file.display, hint: EXPORT_HINT }), itemsPath: [], hasNextLink: false };
}

/** Every user once: a user listed twice means two exports in one glob, which could disagree. */
function uniqueUsers(pages: readonly GraphPage<EntraUser>[]): EntraUser[] {
  const seen = new Map<string, SourceText>();
  const users: EntraUser[] = [];
  for (const page of pages) {
    for (const [index, user] of page.items.entries()) {
      const first = seen.get(user.id);
      if (first !== undefined) {
        throw new UserError(`User ${user.id} (${user.userPrincipalName}) is listed again, first in ${first.display}: the glob holds two exports`, {
          position: { file: page.file.display, ...jsonPathPosition(page.file.text, [...page.itemsPath, index]) },
          hint: 'Point the source at the pages of one export.',
        });
      }
      seen.set(user.id, page.file);
      users.push(user);
    }
  }
  return users;
}

/**
 * Users from every users file of the glob, joined with the userRegistrationDetails and directoryRoles pages among
 * them (told apart by their `@odata.context`).
 */
function readUsers(files: readonly SourceText[]): EntraUser[] {
  const userPages: GraphPage<EntraUser>[] = [];
  const registrationPages: ReturnType<typeof readRegistrationPage>[] = [];
  const rolePages: ReturnType<typeof readRolePage>[] = [];
  for (const file of files) {
    const document = parseGraphFile(file, 'an Entra user listing');
    const listing = Array.isArray(document) ? 'users' : listingOf(document, file);
    if (listing === 'registration-details') registrationPages.push(readRegistrationPage(file, document));
    else if (listing === 'directory-roles') rolePages.push(readRolePage(file, document));
    else if (listing === 'sign-ins') throw new UserError('Expected users, found a page of signIns: bind it to an entra/sign-ins source', { position: { file: file.display, line: 1, col: 1 }, hint: EXPORT_HINT });
    else userPages.push(readUserFile(file, document));
  }
  assertLastPagePresent(userPages, 'users');
  const users = uniqueUsers(userPages);
  const registrations = registrationPages.length === 0 ? undefined : new Map(registrationsOf(registrationPages).map((registration) => [registration.id, registration]));
  const roles = new Map<string, string[]>();
  for (const member of roleMembersOf(rolePages)) roles.set(member.memberId, [...(roles.get(member.memberId) ?? []), member.roleName]);
  // The users were made here, so they take their registration and roles in place rather than as copies.
  for (const user of users) {
    user.registration = registrations?.get(user.id) ?? null;
    const named = roles.get(user.id);
    if (named !== undefined) user.directoryRoles = [...new Set(named)].sort();
  }
  return users;
}

// Graph tracks lastSuccessfulSignInDateTime from this day on, not backfilled.
const SUCCESS_TRACKED_FROM = Date.parse('2023-12-01T00:00:00Z');

/**
 * The last successful sign-in, interactive or not. Without one since tracking began, the latest attempt (which may
 * have failed) bounded by that day: no success is known after it.
 */
export function lastSignInOf(user: EntraUser): Date | null {
  if (user.lastSuccessfulSignInDateTime !== null) return user.lastSuccessfulSignInDateTime;
  const attempts = [user.lastSignInDateTime, user.lastNonInteractiveSignInDateTime].flatMap((date) => (date === null ? [] : [date.getTime()]));
  return attempts.length === 0 ? null : new Date(Math.min(Math.max(...attempts), SUCCESS_TRACKED_FROM));
}

/** What marks a role the registration report knows of but the role pages do not name. */
export const UNNAMED_ADMIN_ROLE = 'admin role (isAdmin in userRegistrationDetails)';

function adminRolesOf(user: EntraUser): string[] {
  if (user.directoryRoles.length > 0) return [...user.directoryRoles];
  return user.registration?.isAdmin === true ? [UNNAMED_ADMIN_ROLE] : [];
}

/** Entra users as `identity/accounts`; refuses users whose export does not say whether they can sign in. */
export function identityAccounts(users: readonly EntraUser[]): IdentityAccount[] {
  const unknown = users.find((user) => user.accountEnabled === null);
  if (unknown !== undefined) {
    throw new UserError(`Entra user ${unknown.userPrincipalName} has no accountEnabled: the export cannot say whether the account can sign in`, {
      hint: 'az ad user list leaves accountEnabled out: export GET /v1.0/users with $select=…,accountEnabled,signInActivity (src/providers/entra/export.sh does).',
    });
  }
  return users.map((user) => ({
    provider: 'entra',
    id: user.id,
    login: user.userPrincipalName,
    emails: [...new Set([user.mail, ...user.otherMails].flatMap((email) => (email ? [email.toLowerCase()] : [])))],
    employeeId: user.employeeId,
    displayName: user.displayName,
    status: user.accountEnabled === true ? 'active' : 'suspended',
    created: user.createdDateTime,
    lastSignIn: lastSignInOf(user),
    // Graph keeps no time of the change to accountEnabled (the audit log does).
    statusChanged: null,
    mfaFactors: user.registration === null ? null : mfaFactorsOf(user.registration.methodsRegistered),
    adminRoles: adminRolesOf(user),
  }));
}

export default defineSource({
  type: 'entra/users',
  kind: 'batch',
  description:
    'Microsoft Entra ID users: the pages of `GET /v1.0/users?$select=id,userPrincipalName,displayName,mail,otherMails,accountEnabled,userType,createdDateTime,employeeId,signInActivity` saved unchanged (`{"@odata.context", "value": [...], "@odata.nextLink"}`), or the flat array `az ad user list` prints. Pages of `userRegistrationDetails` and of `directoryRoles?$expand=members` in the same glob (told apart by their `@odata.context`) are joined to their user by id; a listing whose every page has `@odata.nextLink` lacks its last page and is refused, and so is a user listed twice. Offered as `identity/accounts`: `accountEnabled` true is active, false suspended (Entra has no deprovisioned state: a deleted user leaves the listing); a user without `accountEnabled` (`az ad user list` does not select it) makes the view an error, never a guess. Last sign-in is `lastSuccessfulSignInDateTime` (interactive or not); without it, the later of `lastSignInDateTime` and `lastNonInteractiveSignInDateTime` bounded by 2023-12-01, when success tracking began; no `signInActivity` is never signed in. MFA factors come from `methodsRegistered` (FIDO2, passkeys, Windows Hello for Business phishing-resistant; Authenticator and OTP strong; phone and e-mail weak), unknown (null) for a user without registration details; admin roles are the directory roles the user is a direct member of, or, without role pages naming one, a marker when the registration details say `isAdmin`. Roles held through a group or only eligible (PIM) are not listed.',
  read: readUsers,
  views: { 'identity/accounts': identityAccounts },
});
