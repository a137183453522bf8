import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import sarif from '../../../src/formatters/run/sarif.js';
import type { Report } from '../../../src/report/model.js';
import { runCli } from '../../support/cli.js';
import { repoRoot } from '../../support/paths.js';
import { sarifSchemaErrors } from '../../support/sarif-schema.js';
import { removeTempDirs, tempTree } from '../../support/workspace.js';
import { HOSTILE_TEXT, hostileSampleReport, sampleReport } from '../sample-report.js';

afterAll(removeTempDirs);

const EXAMPLE_ARGS = ['run', 'controls.example.yaml', '--as-of', '2026-11-01', '--fail-on', 'none', '--format', 'sarif'];

interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; status: string; justification: string; properties: Record<string, string> }[];
  properties: Record<string, string>;
}
interface Rule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  properties: Record<string, unknown>;
}
interface Notification {
  level: string;
  message: { text: string };
  associatedRule: { id: string; index: number };
  properties: Record<string, string>;
}
interface Log {
  runs: [{ tool: { driver: { rules: Rule[] } }; results: Result[]; invocations: [{ toolExecutionNotifications: Notification[]; toolConfigurationNotifications: { level: string; message: { text: string }; properties?: Record<string, string> }[] }]; properties: Record<string, unknown> }];
}

function logOf(text: string): Log {
  return JSON.parse(text) as Log;
}

const sampleLog = (report: Report = sampleReport, catalogPath?: string): Log =>
  logOf(sarif.format(report, { color: false, ...(catalogPath === undefined ? {} : { catalogPath }) }));

function resultsOf(log: Log, control: string): Result[] {
  return log.runs[0].results.filter((result) => result.properties.control === control);
}

