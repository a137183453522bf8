import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import source, { type GithubCredentialAuthorization } from '../../../../src/providers/github/sources/credential-authorizations.js';
import { SourceTester } from '../../../../src/testing/index.js';
import { fixturesDir } from '../../../support/paths.js';

const relative = 'github/export/credential-authorizations/credential-authorizations.json';
const fixture = readFileSync(path.join(fixturesDir, relative), 'utf8');

const minimal = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify([{ login: 'octocat', credential_id: 7, credential_type: 'personal access token', credential_authorized_at: '2024-01-15T09:30:00Z', ...overrides }]);

const token: GithubCredentialAuthorization = {
  login: 'octocat',
  credentialId: 7,
  kind: 'token',
  credentialType: 'personal access token',
  scopes: [],
  authorizedAt: new Date('2024-01-15T09:30:00Z'),
  accessedAt: null,
  expiresAt: null,
  name: null,
  fingerprint: null,
};

new SourceTester(source).run({
  read: [
    { name: 'a token with only the required fields: never accessed, no expiry', text: minimal(), records: [token] },
    {
      name: 'a token with scopes, expiry and a note; the last eight characters of the secret are not read',
      text: minimal({ scopes: ['repo'], credential_accessed_at: '2026-10-01T00:00:00Z', authorized_credential_expires_at: '2026-12-01T00:00:00Z', authorized_credential_note: 'ci', token_last_eight: 'abcd1234', authorized_credential_id: 99 }),
      records: [{ ...token, scopes: ['repo'], accessedAt: new Date('2026-10-01T00:00:00Z'), expiresAt: new Date('2026-12-01T00:00:00Z'), name: 'ci' }],
    },
    {
      name: 'an SSH key with its title and fingerprint',
      text: minimal({ credential_type: 'SSH key', authorized_credential_title: 'laptop', fingerprint: 'SHA256:abc', credential_accessed_at: null }),
      records: [{ ...token, kind: 'ssh-key', credentialType: 'SSH key', name: 'laptop', fingerprint: 'SHA256:abc' }],
    },
  ],
  reject: [
    { name: 'an empty file', text: '', error: 'File is empty: expected a GitHub credential authorization listing', line: 1, col: 1 },
    { name: 'no authorisation time', text: '[{"login": "octocat", "credential_id": 7, "credential_type": "SSH key"}]', error: '[0].credential_authorized_at: missing (expected string)' },
    { name: 'an impossible date', text: minimal({ credential_accessed_at: '2026-02-30T00:00:00Z' }), error: '[0].credential_accessed_at: expected a date-time like 2024-01-15T09:30:00Z, found "2026-02-30T00:00:00Z"' },
    { name: 'scopes that are not a list', text: minimal({ scopes: 'repo' }), error: /^\[0\]\.scopes: / },
  ],
});

describe('github/credential-authorizations over the fixture', () => {
  it('reads tokens and SSH keys, never the partial secret', () => {
    const records = source.read([{ display: relative, path: relative, text: fixture }]);
    expect(records.map((record) => [record.login, record.kind, record.scopes, record.expiresAt?.toISOString() ?? null])).toEqual([
      ['alice-example', 'token', ['repo', 'admin:org', 'workflow'], null],
      ['bob-example', 'token', ['repo', 'read:org'], '2026-12-01T08:00:00.000Z'],
      ['carol-ng', 'token', ['read:org', 'read:packages'], null],
      ['lee-example', 'ssh-key', [], null],
      ['alice-example', 'ssh-key', [], null],
    ]);
    expect(JSON.stringify(records)).not.toContain('71c3fc11');
  });
});
