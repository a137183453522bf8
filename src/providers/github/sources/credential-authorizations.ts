import { z } from 'zod';
import { defineSource, type SourceText } from '../../../kit/define-source.js';
import { githubInstant, readGithubListing } from '../lib/github-json.js';

/** One credential a member authorised for the organisation's SAML single sign-on. */
export interface GithubCredentialAuthorization {
  login: string;
  credentialId: number;
  /** `token` for a personal access token (classic) or OAuth token, `ssh-key` for an SSH key, from `credential_type`. */
  kind: 'token' | 'ssh-key';
  /** `credential_type` as GitHub writes it (`personal access token`, `SSH key`). */
  credentialType: string;
  /** OAuth scopes a token was granted; empty for SSH keys. */
  scopes: readonly string[];
  /** When the credential was authorised for the organisation: GitHub gives no creation time. */
  authorizedAt: Date;
  /** Null: never used since it was authorised. */
  accessedAt: Date | null;
  /** Null: a token that never expires (or an SSH key, which has no expiry). */
  expiresAt: Date | null;
  /** The token's note or the SSH key's title, whichever GitHub gives. */
  name: string | null;
  /** The SSH key's fingerprint (public); tokens have none. */
  fingerprint: string | null;
}

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'github/credential-authorizations': GithubCredentialAuthorization;
  }
}

const nullableInstant = githubInstant.nullable().optional();
const optionalText = z.string().nullable().optional();

// `token_last_eight` is part of a secret: it is not read.
const authorizationSchema = z.looseObject({
  login: z.string().min(1),
  credential_id: z.number().int(),
  credential_type: z.string().min(1),
  credential_authorized_at: githubInstant,
  credential_accessed_at: nullableInstant,
  authorized_credential_expires_at: nullableInstant,
  authorized_credential_note: optionalText,
  authorized_credential_title: optionalText,
  fingerprint: optionalText,
  scopes: z.array(z.string()).optional(),
});

function readFile(file: SourceText): GithubCredentialAuthorization[] {
  return readGithubListing(file, authorizationSchema, 'a GitHub credential authorization listing').map((authorization) => ({
    login: authorization.login,
    credentialId: authorization.credential_id,
    kind: /^ssh key$/i.test(authorization.credential_type) ? 'ssh-key' : 'token',
    credentialType: authorization.credential_type,
    scopes: authorization.scopes ?? [],
    authorizedAt: authorization.credential_authorized_at,
    accessedAt: authorization.credential_accessed_at ?? null,
    expiresAt: authorization.authorized_credential_expires_at ?? null,
    name: authorization.authorized_credential_note || authorization.authorized_credential_title || null,
    fingerprint: authorization.fingerprint || null,
  }));
}

export default defineSource({
  type: 'github/credential-authorizations',
  kind: 'batch',
  description:
    'Credentials authorised for a GitHub organisation\'s SAML single sign-on (GitHub Enterprise Cloud): the pages of `GET /orgs/{org}/credential-authorizations` saved unchanged (JSON arrays, or `gh api --paginate --slurp`\'s array of pages). One record per credential: owner login, credential id, kind (`SSH key` is an SSH key, every other credential_type a token), scopes, when it was authorised (GitHub gives no creation time), last accessed (null: never) and expiry (null: none), its note or title and an SSH key\'s fingerprint. `token_last_eight`, part of the secret, is not read.',
  read: (files) => files.flatMap(readFile),
});
