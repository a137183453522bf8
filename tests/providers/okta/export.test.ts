import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import oktaAdminRoles from '../../../src/providers/okta/sources/admin-roles.js';
import oktaApiTokens from '../../../src/providers/okta/sources/api-tokens.js';
import oktaFactors from '../../../src/providers/okta/sources/factors.js';
import oktaSystemLog from '../../../src/providers/okta/sources/system-log.js';
import oktaUsers from '../../../src/providers/okta/sources/users.js';
import type { SourceText } from '../../../src/kit/define-source.js';
import { repoRoot } from '../../support/paths.js';
import { runWithStub } from '../../support/stub-cli.js';

const SCRIPT = path.join(repoRoot, 'src/providers/okta/export.sh');
const FIXTURES = path.join(repoRoot, 'fixtures/okta/export');
const ORG = 'https://example.okta.com';
const TOKEN = '00aSecretTokenValue-doNotPrint';

const scratch = mkdtempSync(path.join(tmpdir(), 'export-okta-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** One answer of the stub: the URL asked for (ending in `*`: any URL it starts), its HTTP status, body and the next page's URL. */
interface StubResponse {
  url: string;
  status?: number;
  body: string;
  next?: string;
}

// The stub `curl` (bash): logs its arguments one per line, answers the URL (its last argument) from the table
// (url, status, body file, next URL; tab-separated), writing the body to -o, headers to -D and the status for -w.
const STUB = `#!/usr/bin/env bash
printf '%s\\n' "$@" '--' >> "$STUB_LOG"
headers='' body='' url=''
while [ $# -gt 0 ]; do
  case $1 in
    -D) headers=$2; shift 2 ;;
    -o) body=$2; shift 2 ;;
    -H | -w) shift 2 ;;
    *) url=$1; shift ;;
  esac
done
while IFS=$'\\t' read -r want status file next; do
  if [ "$want" = "$url" ] || { [[ $want == *'*' ]] && [[ $url == "\${want%'*'}"* ]]; }; then
    cp "$file" "$body"
    { printf 'HTTP/1.1 %s\\r\\ncontent-type: application/json\\r\\n' "$status"
      printf 'link: <%s>; rel="self"\\r\\n' "$url"
      [ -n "$next" ] && printf 'link: <%s>; rel="next"\\r\\n' "$next"
      printf '\\r\\n'; } > "$headers"
    printf '%s' "$status"
    exit 0
  fi
done < "$STUB_TABLE"
printf 'stub curl: no response for %s\\n' "$url" >&2
exit 7
`;

const CURL = { scratch, script: SCRIPT, command: 'curl', stub: STUB };

const run = (responses: readonly StubResponse[], args: readonly string[] = ['--org', ORG], env: Record<string, string> = { OKTA_API_TOKEN: TOKEN }) =>
  runWithStub(CURL, responses.map((response) => ({ fields: [response.url, String(response.status ?? 200)], body: response.body, trailing: [response.next ?? ''] })), args, env);

const fixture = (relative: string): string => readFileSync(path.join(FIXTURES, relative), 'utf8');
const users = JSON.parse(fixture('users/page-0001.json')) as unknown[];
const USERS_URL = `${ORG}/api/v1/users?limit=200`;
const DEPROVISIONED_URL = `${ORG}/api/v1/users?limit=200&filter=status%20eq%20%22DEPROVISIONED%22`;
const FACTOR_USERS = ['00u1alice00000000001', '00u1dana000000000011', '00u1gina000000000008', '00u1ivy0000000000010'];
const ROLE_USERS = ['00u1alice00000000001', '00u1dana000000000011', '00u1gina000000000008'];
const TOKENS_URL = `${ORG}/api/v1/api-tokens`;
const ALL_USERS = ['00u1alice00000000001', '00u1carol00000000003', '00u1dana000000000011', '00u1frank00000000007', '00u1gina000000000008', '00u1ivy0000000000010', '00u1oscar00000000012'];

/** The demo org of fixtures/okta/export, with the users listing split over two pages as Okta pages it. */
function demoResponses(): StubResponse[] {
  const second = `${ORG}/api/v1/users?after=00u1gina000000000008&limit=200`;
  return [
    { url: USERS_URL, body: JSON.stringify(users.slice(0, 3)), next: second },
    { url: second, body: JSON.stringify(users.slice(3)) },
    { url: DEPROVISIONED_URL, body: fixture('deprovisioned/page-0001.json') },
    ...ALL_USERS.map((user) => ({ url: `${ORG}/api/v1/users/${user}/factors`, body: FACTOR_USERS.includes(user) ? fixture(`factors/${user}.json`) : '[]' })),
    ...ALL_USERS.map((user) => ({ url: `${ORG}/api/v1/users/${user}/roles`, body: ROLE_USERS.includes(user) ? readFileSync(path.join(repoRoot, `fixtures/okta/roles/${user}.json`), 'utf8') : '[]' })),
    { url: TOKENS_URL, body: readFileSync(path.join(repoRoot, 'fixtures/okta/api-tokens/page-0001.json'), 'utf8') },
    { url: `${ORG}/api/v1/logs?since=*`, body: readFileSync(path.join(repoRoot, 'fixtures/okta/system-log/logs-page-0001.json'), 'utf8') },
  ];
}

function texts(dir: string, folder: string): SourceText[] {
  return readdirSync(path.join(dir, folder))
    .sort()
    .map((name) => ({ display: `${folder}/${name}`, path: `${folder}/${name}`, text: readFileSync(path.join(dir, folder, name), 'utf8') }));
}

describe('src/providers/okta/export.sh', () => {
  it('follows the Link header, exports the DEPROVISIONED listing apart, and every user\'s factors, into what the sources read', () => {
    const result = run(demoResponses());
    expect(result.stderr).toContain('wrote 7 users');
    expect(result.code).toBe(0);
    expect(readdirSync(path.join(result.out, 'users'))).toEqual(['page-0001.json', 'page-0002.json']);
    const exported = [...texts(result.out, 'users'), ...texts(result.out, 'deprovisioned'), ...texts(result.out, 'factors')];
    const fixtures = [...texts(FIXTURES, 'users'), ...texts(FIXTURES, 'deprovisioned'), ...texts(FIXTURES, 'factors')];
    const byId = (list: ReturnType<typeof oktaUsers.read>) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    // Users without a factor file in the fixtures get an empty list from the export: known to have none.
    expect(byId(oktaUsers.read(exported)).map((user) => ({ ...user, factors: user.factors ?? [] }))).toEqual(byId(oktaUsers.read(fixtures)).map((user) => ({ ...user, factors: user.factors ?? [] })));
    expect(oktaFactors.read(texts(result.out, 'factors'))).toEqual(oktaFactors.read(texts(FIXTURES, 'factors')));
    const [logPage] = texts(result.out, 'system-log');
    expect(logPage && [...oktaSystemLog.readFile(logPage)].length).toBe(4);
    expect(oktaApiTokens.read(texts(result.out, 'api-tokens'))).toEqual(oktaApiTokens.read(texts(path.join(repoRoot, 'fixtures/okta'), 'api-tokens')));
    expect(readdirSync(path.join(result.out, 'roles'))).toEqual(ALL_USERS.map((user) => `${user}.json`));
    expect(oktaAdminRoles.read(texts(result.out, 'roles')).map((role) => [role.userId, role.type])).toEqual([
      ['00u1alice00000000001', 'SUPER_ADMIN'],
      ['00u1gina000000000008', 'HELP_DESK_ADMIN'],
      ['00u1gina000000000008', 'APP_ADMIN'],
    ]);
    const accounts = oktaUsers.views?.['identity/accounts']?.(oktaUsers.read([...texts(result.out, 'users'), ...texts(result.out, 'roles')])) ?? [];
    expect(accounts.filter((account) => account.adminRoles.length > 0).map((account) => [account.login, account.adminRoles])).toEqual([
      ['alice@example.com', ['Super Administrator']],
      ['Gina.Ruiz@example.com', ['Help Desk Administrator']],
    ]);
  });

  it('leaves the roles and the API tokens out only when asked', () => {
    const result = run(demoResponses(), ['--org', ORG, '--skip-roles', '--skip-api-tokens']);
    expect(result.code).toBe(0);
    const urls = result.calls.map((call) => call.at(-1));
    expect(urls).not.toContain(TOKENS_URL);
    expect(urls.filter((url) => url?.endsWith('/roles'))).toEqual([]);
    expect(readdirSync(result.out).sort()).toEqual(['deprovisioned', 'factors', 'system-log', 'users']);
  });

  it('stops when the API tokens may not be listed, naming the answer', () => {
    const responses = demoResponses().map((response) => (response.url === TOKENS_URL ? { ...response, status: 403, body: '{"errorCode":"E0000006","errorSummary":"You do not have permission to perform the requested action"}' } : response));
    const result = run(responses);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`export-okta: GET ${TOKENS_URL} answered HTTP 403`);
  });

  it('asks for a bounded System Log window of --days, so its pages end', () => {
    const result = run(demoResponses(), ['--org', ORG, '--days', '30']);
    expect(result.code).toBe(0);
    const url = result.calls.at(-1)?.at(-1) ?? '';
    const match = /^https:\/\/example\.okta\.com\/api\/v1\/logs\?since=(\S+Z)&until=(\S+Z)&limit=1000$/.exec(url);
    expect(match).not.toBeNull();
    expect(Date.parse(match?.[2] ?? '') - Date.parse(match?.[1] ?? '')).toBe(30 * 86_400_000);
    expect(run([], ['--org', ORG, '--days', '91']).stderr).toContain('--days must be between 1 and 90');
  });

  it('sends the token in a header file, never as an argument', () => {
    const result = run(demoResponses());
    expect(result.calls.length).toBe(5 + 2 * ALL_USERS.length);
    for (const call of result.calls) {
      expect(call.join(' ')).not.toContain(TOKEN);
      expect(call).toContain('Accept: application/json');
    }
  });

  it('stops on an answer that is not 200, naming it', () => {
    const result = run([{ url: USERS_URL, status: 429, body: '{"errorCode":"E0000047","errorSummary":"API call exceeded rate limit due to too many requests."}' }]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`export-okta: GET ${USERS_URL} answered HTTP 429`);
  });

  it('refuses to run without a token or with an org URL that has a path', () => {
    expect(run([], ['--org', ORG], {}).stderr).toContain('OKTA_API_TOKEN is not set');
    const withPath = run([], ['--org', `${ORG}/admin`]);
    expect(withPath.code).toBe(2);
    expect(withPath.stderr).toContain('--org must be an https URL without a path');
    expect(withPath.calls).toEqual([]);
  });
});