describe('sarif formatter', () => {
  it('writes SARIF 2.1.0 that the official schema accepts, for the example audit and for the hostile sample', async () => {
    const { code, stdout } = await runCli(EXAMPLE_ARGS, { cwd: repoRoot });
    expect(code).toBe(0);
    expect(sarifSchemaErrors(JSON.parse(stdout))).toEqual([]);
    expect(sarifSchemaErrors(sampleLog(hostileSampleReport()))).toEqual([]);
    expect(JSON.parse(stdout)).toMatchObject({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0' });
  });

  it('gives identical bytes for two runs of the example', async () => {
    const [first, second] = await Promise.all([runCli(EXAMPLE_ARGS, { cwd: repoRoot }), runCli(EXAMPLE_ARGS, { cwd: repoRoot, env: { TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8' } })]);
    expect(first.stdout).not.toBe('');
    expect(second.stdout).toBe(first.stdout);
  });

  it('has one rule per check the tests use, sorted, with the check\'s docs, its docs page and the highest risk of its controls', async () => {
    const { stdout } = await runCli(EXAMPLE_ARGS, { cwd: repoRoot });
    const log = logOf(stdout);
    const rules = log.runs[0].tool.driver.rules;
    const ids = rules.map((rule) => rule.id);
    expect(ids).toEqual([...new Set(ids)].sort());
    const mfa = rules.find((rule) => rule.id === 'aws/iam-console-mfa');
    expect(mfa).toMatchObject({
      shortDescription: { text: 'IAM users with console access have MFA' },
      helpUri: 'https://unpkg.com/controlproof@0.1.0/docs/checks/aws/iam-console-mfa.md',
      properties: { 'security-severity': '8.0', tags: ['security', 'controlproof'] },
    });
    expect(mfa?.fullDescription.text).toMatch(/^Every IAM user with a console password has an MFA device enabled/);
    expect(mfa?.help.text).toMatch(/^Remediation: Ask each listed user to assign an MFA device/);
    expect(mfa?.help.markdown).toContain('[Check documentation](https://unpkg.com/controlproof@0.1.0/docs/checks/aws/iam-console-mfa.md)');
    for (const result of log.runs[0].results) expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
  });

  it('describes a check from the report alone when no docs are passed, and links no page for a check that is not built in', () => {
    const rules = sampleLog().runs[0].tool.driver.rules;
    expect(rules.find((rule) => rule.id === 'aws/iam-console-mfa')).toMatchObject({
      shortDescription: { text: 'aws/iam-console-mfa' },
      help: { text: `Remediation: Run \`controlproof checks aws/iam-console-mfa\` for what the check tests and how to fix its findings.` },
    });
    const plugin = rules.find((rule) => rule.id === 'okta/mfa-enrolled');
    expect(plugin).toBeDefined();
    expect(plugin?.helpUri).toBeUndefined();
    expect(plugin?.help.markdown).not.toContain('[Check documentation]');
  });

  it('puts each finding that fails and each missed metric at its test in the catalog, with level and severity from the control\'s risk', () => {
    const log = sampleLog(sampleReport, 'infra/audit/controls.yaml');
    const iam = resultsOf(log, 'IAM-1');
    expect(iam).toHaveLength(9);
    expect(iam[0]).toMatchObject({ message: { text: 'IAM-1: metric mfa_coverage_pct is 81, expected at least 100' }, properties: { resource: 'metric:mfa_coverage_pct' } });
    expect(iam[1]).toMatchObject({
      ruleId: 'aws/iam-console-mfa',
      level: 'error',
      message: { text: 'IAM-1: user dana has console access without MFA' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'infra/audit/controls.yaml' }, region: { startLine: 23, startColumn: 9 } } }],
      properties: { control: 'IAM-1', resource: 'arn:aws:iam::210987654321:user/dana', 'security-severity': '8.0', risk: 'high' },
    });
    expect(resultsOf(log, 'JML-2')[0]).toMatchObject({ level: 'error', properties: { 'security-severity': '9.5' } });
    expect(resultsOf(log, 'LOG-1')[0]).toMatchObject({ level: 'error', properties: { 'security-severity': '8.0' } });
    const low = structuredClone(sampleReport);
    const medium = structuredClone(sampleReport);
    for (const [report, risk] of [[low, 'low'], [medium, 'medium']] as const) {
      const control = report.controls.find((each) => each.id === 'LOG-1');
      if (!control) throw new Error('sample report changed: no LOG-1');
      control.risk = risk;
    }
    expect(resultsOf(sampleLog(medium), 'LOG-1')[0]).toMatchObject({ level: 'warning', properties: { 'security-severity': '5.5' } });
    expect(resultsOf(sampleLog(low), 'LOG-1')[0]).toMatchObject({ level: 'note', properties: { 'security-severity': '3.0' } });
  });

  it('carries both lenses of the control, never a merged score', () => {
    expect(resultsOf(sampleLog(), 'JML-2')[0]?.properties).toMatchObject({ exists: 'stale', works: 'ineffective', assurance: 'paper-only', owner: 'it-operations@acme.example' });
    expect(sampleLog().runs[0].properties).toEqual({
      catalog: sampleReport.catalog,
      as_of: '2025-06-30T00:00:00.000Z',
      summary: { exists: sampleReport.summary.exists, works: sampleReport.summary.works, assurance: sampleReport.summary.assurance },
    });
  });

  it('keeps a finding under an active exception as a suppressed result with the exception\'s id, expiry and reason', () => {
    const [failing, excepted] = resultsOf(sampleLog(), 'JML-2');
    expect(failing?.suppressions).toBeUndefined();
    expect(excepted).toMatchObject({
      message: { text: 'JML-2: user mei.li@acme.example is ACTIVE 30 days after termination on 2025-05-31' },
      suppressions: [
        {
          kind: 'external',
          status: 'accepted',
          justification: 'Contractor account kept for the handover of the billing migration',
          properties: { exception: 'EX-7', status: 'active', expires: '2025-11-21', ticket: 'SEC-1042' },
        },
      ],
    });
    expect(resultsOf(sampleLog(), 'KEY-3')).toMatchObject([{ suppressions: [{ properties: { exception: 'EX-9', status: 'expiring', expires: '2025-07-14' } }] }]);
  });

  it('leaves a finding whose exception expired unsuppressed, naming the exception', () => {
    const deploy = resultsOf(sampleLog(), 'IAM-1').find((result) => result.properties.resource?.endsWith('user/ci-deploy') === true);
    expect(deploy?.suppressions).toBeUndefined();
    expect(deploy?.properties.expired_exception).toBe('EX-3');
  });

  it('fingerprints a result by control, check and resource: stable when the test moves, different for another resource', () => {
    const moved = structuredClone(sampleReport);
    const test = moved.controls.find((control) => control.id === 'IAM-1')?.tests[0];
    if (!test) throw new Error('sample report changed: IAM-1 has no test');
    test.position = { line: 230, col: 3 };
    const before = resultsOf(sampleLog(), 'IAM-1').map((result) => result.partialFingerprints);
    const after = resultsOf(sampleLog(moved), 'IAM-1');
    expect(after.map((result) => result.partialFingerprints)).toEqual(before);
    expect(after[1]?.locations[0]?.physicalLocation.region).toEqual({ startLine: 230, startColumn: 3 });
    expect(new Set(before.map((fingerprint) => fingerprint['controlproof/v1'])).size).toBe(before.length);
    expect(before[0]?.['controlproof/v1']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports tests that could not run as error notifications and vacuous ones as warnings, at their tests', () => {
    const notifications = sampleLog().runs[0].invocations[0].toolExecutionNotifications;
    expect(notifications.map((notification) => [notification.level, notification.properties.control, notification.associatedRule.id])).toEqual([
      ['warning', 'BAK-1', 'assert'],
      ['error', 'IR-1', 'assert'],
      ['error', 'GH-1', 'github/branch-protection'],
    ]);
    expect(notifications[1]?.message.text).toBe("IR-1 assert (source guardduty-detectors) could not run: check threw: Cannot read properties of undefined (reading 'Status')");
    expect(notifications[0]?.message.text).toBe('BAK-1 assert (source backup-restore-jobs) examined no resources, so it proves nothing');
  });

  it('reports the catalog\'s and the run\'s warnings as configuration notifications, with their hints', () => {
    expect(sampleLog().runs[0].invocations[0].toolConfigurationNotifications).toEqual([
      {
        level: 'warning',
        message: { text: 'exception EX-12 matched no finding in this run' },
        properties: { hint: 'Retire it, or check that its resources still match the findings of MFA-2.' },
      },
      { level: 'warning', message: { text: 'source cloudtrail-trails holds 1 trail for 1 account: other accounts are not covered' } },
    ]);
  });

  it('percent-encodes the catalog path into a URI reference, keeping its folders', () => {
    const [result] = sampleLog(sampleReport, 'audit 2025/controls#1.yaml').runs[0].results;
    expect(result?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('audit%202025/controls%231.yaml');
  });

  it('keeps hostile text exactly, escaped by JSON: no raw control character, lone surrogate or newline in the output', () => {
    const output = sarif.format(hostileSampleReport(), { color: false });
    expect(output).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(output).not.toContain('\ud800');
    expect(output.split('\n').every((line) => !line.includes('::error file=a::%0A') || line.includes('\\n::error'))).toBe(true);
    const log = logOf(output);
    const finding = resultsOf(log, 'LOG-1')[0];
    expect(finding?.message.text).toBe(`LOG-1: trail management-events is not multi-region: IsMultiRegionTrail is false ${HOSTILE_TEXT}`);
    expect(finding?.properties.control_title).toBe(`CloudTrail records management events in every region ${HOSTILE_TEXT}`);
    expect(resultsOf(log, 'JML-2')[1]?.suppressions?.[0]?.justification).toBe(`Contractor account kept for the handover of the billing migration ${HOSTILE_TEXT}`);
  });
});

describe('run --format sarif', { timeout: 60_000 }, () => {
  async function auditTree(): Promise<string> {
    const dir = await tempTree({});
    cpSync(path.join(repoRoot, 'controls.example.yaml'), path.join(dir, 'audit/controls.yaml'));
    cpSync(path.join(repoRoot, 'fixtures'), path.join(dir, 'audit/fixtures'), { recursive: true });
    return dir;
  }

  it('locates results relative to the working directory, or to --sarif-root', async () => {
    const dir = await auditTree();
    const args = ['run', 'audit/controls.yaml', '--as-of', '2026-11-01', '--fail-on', 'none', '--format', 'sarif', '--quiet'];
    const fromCwd = await runCli(args, { cwd: dir });
    expect(fromCwd.stderr).toBe('');
    expect(logOf(fromCwd.stdout).runs[0].results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('audit/controls.yaml');
    const fromAudit = await runCli(['run', 'controls.yaml', '--as-of', '2026-11-01', '--fail-on', 'none', '--format', 'sarif', '--quiet', '--sarif-root', '..'], { cwd: path.join(dir, 'audit') });
    expect(fromAudit.stdout).toBe(fromCwd.stdout);
  });

  it('refuses, before reading any data, a catalog outside the SARIF root and a root that is not a folder', async () => {
    const dir = await auditTree();
    mkdirSync(path.join(dir, 'other'));
    const notUnder = await runCli(['run', '../audit/controls.yaml', '--format', 'sarif'], { cwd: path.join(dir, 'other') });
    expect(notUnder.code).toBe(2);
    expect(notUnder.stderr).toContain('The catalog is not under the working directory, so SARIF cannot locate its tests');
    expect(notUnder.stdout).toBe('');
    const notFolder = await runCli(['run', 'audit/controls.yaml', '--format', 'sarif', '--sarif-root', 'audit/controls.yaml'], { cwd: dir });
    expect(notFolder.code).toBe(2);
    expect(notFolder.stderr).toContain('Invalid --sarif-root "audit/controls.yaml": not a folder');
  });

  it('still lets other formats run a catalog outside the working directory', async () => {
    const dir = await auditTree();
    mkdirSync(path.join(dir, 'other'));
    const { code } = await runCli(['run', '../audit/controls.yaml', '--as-of', '2026-11-01', '--fail-on', 'none', '--format', 'json', '--quiet'], { cwd: path.join(dir, 'other') });
    expect(code).toBe(0);
  });
});
