import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SourceText } from '../../../src/kit/define-source.js';
import entraSignIns from '../../../src/providers/entra/sources/sign-ins.js';
import entraUsers, { identityAccounts } from '../../../src/providers/entra/sources/users.js';
import { repoRoot } from '../../support/paths.js';
import { runWithStub } from '../../support/stub-cli.js';

const SCRIPT = path.join(repoRoot, 'src/providers/entra/export.sh');
const FIXTURES = path.join(repoRoot, 'fixtures/entra/export');
const GRAPH = 'https://graph.microsoft.com/v1.0';

const scratch = mkdtempSync(path.join(tmpdir(), 'export-entra-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** One answer of the stub: the URL asked for (ending in `*`: any URL it starts), az's exit status and what it prints. */
interface StubResponse {
  url: string;
  status?: number;
  body: string;
}

// The stub `az` (bash): logs its arguments one per line, answers `az rest --url URL` from the table (url, exit status,
// body file; tab-separated), printing the body on stdout, or on stderr when the status is not 0, as az does.
const STUB = `#!/usr/bin/env bash
printf '%s\\n' "$@" '--' >> "$STUB_LOG"
url=''
while [ $# -gt 0 ]; do
  case $1 in
    --url) url=$2; shift 2 ;;
    *) shift ;;
  esac
done
while IFS=$'\\t' read -r want status file; do
  if [ "$want" = "$url" ] || { [[ $want == *'*' ]] && [[ $url == "\${want%'*'}"* ]]; }; then
    if [ "$status" = 0 ]; then cat "$file"; else cat "$file" >&2; fi
    exit "$status"
  fi
done < "$STUB_TABLE"
printf 'stub az: no response for %s\\n' "$url" >&2
exit 1
`;

const AZ = { scratch, script: SCRIPT, command: 'az', stub: STUB };

const run = (responses: readonly StubResponse[], args: readonly string[] = []) =>
  runWithStub(AZ, responses.map((response) => ({ fields: [response.url, String(response.status ?? 0)], body: response.body })), args);

const fixture = (relative: string): string => readFileSync(path.join(FIXTURES, relative), 'utf8');
const USERS_URL = `${GRAPH}/users?$select=id,userPrincipalName,displayName,mail,otherMails,accountEnabled,userType,createdDateTime,employeeId,signInActivity`;
const SECOND_USERS_URL = (JSON.parse(fixture('users/page-0001.json')) as { '@odata.nextLink': string })['@odata.nextLink'];

/** The demo tenant of fixtures/entra/export: the users over two pages as Graph pages them, the rest one page each. */
function demoResponses(): StubResponse[] {
  return [
    { url: USERS_URL, body: fixture('users/page-0001.json') },
    { url: SECOND_USERS_URL, body: fixture('users/page-0002.json') },
    { url: `${GRAPH}/reports/authenticationMethods/userRegistrationDetails`, body: fixture('registration-details/page-0001.json') },
    { url: `${GRAPH}/directoryRoles?$expand=members`, body: fixture('directory-roles/page-0001.json') },
    { url: `${GRAPH}/auditLogs/signIns?*`, body: fixture('sign-ins/page-0001.json') },
  ];
}

function texts(dir: string, folder: string): SourceText[] {
  return readdirSync(path.join(dir, folder))
    .sort()
    .map((name) => ({ display: `${folder}/${name}`, path: `${folder}/${name}`, text: readFileSync(path.join(dir, folder, name), 'utf8') }));
}

const USER_FOLDERS = ['users', 'registration-details', 'directory-roles'];

describe('src/providers/entra/export.sh', () => {
  it('follows @odata.nextLink into page files that the sources read as they read the fixtures', () => {
    const result = run(demoResponses());
    expect(result.stderr).toContain('wrote 2 user pages and 1 sign-in pages');
    expect(result.code).toBe(0);
    expect(readdirSync(path.join(result.out, 'users'))).toEqual(['page-0001.json', 'page-0002.json']);
    const exported = USER_FOLDERS.flatMap((folder) => texts(result.out, folder));
    const fixtures = USER_FOLDERS.flatMap((folder) => texts(FIXTURES, folder));
    expect(identityAccounts(entraUsers.read(exported))).toEqual(identityAccounts(entraUsers.read(fixtures)));
    const [signInPage] = texts(result.out, 'sign-ins');
    expect(signInPage && [...entraSignIns.readFile(signInPage)].length).toBe(4);
  });

  it('asks az rest for JSON, GET only, and a bounded sign-in window of --days', () => {
    const result = run(demoResponses(), ['--days', '30']);
    expect(result.code).toBe(0);
    for (const call of result.calls) expect(call.slice(0, 3).concat(call.slice(-2))).toEqual(['rest', '--method', 'GET', '--output', 'json']);
    const url = result.calls.at(-1)?.[4] ?? '';
    const match = /^https:\/\/graph\.microsoft\.com\/v1\.0\/auditLogs\/signIns\?\$filter=createdDateTime%20ge%20(\S+Z)%20and%20createdDateTime%20le%20(\S+Z)$/.exec(url);
    expect(match).not.toBeNull();
    expect(Date.parse(match?.[2] ?? '') - Date.parse(match?.[1] ?? '')).toBe(30 * 86_400_000);
    expect(run([], ['--days', '31']).stderr).toContain('--days must be between 1 and 30');
  });

  it('stops when az rest fails, naming the call and what az said', () => {
    const result = run([{ url: USERS_URL, status: 1, body: 'Forbidden({"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}})' }]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`export-entra: GET ${USERS_URL} failed: Forbidden(`);
    expect(result.calls).toHaveLength(1);
  });

  it('refuses to follow a next link it cannot read plainly', () => {
    const result = run([{ url: USERS_URL, body: '{"value": [], "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$filter=x\\u0027"}' }]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot follow the @odata.nextLink');
    expect(result.calls).toHaveLength(1);
  });

  it('refuses unknown arguments and a missing --out before calling az', () => {
    const unknown = run([], ['--tenant', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown argument "--tenant"');
    expect(unknown.calls).toEqual([]);
    const noOut = spawnSync('bash', [SCRIPT], { encoding: 'utf8' });
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain('--out DIR is required');
  });
});
