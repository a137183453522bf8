// identity/leaver-access through a whole run: an HR export with its own column names (the source's params reach
// its reader), Okta users and the IAM credential report bound to one input.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { repoRoot } from '../../support/paths.js';
import { removeTempDirs, tempTree } from '../../support/workspace.js';

afterAll(removeTempDirs);

const fixture = (relative: string): string => readFileSync(path.join(repoRoot, 'fixtures', relative), 'utf8');

const catalog = (params: string): string => `version: 1
name: Leavers
sources:
  people: { type: hr/leavers, path: people.csv${params} }
  okta: { type: okta/users, path: okta/**/*.json }
  iam: { type: aws/iam-credential-report, path: credential-report.csv }
controls:
  - id: PPL-01
    title: Leavers lose access
    owner: it@example.com
    risk: high
    function: prevent
    tests:
      - check: identity/leaver-access
        inputs: { leavers: people, accounts: [okta, iam] }
`;

const files = (params: string) => ({
  'controls.yaml': catalog(params),
  // Gina has left and is still active in Okta; carol is active in AWS under a login only an alias would join.
  'people.csv': 'Worker ID,Work Email,Left On\nE1008,Gina.Ruiz@example.com,2026-10-16\nE1003,carol.ng@example.com,2026-10-09\n',
  'okta/users/page-0001.json': fixture('okta/export/users/page-0001.json'),
  'okta/deprovisioned/page-0001.json': fixture('okta/export/deprovisioned/page-0001.json'),
  'credential-report.csv': fixture('aws/credential-report.csv'),
});

describe('identity/leaver-access in a run', () => {
  it('reads the HR columns the source params name and finds the leaver still active', async () => {
    const dir = await tempTree(files(", params: { employee_id_column: 'Worker ID', email_column: 'Work Email', terminated_column: 'Left On' }"));
    const { code, stdout } = await runCli(['run', 'controls.yaml', '--as-of', '2026-11-01', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
    expect(code).toBe(0);
    const [test] = JSON.parse(stdout).controls[0].tests;
    expect(test).toMatchObject({ status: 'fail', examined: 2, inputs: { leavers: ['people'], accounts: ['okta', 'iam'] } });
    expect(test.findings.map((finding: { resource: string }) => finding.resource)).toEqual(['gina.ruiz@example.com']);
    expect(test.metrics.time_to_revoke_hours_max).toEqual({ value: 15.5 });
  });

  it('without the params the export is an error at its header, for this test only', async () => {
    const dir = await tempTree(files(''));
    const { code, stdout } = await runCli(['run', 'controls.yaml', '--as-of', '2026-11-01', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.controls[0].tests[0].status).toBe('error');
    expect(report.sources.find((source: { name: string }) => source.name === 'people').error).toMatch(/people\.csv:1:1: Expected a column "termination_date" \(terminated_column\)/);
  });
});
