import { z } from 'zod';
import { defineSource, type SourceText } from '../../../kit/define-source.js';
import type { IdentityAccount } from '../../../kit/views/identity/accounts.js';
import { awsTimestampSchema } from '../lib/aws-values.js';
import { readAwsDocument, type DocumentForm } from '../lib/export-file.js';

/** One user of an IAM Identity Center identity store, as `aws identitystore list-users` lists it. */
export interface IdentityStoreUser {
  identityStoreId: string;
  userId: string;
  userName: string | null;
  displayName: string | null;
  /** Lower-case e-mail addresses, the primary one first. */
  emails: readonly string[];
  /** `ENABLED` or `DISABLED`; null when the export predates the field (the user is then taken as enabled). */
  userStatus: 'ENABLED' | 'DISABLED' | null;
  createdAt: Date | null;
}

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'aws/identitystore-users': IdentityStoreUser;
  }
}

const DESCRIPTION = {
  expected: 'the output of aws identitystore list-users ({"Users": [...]})',
  hint: 'Export with `aws identitystore list-users --identity-store-id d-1234567890 --output json` (the identity store id is in `aws sso-admin list-instances`).',
};

const optionalText = z.string().optional();

const userSchema = z.looseObject({
  IdentityStoreId: z.string().min(1),
  UserId: z.string().min(1),
  UserName: optionalText,
  DisplayName: optionalText,
  Name: z.looseObject({ Formatted: optionalText, GivenName: optionalText, FamilyName: optionalText }).optional(),
  Emails: z.array(z.looseObject({ Value: optionalText, Type: optionalText, Primary: z.boolean().optional() })).optional(),
  UserStatus: z.enum(['ENABLED', 'DISABLED']).optional(),
  CreatedAt: awsTimestampSchema.optional(),
});

type UserJson = z.output<typeof userSchema>;

const forms: readonly DocumentForm<UserJson[]>[] = [{ key: 'Users', schema: z.looseObject({ Users: z.array(userSchema) }).transform((file) => file.Users) }];

function emailsOf(user: UserJson): string[] {
  const emails = [...(user.Emails ?? [])].sort((a, b) => Number(b.Primary === true) - Number(a.Primary === true));
  return [...new Set(emails.flatMap((email) => (email.Value ? [email.Value.toLowerCase()] : [])))];
}

function displayNameOf(user: UserJson): string | null {
  const name = user.Name;
  return user.DisplayName || name?.Formatted || [name?.GivenName, name?.FamilyName].filter(Boolean).join(' ') || null;
}

function toUser(user: UserJson): IdentityStoreUser {
  return {
    identityStoreId: user.IdentityStoreId,
    userId: user.UserId,
    userName: user.UserName ?? null,
    displayName: displayNameOf(user),
    emails: emailsOf(user),
    userStatus: user.UserStatus ?? null,
    createdAt: user.CreatedAt ?? null,
  };
}

function readFile(file: SourceText): IdentityStoreUser[] {
  return readAwsDocument(file, forms, DESCRIPTION).map(toUser);
}

/**
 * Identity Center users as `identity/accounts`: disabled users are suspended, the rest active. The identity store
 * API lists neither sign-ins nor MFA devices, so last sign-in and factors are unknown (null), never "none".
 */
export function identityAccounts(users: readonly IdentityStoreUser[]): IdentityAccount[] {
  return users.map((user) => ({
    provider: 'aws',
    id: user.userId,
    login: user.userName ?? user.userId,
    emails: user.emails,
    employeeId: null,
    displayName: user.displayName,
    status: user.userStatus === 'DISABLED' ? 'suspended' : 'active',
    // identity/accounts reads a null last sign-in with a creation time as "never signed in"; the identity store does
    // not list sign-ins, so the creation time is left out and the account counts as activity unknown.
    created: null,
    lastSignIn: null,
    statusChanged: null,
    mfaFactors: null,
    adminRoles: [],
  }));
}

export default defineSource({
  type: 'aws/identitystore-users',
  kind: 'batch',
  description:
    'Users of an AWS IAM Identity Center identity store: the output of `aws identitystore list-users --identity-store-id ID` (CLI v1 or v2 JSON, `{"Users": [...]}`; the CLI follows the pages itself, and a file cut short by --max-items is refused). One record per user: identity store and user id, user name, display name, e-mails (primary first), `UserStatus` and `CreatedAt` where the API sends them. Offered as `identity/accounts`: `UserStatus` DISABLED is suspended, ENABLED (or absent, in exports from before the field) active; the identity store API lists neither sign-ins nor MFA devices, so last sign-in and MFA factors are unknown (null), not none, and the creation time is left out of the view so that identity/dormant-accounts counts these accounts as activity unknown rather than never signed in.',
  read: (files) => files.flatMap(readFile),
  views: { 'identity/accounts': identityAccounts },
});
