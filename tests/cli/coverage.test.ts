import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { coverageViewSchema } from '../../src/report/coverage-view.js';
import { reportSchema } from '../../src/report/model.js';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/paths.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

// Each case runs the example audit in process; allow for a busy machine.
const CLI_TIMEOUT = { timeout: 60_000 };
const AS_OF = ['--as-of', '2026-11-01'];

const schema: unknown = JSON.parse(readFileSync(path.join(repoRoot, 'schema/coverage.schema.json'), 'utf8'));
const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(typeof schema === 'object' && schema !== null ? schema : {});

const credentialReport = readFileSync(path.join(repoRoot, 'fixtures/aws/credential-report.csv'), 'utf8');

/** One control over the fixture credential report, mapped to SOC 2 and to a framework the catalog declares. */
const CATALOG = `version: 1
name: Declared framework
frameworks:
  internal:
    title: Internal access policy
    criteria:
      - { id: ACC-1, title: Root account protected }
      - { id: ACC-2, title: Leavers removed }
sources:
  creds:
    type: aws/iam-credential-report
    path: credential-report.csv
controls:
  - id: IAM-01
    title: Root account protected by MFA
    owner: platform-security@example.com
    risk: critical
    function: prevent
    mappings:
      internal: [ACC-1]
      soc2: [CC6.1]
    evidence:
      - kind: record
        title: MFA enforcement ticket
        ref: CHG-4411
        date: 2026-09-03
        max_age: 12mo
    tests:
      - check: aws/iam-root-mfa
        source: creds
`;

afterAll(removeTempDirs);

describe('controlproof coverage', CLI_TIMEOUT, () => {
  it('writes the same coverage as run\'s JSON report, valid against the published schema', async () => {
    const coverage = await runCli(['coverage', 'controls.example.yaml', ...AS_OF, '--format', 'json'], { cwd: repoRoot });
    const run = await runCli(['run', 'controls.example.yaml', ...AS_OF, '--format', 'json', '--fail-on', 'none'], { cwd: repoRoot });
    expect([coverage.code, run.code]).toEqual([0, 0]);
    const view: unknown = JSON.parse(coverage.stdout);
    validate(view);
    expect(validate.errors ?? []).toEqual([]);
    const parsed = coverageViewSchema.parse(view);
    expect(parsed.frameworks).toEqual(reportSchema.parse(JSON.parse(run.stdout)).framework_coverage);
    expect(parsed.frameworks.map((framework) => framework.key)).toEqual(['cis-aws-3', 'iso27001-2022', 'pci-dss-4', 'soc2']);
    expect(parsed.frameworks.find((framework) => framework.key === 'soc2')?.criteria.find((criterion) => criterion.id === 'CC6.1')?.status).toBe('assured');
  });

  it('covers a declared framework beside the built-in ones, and --framework keeps one; files are written beside stdout', async () => {
    const dir = await tempTree({ 'controls.yaml': CATALOG, 'credential-report.csv': credentialReport, 'out/.keep': '' });
    const { code, stdout, stderr } = await runCli(['coverage', ...AS_OF, '--framework', 'internal', '--format', 'table', '--format', 'csv=out/coverage.csv'], { cwd: dir });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('internal · Internal access policy (declared in the catalog)\n2 criteria: 1 assured · 0 unassured · 1 gap\n');
    expect(stdout).not.toContain('soc2');
    const rows = readFileSync(path.join(dir, 'out/coverage.csv'), 'utf8').split('\r\n');
    expect(rows.slice(1)).toEqual([
      'internal,ACC-1,Root account protected,,assured,IAM-01,Root account protected by MFA,platform-security@example.com,evidenced,effective,assured',
      'internal,ACC-2,Leavers removed,,gap,,,,,,',
      '',
    ]);
    const all = await runCli(['coverage', ...AS_OF, '--format', 'json'], { cwd: dir });
    expect(coverageViewSchema.parse(JSON.parse(all.stdout)).frameworks.map((framework) => [framework.key, framework.origin])).toEqual([
      ['internal', 'catalog'],
      ['soc2', 'built-in'],
    ]);
  });

  it('fails closed on an unknown --framework, with a suggestion, before reading any data', async () => {
    const dir = await tempTree({ 'controls.yaml': CATALOG });
    const { code, stdout, stderr } = await runCli(['coverage', ...AS_OF, '--framework', 'soc-2'], { cwd: dir });
    expect(stderr).toBe('Unknown framework "soc-2" in --framework\n  hint: Did you mean "soc2"?\n');
    expect([code, stdout]).toEqual([2, '']);
  });

  it('rejects an unknown format, naming the coverage formats', async () => {
    const { code, stderr } = await runCli(['coverage', 'controls.example.yaml', '--format', 'sarif'], { cwd: repoRoot });
    expect(stderr.split('\n')[0]).toBe('Unknown format "sarif": expected one of csv, html, json, markdown, table');
    expect(code).toBe(2);
  });

  it('refuses to write onto an input, and leaves it as it was', async () => {
    const dir = await tempTree({ 'controls.yaml': CATALOG, 'credential-report.csv': credentialReport });
    const { code, stderr } = await runCli(['coverage', ...AS_OF, '--format', 'json', '--output', 'credential-report.csv'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/credential-report\.csv/);
    expect(readFileSync(path.join(dir, 'credential-report.csv'), 'utf8')).toBe(credentialReport);
  });
});
