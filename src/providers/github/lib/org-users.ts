import { z } from 'zod';
import { pathInCatalog, type SourceText } from '../../../kit/define-source.js';
import type { IdentityAccount, MfaFactor } from '../../../kit/views/identity/accounts.js';
import { readGithubListing } from './github-json.js';

/**
 * What the export says of a user's two-factor authentication: listed with `filter=2fa_disabled` (`disabled`), with
 * `filter=2fa_insecure` (`insecure`: only methods GitHub calls insecure), in neither while the 2fa_disabled listing
 * was exported (`enabled`), or null when it was not: unknown.
 */
export type TwoFactor = 'enabled' | 'insecure' | 'disabled' | null;

/** A user of an organisation listing (members, outside collaborators): GitHub's simple-user, with its 2FA state. */
export interface GithubOrgUser {
  id: number;
  login: string;
  /** `User`; `Bot` and `Organization` exist elsewhere. */
  type: string;
  /** GitHub staff, not an organisation owner. */
  siteAdmin: boolean;
  twoFactor: TwoFactor;
  /** Listed with `role=admin` (an organisation owner); null when that listing was not exported. */
  orgOwner: boolean | null;
}

const userSchema = z.looseObject({
  login: z.string().min(1),
  id: z.number().int().positive(),
  type: z.string().optional(),
  site_admin: z.boolean().optional(),
});

type Listing = 'all' | '2fa_disabled' | '2fa_insecure' | 'role_admin';

/** Which listing a file holds, from a folder or file name carrying the filter (`members-2fa-disabled/page-1.json`, `members-role-admin/`). */
export function listingOf(file: SourceText): Listing {
  const where = pathInCatalog(file).replace(/\\/g, '/');
  const filter = /(?:^|[/._-])(2fa[-_]disabled|2fa[-_]insecure|role[-_]admin)(?=[/._-]|$)/.exec(where)?.[1];
  return filter === undefined ? 'all' : (filter.replace('-', '_') as Listing);
}

/** The users of every listing file, each once by id, with the 2FA state and ownership the filtered listings among them give. */
export function readOrgUsers(files: readonly SourceText[], what: string): GithubOrgUser[] {
  const users = new Map<number, z.output<typeof userSchema>>();
  const listed: Record<Listing, Set<number>> = { all: new Set(), '2fa_disabled': new Set(), '2fa_insecure': new Set(), role_admin: new Set() };
  const exported = new Set<Listing>();
  for (const file of files) {
    const listing = listingOf(file);
    exported.add(listing);
    for (const user of readGithubListing(file, userSchema, what)) {
      if (!users.has(user.id)) users.set(user.id, user);
      listed[listing].add(user.id);
    }
  }
  const twoFactorOf = (id: number): TwoFactor => {
    if (listed['2fa_disabled'].has(id)) return 'disabled';
    if (listed['2fa_insecure'].has(id)) return 'insecure';
    return exported.has('2fa_disabled') ? 'enabled' : null;
  };
  return [...users.values()].map((user) => ({
    id: user.id,
    login: user.login,
    type: user.type ?? 'User',
    siteAdmin: user.site_admin ?? false,
    twoFactor: twoFactorOf(user.id),
    orgOwner: exported.has('role_admin') ? listed.role_admin.has(user.id) : null,
  }));
}

/**
 * 2FA as MFA factors. GitHub's listings never say which method a user enrolled: enabled 2FA is one factor of unknown
 * kind and strength (TOTP, SMS, a security key and a passkey all count), insecure 2FA one weak factor of unknown kind.
 */
const FACTORS: Readonly<Record<Exclude<TwoFactor, null>, readonly MfaFactor[]>> = {
  enabled: [{ kind: 'unknown', strength: 'unknown' }],
  insecure: [{ kind: 'unknown', strength: 'weak' }],
  disabled: [],
};

/** Organisation users as `identity/accounts`: listed means active, an owner holds the admin role `organization owner`; GitHub gives no e-mail or dates in these listings. */
export function orgUserAccounts(users: readonly GithubOrgUser[]): IdentityAccount[] {
  return users.map((user) => ({
    provider: 'github',
    id: String(user.id),
    login: user.login,
    emails: [],
    employeeId: null,
    displayName: null,
    status: 'active',
    created: null,
    lastSignIn: null,
    statusChanged: null,
    mfaFactors: user.twoFactor === null ? null : FACTORS[user.twoFactor],
    adminRoles: user.orgOwner === true ? ['organization owner'] : [],
  }));
}

/** The description both listings share: where the 2FA state and ownership come from and how they are offered. */
export const FILTERED_LISTINGS_DESCRIPTION =
  'Files whose folder or name carries the filter (`…-2fa-disabled/`, `…2fa_insecure.json`) hold the same listing with `filter=2fa_disabled` or `filter=2fa_insecure` (organisation owners only): a user listed there has no 2FA, or only insecure methods; when a 2fa_disabled listing is among the files, every other user has 2FA enabled, and without one 2FA is unknown. Offered as `identity/accounts` (active, the numeric id as account id): enabled 2FA is one factor of unknown kind and strength (the listings never say which method), insecure 2FA one weak factor, none no factor, unknown null. Files carrying `role-admin` hold the members listing with `role=admin`: those members are organisation owners, offered with the admin role `organization owner`. The listings carry no e-mail, creation or sign-in, so they join leavers through the alias table only.';
