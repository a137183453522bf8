import { z } from 'zod';
import { defineSource, type SourceText } from '../../../kit/define-source.js';
import { instantField } from '../../../kit/formats/instant.js';
import { parseJsonText, validateJson } from '../../../kit/formats/json.js';
import { assertNotEmpty } from '../../../kit/formats/text.js';
import { employeeIdOf, identityAccounts, uniqueUsers, unlessNever, type GoogleWorkspaceUser } from '../lib/users.js';

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'google-workspace/users': GoogleWorkspaceUser;
  }
}

const HINT =
  'Save each page of the Admin SDK response unchanged (GET admin/directory/v1/users?customer=my_customer, and again with showDeleted=true), e.g. with src/providers/google-workspace/export.sh.';

/** A Directory API date-time (`2024-01-15T10:20:30.000Z`), strictly. */
const googleInstant = instantField('2024-01-15T10:20:30.000Z');
const optionalText = z.string().optional();

const userSchema = z.looseObject({
  id: z.string().min(1),
  primaryEmail: z.string().min(1),
  name: z.looseObject({ fullName: optionalText }).optional(),
  suspended: z.boolean(),
  archived: z.boolean().optional(),
  isAdmin: z.boolean(),
  isDelegatedAdmin: z.boolean(),
  isEnrolledIn2Sv: z.boolean().optional(),
  isEnforcedIn2Sv: z.boolean().optional(),
  creationTime: googleInstant.optional(),
  lastLoginTime: googleInstant.optional(),
  deletionTime: googleInstant.optional(),
  emails: z.array(z.looseObject({ address: optionalText })).optional(),
  externalIds: z.array(z.looseObject({ type: optionalText, value: optionalText })).optional(),
  orgUnitPath: optionalText,
});

// The page as users.list returns it; Google leaves `users` out of an empty page.
const pageSchema = z.looseObject({
  kind: z.literal('admin#directory#users'),
  users: z.array(userSchema).optional(),
  nextPageToken: optionalText,
});

function toUser(user: z.output<typeof userSchema>): GoogleWorkspaceUser {
  return {
    id: user.id,
    primaryEmail: user.primaryEmail,
    fullName: user.name?.fullName || null,
    emails: (user.emails ?? []).flatMap((email) => (email.address ? [email.address] : [])),
    employeeId: employeeIdOf((user.externalIds ?? []).map((externalId) => ({ type: externalId.type ?? null, value: externalId.value ?? null }))),
    suspended: user.suspended,
    archived: user.archived ?? false,
    deleted: user.deletionTime ?? null,
    isAdmin: user.isAdmin,
    isDelegatedAdmin: user.isDelegatedAdmin,
    isEnrolledIn2Sv: user.isEnrolledIn2Sv ?? null,
    isEnforcedIn2Sv: user.isEnforcedIn2Sv ?? null,
    created: user.creationTime ?? null,
    lastLogin: unlessNever(user.lastLoginTime ?? null),
    lastLoginExported: user.lastLoginTime !== undefined,
    orgUnitPath: user.orgUnitPath ?? null,
  };
}

function readPage(file: SourceText): GoogleWorkspaceUser[] {
  assertNotEmpty(file, 'a page of the Admin SDK users listing', HINT);
  const page = validateJson(pageSchema, parseJsonText(file.text, file.display, HINT), file.text, file.display, HINT);
  return (page.users ?? []).map(toUser);
}

export default defineSource({
  type: 'google-workspace/users',
  kind: 'batch',
  description:
    'Google Workspace users: the pages of the Admin SDK Directory API `users.list` (`GET admin/directory/v1/users?customer=my_customer`) saved unchanged (`{"kind": "admin#directory#users", "users": [...], "nextPageToken": ...}`), together with the pages of the same call with `showDeleted=true` (deleted users, with their `deletionTime`). Each user once; one listed both present and deleted counts as deleted. Offered as `identity/accounts`: deleted users are deprovisioned (status changed at `deletionTime`), suspended or archived users suspended (neither can sign in; the listing carries no time for it), the rest active. `lastLoginTime` 1970-01-01T00:00:00.000Z is never signed in. A user enrolled in 2-Step Verification (`isEnrolledIn2Sv`) has one factor of unknown kind and strength, since the listing does not say which method; one not enrolled has none. `isAdmin` is the admin role "Super Admin", `isDelegatedAdmin` "Delegated Admin"; the external id of type `organization` is the employee id.',
  read: (files) => uniqueUsers(files.flatMap(readPage)),
  views: { 'identity/accounts': identityAccounts },
});
