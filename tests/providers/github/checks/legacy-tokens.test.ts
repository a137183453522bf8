import check from '../../../../src/providers/github/checks/legacy-tokens.js';
import type { GithubCredentialAuthorization } from '../../../../src/providers/github/sources/credential-authorizations.js';
import { CheckTester } from '../../../../src/testing/index.js';

// As-of is 2026-11-01T00:00Z: by default a broad token authorised before 2026-08-03T00:00Z is too old, and an SSH key
// last used before then is idle.
function token(id: number, scopes: string[], authorizedAt: string, expiresAt: string | null): GithubCredentialAuthorization {
  return { login: 'octocat', credentialId: id, kind: 'token', credentialType: 'personal access token', scopes, authorizedAt: new Date(authorizedAt), accessedAt: null, expiresAt: expiresAt === null ? null : new Date(expiresAt), name: null, fingerprint: null };
}

function sshKey(id: number, authorizedAt: string, accessedAt: string | null): GithubCredentialAuthorization {
  return { ...token(id, [], authorizedAt, null), kind: 'ssh-key', credentialType: 'SSH key', accessedAt: accessedAt === null ? null : new Date(accessedAt), name: 'laptop', fingerprint: 'SHA256:abc' };
}

const FRESH = '2026-10-01T00:00:00Z';
const EXPIRES = '2026-12-01T00:00:00Z';

new CheckTester(check).run({
  pass: [
    {
      name: 'a broad token authorised exactly max_age ago that expires; a narrow token without expiry; a key used exactly max_idle ago',
      records: [token(1, ['repo', 'admin:org'], '2026-08-03T00:00:00Z', EXPIRES), token(2, ['read:org'], '2019-01-01T00:00:00Z', null), sshKey(3, '2020-01-01T00:00:00Z', '2026-08-03T00:00:00Z')],
      examined: 3,
      metrics: { legacy_tokens: 0, idle_ssh_keys: 0, tokens_without_expiry: 1 },
    },
    {
      name: 'an expired token cannot be used: not examined',
      records: [token(1, ['repo'], '2019-01-01T00:00:00Z', '2026-11-01T00:00:00Z'), sshKey(3, FRESH, null)],
      examined: 1,
      metrics: { legacy_tokens: 0, idle_ssh_keys: 0, tokens_without_expiry: 0 },
    },
    {
      name: 'broad_scopes replaces the default list',
      records: [token(1, ['repo'], '2019-01-01T00:00:00Z', null)],
      params: { broad_scopes: ['admin:enterprise'] },
      examined: 1,
      metrics: { legacy_tokens: 0, idle_ssh_keys: 0, tokens_without_expiry: 1 },
    },
  ],
  fail: [
    {
      name: 'a broad token without expiry, one authorised a second too long ago, one both',
      records: [token(1, ['repo'], FRESH, null), token(2, ['write:packages', 'read:org'], '2026-08-02T23:59:59Z', EXPIRES), { ...token(3, ['delete_repo', 'admin:org'], '2023-02-14T09:12:44Z', null), name: 'deploy script' }],
      examined: 3,
      metrics: { legacy_tokens: 3, idle_ssh_keys: 0, tokens_without_expiry: 2 },
      findings: [
        {
          resource: 'octocat#credential-1',
          message: 'personal access token 1 of octocat with broad scopes repo never expires',
          details: { login: 'octocat', scopes: ['repo'], authorized_at: '2026-10-01T00:00:00.000Z', expires_at: null },
        },
        { resource: 'octocat#credential-2', message: 'personal access token 2 of octocat with broad scopes write:packages was authorised 90 days ago (max 90d)' },
        { resource: 'octocat#credential-3', message: 'personal access token 3 "deploy script" of octocat with broad scopes delete_repo, admin:org never expires and was authorised 1355 days ago (max 90d)' },
      ],
    },
    {
      name: 'SSH keys idle a second too long, or never used since authorised too long ago',
      records: [sshKey(4, '2020-01-01T00:00:00Z', '2026-08-02T23:59:59Z'), sshKey(5, '2026-05-01T00:00:00Z', null), sshKey(6, '2026-08-03T00:00:00Z', null)],
      examined: 3,
      metrics: { legacy_tokens: 0, idle_ssh_keys: 2, tokens_without_expiry: 0 },
      findings: [
        {
          resource: 'octocat#credential-4',
          message: 'SSH key 4 "laptop" of octocat has not been used for 90 days (max 90d)',
          details: { login: 'octocat', fingerprint: 'SHA256:abc', last_accessed_at: '2026-08-02T23:59:59.000Z' },
        },
        { resource: 'octocat#credential-5', message: 'SSH key 5 "laptop" of octocat has never been used since it was authorised 184 days ago (max 90d)' },
      ],
    },
    {
      name: 'max_age and max_idle as params',
      records: [token(1, ['repo'], '2026-10-01T00:00:00Z', EXPIRES), sshKey(2, '2020-01-01T00:00:00Z', '2026-10-20T00:00:00Z')],
      params: { max_age: '30d', max_idle: '1w' },
      examined: 2,
      metrics: { legacy_tokens: 1, idle_ssh_keys: 1, tokens_without_expiry: 0 },
      findings: [
        { resource: 'octocat#credential-1', message: /authorised 31 days ago \(max 30d\)$/ },
        { resource: 'octocat#credential-2', message: /not been used for 12 days \(max 1w\)$/ },
      ],
    },
  ],
  vacuous: [{ name: 'no credentials', records: [], metrics: { legacy_tokens: 0, idle_ssh_keys: 0, tokens_without_expiry: 0 } }],
});
