import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import auditLog from '../../../src/providers/github/sources/audit-log.js';
import credentialAuthorizations from '../../../src/providers/github/sources/credential-authorizations.js';
import members from '../../../src/providers/github/sources/members.js';
import outsideCollaborators from '../../../src/providers/github/sources/outside-collaborators.js';
import type { SourceText } from '../../../src/kit/define-source.js';
import { repoRoot } from '../../support/paths.js';
import { runWithStub } from '../../support/stub-cli.js';

const SCRIPT = path.join(repoRoot, 'src/providers/github/export.sh');
const FIXTURES = path.join(repoRoot, 'fixtures/github/export');
const ORG = 'example-org';

const scratch = mkdtempSync(path.join(tmpdir(), 'export-github-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// The stub `gh` (bash): logs its arguments one per line, answers the endpoint (its last argument) from the table
// (endpoint, exit code, body file; tab-separated): the body on stdout, or gh's error on stderr with a failing code.
const STUB = `#!/usr/bin/env bash
printf '%s\\n' "$@" '--' >> "$STUB_LOG"
endpoint=\${!#}
while IFS=$'\\t' read -r want code file; do
  if [ "$want" = "$endpoint" ]; then
    if [ "$code" = 0 ]; then cat "$file"; else cat "$file" >&2; fi
    exit "$code"
  fi
done < "$STUB_TABLE"
printf 'stub gh: no response for %s\\n' "$endpoint" >&2
exit 1
`;

interface StubResponse {
  endpoint: string;
  code?: number;
  body: string;
}

const GH = { scratch, script: SCRIPT, command: 'gh', stub: STUB };

const run = (responses: readonly StubResponse[], args: readonly string[] = ['--org', ORG]) =>
  runWithStub(GH, responses.map((response) => ({ fields: [response.endpoint, String(response.code ?? 0)], body: response.body })), args);

const fixture = (relative: string): string => readFileSync(path.join(FIXTURES, relative), 'utf8');
const MEMBERS = `/orgs/${ORG}/members?per_page=100`;
const CREDENTIALS = `/orgs/${ORG}/credential-authorizations?per_page=100`;
const AUDIT_LOG = `/orgs/${ORG}/audit-log?include=all&per_page=100`;

function demoResponses(): StubResponse[] {
  return [
    { endpoint: MEMBERS, body: fixture('members/members.json') },
    { endpoint: `/orgs/${ORG}/members?filter=2fa_disabled&per_page=100`, body: fixture('members-2fa-disabled/members.json') },
    { endpoint: `/orgs/${ORG}/members?role=admin&per_page=100`, body: fixture('members-role-admin/members.json') },
    { endpoint: `/orgs/${ORG}/outside_collaborators?per_page=100`, body: fixture('outside-collaborators/outside-collaborators.json') },
    { endpoint: `/orgs/${ORG}/outside_collaborators?filter=2fa_disabled&per_page=100`, body: fixture('outside-collaborators-2fa-disabled/outside-collaborators.json') },
    { endpoint: CREDENTIALS, body: fixture('credential-authorizations/credential-authorizations.json') },
    { endpoint: AUDIT_LOG, body: fixture('audit-log/audit-log.json') },
  ];
}

const text = (out: string, relative: string): SourceText => ({ display: relative, path: relative, text: readFileSync(path.join(out, relative), 'utf8') });

describe('src/providers/github/export.sh', () => {
  it('writes every listing (members with the 2fa_disabled and role=admin filters, the audit log) with gh api --paginate --slurp, GET only, into what the sources read', () => {
    const result = run(demoResponses());
    expect(result.stderr).toContain(`wrote the listings of ${ORG}`);
    expect(result.code).toBe(0);
    expect(result.calls).toHaveLength(7);
    for (const call of result.calls) expect(call.slice(0, 5)).toEqual(['api', '--method', 'GET', '--paginate', '--slurp']);
    const read = members.read(['members/members.json', 'members-2fa-disabled/members.json', 'members-role-admin/members.json'].map((file) => text(result.out, file)));
    expect(read.map((member) => [member.login, member.twoFactor, member.orgOwner])).toEqual([
      ['alice-example', 'enabled', true],
      ['bob-example', 'disabled', false],
      ['carol-ng', 'enabled', false],
      ['lee-example', 'enabled', false],
    ]);
    const collaborators = outsideCollaborators.read([text(result.out, 'outside-collaborators/outside-collaborators.json'), text(result.out, 'outside-collaborators-2fa-disabled/outside-collaborators.json')]);
    expect(collaborators.map((user) => user.twoFactor)).toEqual(['enabled', 'enabled']);
    expect(credentialAuthorizations.read([text(result.out, 'credential-authorizations/credential-authorizations.json')])).toHaveLength(5);
    const events = auditLog.kind === 'stream' ? [...auditLog.readFile(text(result.out, 'audit-log/audit-log.json'))] : [];
    expect(events.map((event) => event.action)).toEqual(['org.remove_member', 'pull_request.create', 'repo.download_zip', 'git.clone', 'org.update_member']);
    expect(result.calls.find((call) => call.at(-1) === AUDIT_LOG)).not.toContain('-f');
  });

  it('asks for the audit log from --audit-log-since on, or leaves it out when asked', () => {
    const since = run(demoResponses(), ['--org', ORG, '--audit-log-since', '2026-05-01']);
    expect(since.code).toBe(0);
    expect(since.calls.find((call) => call.at(-1) === AUDIT_LOG)?.slice(-3)).toEqual(['-f', 'phrase=created:>=2026-05-01', AUDIT_LOG]);
    const skipped = run(demoResponses().filter((response) => response.endpoint !== AUDIT_LOG), ['--org', ORG, '--skip-audit-log']);
    expect(skipped.code).toBe(0);
    expect(skipped.calls.map((call) => call.at(-1))).not.toContain(AUDIT_LOG);
    expect(existsSync(path.join(skipped.out, 'audit-log'))).toBe(false);
    const failed = run(demoResponses().map((response) => (response.endpoint === AUDIT_LOG ? { ...response, code: 1, body: 'gh: Not Found (HTTP 404)' } : response)));
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain(`gh api ${AUDIT_LOG} failed: gh: Not Found (HTTP 404)`);
    expect(existsSync(path.join(failed.out, 'audit-log/audit-log.json'))).toBe(false);
  });

  it('leaves the credential authorizations out only when asked', () => {
    const result = run(demoResponses().filter((response) => response.endpoint !== CREDENTIALS), ['--org', ORG, '--skip-credentials']);
    expect(result.code).toBe(0);
    expect(result.calls.map((call) => call.at(-1))).not.toContain(CREDENTIALS);
    expect(existsSync(path.join(result.out, 'credential-authorizations'))).toBe(false);
  });

  it('stops at a failed call with gh\'s message, writing no partial file', () => {
    const responses = demoResponses().map((response) => (response.endpoint === CREDENTIALS ? { ...response, code: 1, body: 'gh: Not Found (HTTP 404)' } : response));
    const result = run(responses);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`export-github: gh api ${CREDENTIALS} failed: gh: Not Found (HTTP 404)`);
    expect(existsSync(path.join(result.out, 'credential-authorizations/credential-authorizations.json'))).toBe(false);
  });

  it('refuses bad arguments before calling gh', () => {
    for (const [args, message] of [
      [[], '--org ORG (or GITHUB_ORG) is required'],
      [['--org', 'example org'], '--org must be an organisation login'],
      [['--org', ORG, '--since', '3d'], 'unknown argument "--since"'],
      [['--org', ORG, '--audit-log-since', '90d'], '--audit-log-since must be a date like 2026-05-01, found "90d"'],
    ] as const) {
      const result = run([], args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.calls).toEqual([]);
    }
  });

  it('prints its usage', () => {
    const result = spawnSync('bash', [SCRIPT, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--skip-credentials');
    expect(result.stdout).toContain('--audit-log-since DATE');
    expect(result.stdout).toContain('Only GET requests.');
  });
});
