// okta/api-tokens through a whole run: the token pages with and without the users bound as the optional second input.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { repoRoot } from '../../support/paths.js';
import { removeTempDirs, tempTree } from '../../support/workspace.js';

afterAll(removeTempDirs);

const fixture = (relative: string): string => readFileSync(path.join(repoRoot, 'fixtures/okta', relative), 'utf8');

const catalog = (inputs: string): string => `version: 1
name: Okta tokens
sources:
  okta-tokens: { type: okta/api-tokens, path: okta/api-tokens/*.json }
  okta-users: { type: okta/users, path: okta/export/**/*.json }
controls:
  - id: PPL-04
    title: No legacy API tokens
    owner: it@example.com
    risk: high
    function: prevent
    tests:
      - check: okta/api-tokens
        ${inputs}
`;

async function run(inputs: string) {
  const dir = await tempTree({
    'controls.yaml': catalog(inputs),
    'okta/api-tokens/page-0001.json': fixture('api-tokens/page-0001.json'),
    'okta/export/users/page-0001.json': fixture('export/users/page-0001.json'),
    'okta/export/deprovisioned/page-0001.json': fixture('export/deprovisioned/page-0001.json'),
  });
  const { code, stdout } = await runCli(['run', 'controls.yaml', '--as-of', '2026-11-01', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
  expect(code).toBe(0);
  return JSON.parse(stdout).controls[0].tests[0];
}

describe('okta/api-tokens in a run', () => {
  it('with the users bound, finds the old token, the idle one, the suspended owner\'s and the one whose owner is not exported', async () => {
    const test = await run('inputs: { tokens: okta-tokens, users: okta-users }');
    expect(test).toMatchObject({ status: 'fail', examined: 5 });
    expect(test.findings.map((finding: { resource: string; message: string }) => finding.message)).toEqual([
      'API token 00T1hrsync000000002 "HR sync (legacy)" of user 00u1dana000000000011 was created 970 days ago (max 90d)',
      'API token 00T1monitor00000004 "Monitoring" of user 00u1gina000000000008 has not been used since it was created 41 days ago (max idle 30d)',
      'API token 00T1orphan000000005 "Backup export" of user 00u1gone000000000099 belongs to a user who is not in the users export and was created 151 days ago (max 90d)',
      'API token 00T1salesrep0000003 "Sales reporting" of user 00u1frank00000000007 belongs to a SUSPENDED user (frank.ito@example.com) and was created 122 days ago (max 90d)',
    ]);
    expect(test.metrics).toEqual({ old_tokens: { value: 3 }, idle_tokens: { value: 1 }, tokens_of_inactive_owners: { value: 2 }, tokens_from_anywhere: { value: 4 } });
  });

  it('with the tokens alone (source:), judges age and idleness only', async () => {
    const test = await run('source: okta-tokens');
    expect(test.findings.map((finding: { resource: string }) => finding.resource)).toEqual(['00T1hrsync000000002', '00T1monitor00000004', '00T1orphan000000005', '00T1salesrep0000003']);
    expect(test.metrics.tokens_of_inactive_owners).toBeUndefined();
  });
});
