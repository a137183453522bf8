// google-workspace/users, google-workspace/gam-users and aws/identitystore-users bound to the identity checks in a
// whole run, as a catalog names them.
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { repoRoot } from '../../support/paths.js';
import { removeTempDirs, tempTree } from '../../support/workspace.js';

afterAll(removeTempDirs);

const catalog = (google: string) => `version: 1
name: People
sources:
  leavers: { type: hr/leavers, path: ${repoRoot}/fixtures/hr/leavers.csv }
  google: ${google}
  identity-center: { type: aws/identitystore-users, path: ${repoRoot}/fixtures/aws/identitystore/list-users.json }
controls:
  - id: PPL-01
    title: Leavers lose access
    owner: it@example.com
    risk: high
    function: prevent
    tests:
      - check: identity/leaver-access
        inputs: { leavers: leavers, accounts: [google, identity-center] }
      - check: identity/mfa-enrolled
        inputs: { accounts: [google, identity-center] }
`;

async function run(google: string) {
  const dir = await tempTree({ 'controls.yaml': catalog(google) });
  const { code, stdout } = await runCli(['run', 'controls.yaml', '--as-of', '2026-11-01', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
  expect(code).toBe(0);
  return JSON.parse(stdout).controls[0].tests.map((test: { check: string; status: string; findings: { resource: string }[] }) => [test.check, test.status, test.findings.map((finding) => finding.resource)]);
}

describe('Google Workspace and Identity Center accounts in a run', () => {
  it('the Admin SDK pages and GAM\'s CSV give the same findings', async () => {
    const expected = [
      ['identity/leaver-access', 'fail', ['hal.berg@example.com']],
      ['identity/mfa-enrolled', 'fail', ['google-workspace:104200000000000000014', 'google-workspace:104200000000000000009']],
    ];
    expect(await run(`{ type: google-workspace/users, path: ${repoRoot}/fixtures/google-workspace/export/**/*.json }`)).toEqual(expected);
    expect(await run(`{ type: google-workspace/gam-users, path: ${repoRoot}/fixtures/google-workspace/gam/users.csv }`)).toEqual(expected);
  });
});
