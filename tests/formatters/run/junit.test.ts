import { describe, expect, it } from 'vitest';
import junit from '../../../src/formatters/run/junit.js';
import type { Report } from '../../../src/report/model.js';
import { runCli } from '../../support/cli.js';
import { repoRoot } from '../../support/paths.js';
import { junitSchemaErrors, xpathString } from '../../support/xmllint.js';
import { hostileSampleReport, sampleReport } from '../sample-report.js';

const EXAMPLE_ARGS = ['run', 'controls.example.yaml', '--as-of', '2026-11-01', '--fail-on', 'none', '--format', 'junit'];

/** HOSTILE_TEXT as XML shows it: markup and quotes kept, what XML 1.0 cannot hold (and bidi controls) as escapes. */
const HOSTILE_SHOWN = '=HYPERLINK("x")\n::error file=a::%0A <b>&amp;</b> "dq" \'sq\' \\x1b[31m\\x00\\ud800\\uffff\\u202e end';

const xmlOf = (report: Report = sampleReport): string => junit.format(report, { color: false });
const suite = (control: string): string => `//testsuite[@name="${control}"]`;

describe('junit formatter', () => {
  it('validates against the JUnit schema, for the example audit and for the hostile sample', { timeout: 30_000 }, async () => {
    const { code, stdout } = await runCli(EXAMPLE_ARGS, { cwd: repoRoot });
    expect(code).toBe(0);
    expect(stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n')).toBe(true);
    expect(junitSchemaErrors(stdout)).toBe('');
    expect(junitSchemaErrors(xmlOf(hostileSampleReport()))).toBe('');
  });

  it('fails the schema check on output the schema rejects', () => {
    expect(junitSchemaErrors(xmlOf().replace(' hostname="localhost"', ''))).toContain("The attribute 'hostname' is required");
  });

  it('gives identical bytes for two runs of the example, whatever the time zone and locale', { timeout: 30_000 }, async () => {
    const [first, second] = await Promise.all([runCli(EXAMPLE_ARGS, { cwd: repoRoot }), runCli(EXAMPLE_ARGS, { cwd: repoRoot, env: { TZ: 'America/St_Johns', LANG: 'ja_JP.UTF-8' } })]);
    expect(first.stdout).not.toBe('');
    expect(second.stdout).toBe(first.stdout);
  });

  it('has one suite per control, numbered, stamped with as-of without a zone, and one testcase per test named by check and source', () => {
    const xml = xmlOf();
    expect(xpathString(xml, 'count(/testsuites/testsuite)')).toBe(String(sampleReport.controls.length));
    expect(xpathString(xml, `${suite('IAM-1')}/@id`)).toBe('2');
    expect(xpathString(xml, `${suite('IAM-1')}/@timestamp`)).toBe('2025-06-30T00:00:00');
    expect(xpathString(xml, `count(${suite('IAM-1')}/testcase)`)).toBe('2');
    expect(xpathString(xml, `${suite('IAM-1')}/testcase[2]/@name`)).toBe('aws/iam-root-mfa (source iam-credentials)');
    expect(xpathString(xml, `${suite('IAM-1')}/testcase[2]/@classname`)).toBe('IAM-1');
    expect(xpathString(xml, `count(${suite('IAM-1')}/testcase[2]/*)`)).toBe('0');
  });

  it('counts failures, errors and skipped tests per suite', () => {
    const xml = xmlOf();
    const counts = (control: string): string[] => ['tests', 'failures', 'errors', 'skipped', 'time'].map((name) => xpathString(xml, `${suite(control)}/@${name}`));
    expect(counts('IAM-1')).toEqual(['2', '1', '0', '0', '0']);
    expect(counts('IR-1')).toEqual(['1', '0', '1', '0', '0']);
    expect(counts('BAK-1')).toEqual(['1', '0', '0', '1', '0']);
  });

  it('writes a failure with the missed metric, each finding and the fix; an expired exception is named on its finding', () => {
    const xml = xmlOf();
    const failure = `${suite('IAM-1')}/testcase[1]/failure`;
    expect(xpathString(xml, `${failure}/@type`)).toBe('fail');
    expect(xpathString(xml, `${failure}/@message`)).toBe('8 findings failing; metric mfa_coverage_pct is 81, expected at least 100');
    const body = xpathString(xml, failure).split('\n');
    expect(body.slice(0, 4)).toEqual([
      'metric mfa_coverage_pct is 81, expected at least 100',
      'arn:aws:iam::210987654321:user/dana: user dana has console access without MFA',
      'arn:aws:iam::210987654321:user/ci-deploy: user ci-deploy has console access without MFA [exception EX-3 expired]',
      'arn:aws:iam::210987654321:user/erik: user erik has console access without MFA',
    ]);
    expect(body.at(-1)).toBe('examined 42, 0 excepted');
  });

  it('lists an excepted finding under the failing ones, marked with its exception', () => {
    const body = xpathString(xmlOf(), `${suite('JML-2')}/testcase/failure`).split('\n');
    expect(body).toEqual([
      '00u8k2m4n5p6q7r8s9t0: user ben.ortiz@acme.example is ACTIVE 12 days after termination on 2025-06-18',
      '00u1a2b3c4d5e6f7g8h9: user mei.li@acme.example is ACTIVE 30 days after termination on 2025-05-31 [excepted by EX-7]',
      'examined 37, 1 excepted',
    ]);
  });

  it('writes an error for a test that could not run and skipped for a vacuous one', () => {
    const xml = xmlOf();
    expect(xpathString(xml, `${suite('GH-1')}/testcase/error/@message`)).toBe('source github-branch-protection could not be read');
    expect(xpathString(xml, `${suite('GH-1')}/testcase/error/@type`)).toBe('error');
    expect(xpathString(xml, `${suite('BAK-1')}/testcase/skipped/@message`)).toBe('examined no resources, so the test proves nothing');
  });

  it('gives the control\'s lenses, mappings and exceptions as properties, and its evidence and excepted findings in system-out', () => {
    const xml = xmlOf();
    const property = (control: string, name: string): string => xpathString(xml, `${suite(control)}/properties/property[@name="${name}"]/@value`);
    expect(['exists', 'works', 'assurance', 'owner', 'risk', 'function'].map((name) => property('JML-2', name))).toEqual([
      'stale',
      'ineffective',
      'paper-only',
      'it-operations@acme.example',
      'critical',
      'prevent',
    ]);
    expect(property('JML-2', 'mapping.soc2')).toBe('CC6.2, CC6.3');
    expect(['status', 'expires', 'owner', 'reason'].map((name) => property('JML-2', `exception.EX-7.${name}`))).toEqual([
      'active',
      '2025-11-21',
      'it-operations@acme.example',
      'Contractor account kept for the handover of the billing migration',
    ]);
    expect(xpathString(xml, `${suite('KEY-3')}/system-out`)).toBe(
      [
        'exists: none, works: effective, assurance: undocumented',
        'evidence: none declared',
        'excepted findings:',
        '- aws/iam-access-key-rotation arn:aws:iam::210987654321:user/ci-bot: user ci-bot has access key 1 last rotated 958 days ago (max 90) [excepted by EX-9]',
      ].join('\n'),
    );
    expect(xpathString(xml, `${suite('JML-2')}/system-out`)).toContain('- attestation "Quarterly access review sign-off": stale, fresh until 2025-04-15');
  });

  it('numbers a test that a control has twice, so every name in a suite is unique', () => {
    const report = structuredClone(sampleReport);
    const control = report.controls.find((each) => each.id === 'IAM-1');
    const [first] = control?.tests ?? [];
    if (!control || !first) throw new Error('sample report changed: IAM-1 has no test');
    control.tests.push(structuredClone(first), structuredClone(first));
    const xml = xmlOf(report);
    const names = [1, 2, 3, 4].map((index) => xpathString(xml, `${suite('IAM-1')}/testcase[${index}]/@name`));
    expect(names).toEqual([
      'aws/iam-console-mfa (source iam-credentials)',
      'aws/iam-root-mfa (source iam-credentials)',
      'aws/iam-console-mfa (source iam-credentials) #2',
      'aws/iam-console-mfa (source iam-credentials) #3',
    ]);
  });

  it('reads back hostile text exactly, in attributes and in text, with what XML cannot hold shown as escapes', () => {
    const xml = xmlOf(hostileSampleReport());
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\u202e\r]/);
    expect(xml).not.toMatch(/[\ud800-\udfff]/);
    expect(xpathString(xml, `${suite('LOG-1')}/properties/property[@name="title"]/@value`)).toBe(`CloudTrail records management events in every region ${HOSTILE_SHOWN}`);
    expect(xpathString(xml, `${suite('LOG-1')}/testcase/@name`)).toBe(`aws/cloudtrail-multi-region (source cloudtrail-trails ${HOSTILE_SHOWN})`);
    expect(xpathString(xml, `${suite('LOG-1')}/testcase/failure`).split('\nexamined')[0]).toBe(
      `arn:aws:cloudtrail:eu-west-1:210987654321:trail/management-events ${HOSTILE_SHOWN}: trail management-events is not multi-region: IsMultiRegionTrail is false ${HOSTILE_SHOWN}`,
    );
    expect(xpathString(xml, `${suite('IR-1')}/testcase/error/@message`)).toBe(`check threw: Cannot read properties of undefined (reading 'Status') ${HOSTILE_SHOWN}`);
    expect(xpathString(xml, `${suite('JML-2')}/properties/property[@name="exception.EX-7.reason"]/@value`)).toBe(`Contractor account kept for the handover of the billing migration ${HOSTILE_SHOWN}`);
  });

  it('keeps a carriage return and a tab through attribute and text normalisation', () => {
    const report = structuredClone(sampleReport);
    const control = report.controls.find((each) => each.id === 'LOG-1');
    const finding = control?.tests[0]?.findings[0];
    if (!control || !finding) throw new Error('sample report changed: LOG-1 has no finding');
    control.title = 'a\r\nb\tc';
    finding.message = 'x\ry';
    const xml = xmlOf(report);
    expect(xpathString(xml, `${suite('LOG-1')}/properties/property[@name="title"]/@value`)).toBe('a\r\nb\tc');
    expect(xpathString(xml, `${suite('LOG-1')}/testcase/failure`).split('\n')[0]).toBe('arn:aws:cloudtrail:eu-west-1:210987654321:trail/management-events: x\ry');
  });
});
