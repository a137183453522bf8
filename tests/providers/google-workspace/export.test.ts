import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import users from '../../../src/providers/google-workspace/sources/users.js';
import type { SourceText } from '../../../src/kit/define-source.js';
import { repoRoot } from '../../support/paths.js';

const SCRIPT = path.join(repoRoot, 'src/providers/google-workspace/export.sh');
const FIXTURES = path.join(repoRoot, 'fixtures/google-workspace/export');
const TOKEN = 'ya29.aSecretAccessToken-doNotPrint';
const API = 'https://admin.googleapis.com/admin/directory/v1/users?customer=my_customer&maxResults=500&projection=basic';
// The fixture's first page ends with this token; a token with characters a query string must encode, as Google's can.
const NEXT = 'Q2hVeE1EUXlNREF3TURBd01EQXdNREF3TURBd01Ea1NCZ2k';

const scratch = mkdtempSync(path.join(tmpdir(), 'export-google-workspace-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface StubResponse {
  url: string;
  status?: number;
  body: string;
}

// The stub `curl` (bash): logs its arguments one per line, answers the URL (its last argument) from the table
// (url, status, body file; tab-separated), writing the body to -o and the status for -w.
const STUB = `#!/usr/bin/env bash
printf '%s\\n' "$@" '--' >> "$CURL_STUB_LOG"
body='' url=''
while [ $# -gt 0 ]; do
  case $1 in
    -o) body=$2; shift 2 ;;
    -H | -w) shift 2 ;;
    *) url=$1; shift ;;
  esac
done
while IFS=$'\\t' read -r want status file; do
  if [ "$want" = "$url" ]; then
    cp "$file" "$body"
    printf '%s' "$status"
    exit 0
  fi
done < "$CURL_STUB_TABLE"
printf 'stub curl: no response for %s\\n' "$url" >&2
exit 7
`;

interface Run {
  code: number | null;
  stderr: string;
  out: string;
  calls: string[][];
}

function run(responses: readonly StubResponse[], args: readonly string[] = [], env: Record<string, string> = { GOOGLE_ACCESS_TOKEN: TOKEN }): Run {
  const dir = mkdtempSync(path.join(scratch, 'run-'));
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'curl'), STUB);
  chmodSync(path.join(bin, 'curl'), 0o755);
  const table = responses.map((response, index) => {
    const file = path.join(dir, `body-${index}.json`);
    writeFileSync(file, response.body);
    return [response.url, String(response.status ?? 200), file].join('\t');
  });
  writeFileSync(path.join(dir, 'table'), `${table.join('\n')}\n`);
  const out = path.join(dir, 'out');
  const result = spawnSync('bash', [SCRIPT, '--out', out, ...args], {
    encoding: 'utf8',
    env: { PATH: `${bin}:${process.env.PATH ?? ''}`, CURL_STUB_LOG: path.join(dir, 'log'), CURL_STUB_TABLE: path.join(dir, 'table'), ...env },
  });
  let log = '';
  try {
    log = readFileSync(path.join(dir, 'log'), 'utf8');
  } catch {
    // curl was never called
  }
  const calls = log.split('--\n').filter(Boolean).map((call) => call.trimEnd().split('\n'));
  return { code: result.status, stderr: result.stderr, out, calls };
}

const fixture = (relative: string): string => readFileSync(path.join(FIXTURES, relative), 'utf8');

function texts(dir: string, folder: string): SourceText[] {
  return readdirSync(path.join(dir, folder))
    .sort()
    .map((name) => ({ display: `${folder}/${name}`, text: readFileSync(path.join(dir, folder, name), 'utf8') }));
}

/** The demo customer of fixtures/google-workspace/export, its first page's token made one that needs encoding. */
function demoResponses(): StubResponse[] {
  const token = `${NEXT}+/=`;
  return [
    { url: API, body: fixture('users/page-0001.json').replace(NEXT, token) },
    { url: `${API}&pageToken=${NEXT}%2B%2F%3D`, body: fixture('users/page-0002.json') },
    { url: `${API}&showDeleted=true`, body: fixture('deleted/page-0001.json') },
  ];
}

describe('src/providers/google-workspace/export.sh', () => {
  it('follows nextPageToken (encoded), exports the deleted users apart, into what google-workspace/users reads', () => {
    const result = run(demoResponses());
    expect(result.stderr).toContain('wrote 2 page(s) of users and 1 of deleted users');
    expect(result.code).toBe(0);
    expect(readdirSync(path.join(result.out, 'users'))).toEqual(['page-0001.json', 'page-0002.json']);
    const exported = [...texts(result.out, 'users'), ...texts(result.out, 'deleted')];
    const fixtures = [...texts(FIXTURES, 'users'), ...texts(FIXTURES, 'deleted')];
    expect(users.read(exported)).toEqual(users.read(fixtures));
  });

  it('sends the token in a header file, never as an argument, and asks another customer when told', () => {
    const other = `https://admin.googleapis.com/admin/directory/v1/users?customer=C01x2y3z4&maxResults=500&projection=basic`;
    const result = run([{ url: other, body: fixture('users/page-0002.json') }, { url: `${other}&showDeleted=true`, body: '{"kind": "admin#directory#users"}' }], ['--customer', 'C01x2y3z4']);
    expect(result.code).toBe(0);
    expect(result.calls.map((call) => call.at(-1))).toEqual([other, `${other}&showDeleted=true`]);
    for (const call of result.calls) {
      expect(call.join(' ')).not.toContain(TOKEN);
      expect(call).toContain('Accept: application/json');
    }
  });

  it('stops on an answer that is not 200, naming it, even on a later page', () => {
    const result = run([...demoResponses().slice(0, 1), { url: `${API}&pageToken=${NEXT}%2B%2F%3D`, status: 403, body: '{"error": {"code": 403, "message": "Not Authorized to access this resource/api"}}' }]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`export-google-workspace: GET ${API}&pageToken=${NEXT}%2B%2F%3D answered HTTP 403`);
    expect(result.calls).toHaveLength(2);
  });

  it('refuses to run without a token or with a customer id that is not one', () => {
    expect(run([], [], {}).stderr).toContain('GOOGLE_ACCESS_TOKEN is not set');
    const odd = run([], ['--customer', 'C01&showDeleted=true']);
    expect(odd.code).toBe(2);
    expect(odd.stderr).toContain('--customer must be a customer id');
    expect(odd.calls).toEqual([]);
  });
});
