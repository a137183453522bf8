import { z } from 'zod';
import { daysBetween, isOlderThan, type Duration } from '../../../core/time.js';
import { defineCheck, type Finding } from '../../../kit/define-check.js';
import { durationParam } from '../../../kit/params.js';
import type { GithubCredentialAuthorization } from '../sources/credential-authorizations.js';

const DEFAULT_BROAD_SCOPES = ['admin:org', 'repo', 'write:packages', 'delete_repo', 'admin:repo_hook'];

const params = z.strictObject({
  broad_scopes: z
    .array(z.string().min(1))
    .min(1)
    .prefault(DEFAULT_BROAD_SCOPES)
    .describe(`OAuth scopes that make a token broad, exactly as GitHub names them (default ${DEFAULT_BROAD_SCOPES.join(', ')}).`),
  max_age: durationParam.prefault('90d').describe('How long ago a broad token may have been authorised for the organisation (e.g. 90d, 6mo).'),
  max_idle: durationParam.prefault('90d').describe('Longest an SSH key may go unused (e.g. 90d, 12w).'),
});

type Params = z.output<typeof params>;

const resourceOf = (credential: GithubCredentialAuthorization): string => `${credential.login}#credential-${credential.credentialId}`;

function describe(credential: GithubCredentialAuthorization): string {
  const what = credential.kind === 'ssh-key' ? 'SSH key' : credential.credentialType;
  return `${what} ${credential.credentialId}${credential.name === null ? '' : ` "${credential.name}"`} of ${credential.login}`;
}

function legacyToken(credential: GithubCredentialAuthorization, { broad_scopes: broadScopes, max_age: maxAge }: Params, asOf: Date): Finding[] {
  const broad = credential.scopes.filter((scope) => broadScopes.includes(scope));
  if (broad.length === 0) return [];
  const old = isOlderThan(credential.authorizedAt, maxAge, asOf);
  const reasons = [
    ...(credential.expiresAt === null ? ['never expires'] : []),
    ...(old ? [`was authorised ${daysBetween(credential.authorizedAt, asOf)} days ago (max ${maxAge.text})`] : []),
  ];
  if (reasons.length === 0) return [];
  return [
    {
      resource: resourceOf(credential),
      message: `${describe(credential)} with broad scopes ${broad.join(', ')} ${reasons.join(' and ')}`,
      details: { login: credential.login, scopes: [...credential.scopes], authorized_at: credential.authorizedAt.toISOString(), expires_at: credential.expiresAt?.toISOString() ?? null },
    },
  ];
}

function idleKey(credential: GithubCredentialAuthorization, maxIdle: Duration, asOf: Date): Finding[] {
  const lastUse = credential.accessedAt ?? credential.authorizedAt;
  if (!isOlderThan(lastUse, maxIdle, asOf)) return [];
  const days = daysBetween(lastUse, asOf);
  const since = credential.accessedAt === null ? `has never been used since it was authorised ${days} days ago` : `has not been used for ${days} days`;
  return [
    {
      resource: resourceOf(credential),
      message: `${describe(credential)} ${since} (max ${maxIdle.text})`,
      details: { login: credential.login, fingerprint: credential.fingerprint, last_accessed_at: credential.accessedAt?.toISOString() ?? null },
    },
  ];
}

export default defineCheck({
  id: 'github/legacy-tokens',
  title: 'No legacy tokens or idle SSH keys with organisation access',
  description:
    'Among the credentials authorised for the organisation\'s SAML single sign-on, no unexpired token with a broad scope (`broad_scopes`) never expires or was authorised longer than `max_age` ago, and no SSH key has gone unused for longer than `max_idle` (one never used counts from its authorisation). GitHub gives the authorisation time, not the creation time, so a token is at least as old as it is judged. Expired tokens cannot be used and are not examined.',
  inputs: { records: 'github/credential-authorizations' },
  params,
  remediation:
    'Revoke the SSO authorisation of each listed credential (organisation Settings > People > the member > SAML identity, or `DELETE /orgs/{org}/credential-authorizations/{credential_id}`), have its owner replace a broad classic token with a fine-grained one that expires, and remove SSH keys no longer in use.',
  metrics: {
    legacy_tokens: 'Unexpired tokens with a broad scope that never expire or are older than max_age',
    idle_ssh_keys: 'SSH keys unused for longer than max_idle',
    tokens_without_expiry: 'Unexpired tokens, broad or not, that never expire',
  },
  criteria: { soc2: ['CC6.1', 'CC6.2'], 'pci-dss-4': ['8.3.9', '8.6.3'], 'iso27001-2022': ['A.5.17', 'A.8.5'], 'nist-csf-2': ['PR.AA-01'] },
  resourceExample: 'alice-example#credential-161195',
  run({ inputs: { records }, params: settings, asOf }) {
    const usable = records.filter((credential) => credential.expiresAt === null || credential.expiresAt.getTime() > asOf.getTime());
    const tokens = usable.filter((credential) => credential.kind === 'token');
    const keys = usable.filter((credential) => credential.kind === 'ssh-key');
    const tokenFindings = tokens.flatMap((credential) => legacyToken(credential, settings, asOf));
    const keyFindings = keys.flatMap((credential) => idleKey(credential, settings.max_idle, asOf));
    return {
      examined: usable.length,
      findings: [...tokenFindings, ...keyFindings],
      metrics: {
        legacy_tokens: tokenFindings.length,
        idle_ssh_keys: keyFindings.length,
        tokens_without_expiry: tokens.filter((credential) => credential.expiresAt === null).length,
      },
    };
  },
});
