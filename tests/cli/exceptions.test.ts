import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exceptionsViewSchema, type ExceptionsView } from '../../src/report/exceptions-view.js';
import { reportSchema, type Report } from '../../src/report/model.js';
import { runCli, type CliResult } from '../support/cli.js';
import { repoRoot as ROOT } from '../support/paths.js';

const ACCOUNT = '210987654321';
// Each test spawns the CLI a few times; allow for a busy machine.
const CLI_TIMEOUT = { timeout: 60_000 };
const REPORT_HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

/** The built CLI (`npm run build` first), run in `cwd` as a user or a CI job would. */
function controlproof(args: readonly string[], cwd: string): Promise<CliResult> {
  return runCli(args, { cwd });
}

const workspaces: string[] = [];
afterAll(() => {
  for (const dir of workspaces) rmSync(dir, { recursive: true, force: true });
});

function workspace(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'controlproof-exceptions-'));
  workspaces.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const arn = (user: string): string => `arn:aws:iam::${ACCOUNT}:user/${user}`;

/** A credential report row of a console user (password used in October 2026, no access keys). */
function consoleUser(name: string, mfa: boolean): string {
  return `${name},${arn(name)},2024-01-15T10:02:37+00:00,true,2026-10-12T14:31:08+00:00,2025-11-03T09:12:55+00:00,N/A,${mfa},false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;
}

function credentialReport(...rows: string[]): string {
  return `${[REPORT_HEADER, ...rows].join('\n')}\n`;
}

interface ExceptionFields {
  id: string;
  approved: string;
  expires?: string;
  resources?: string[];
  risk?: string;
  owner?: string;
}

/** One exception as a YAML list item, `indent` spaces in. */
function exception(fields: ExceptionFields, indent = 2): string {
  const lines = [
    `- id: ${fields.id}`,
    '  control: IAM-02',
    ...(fields.resources ? [`  resources: [${fields.resources.map((resource) => `'${resource}'`).join(', ')}]`] : []),
    '  reason: hardware token on order',
    `  risk: ${fields.risk ?? 'high'}`,
    `  owner: ${fields.owner ?? 'it-identity@example.com'}`,
    '  approved_by: ciso@example.com',
    `  approved: ${fields.approved}`,
    ...(fields.expires ? [`  expires: ${fields.expires}`] : []),
  ];
  return lines.map((line) => `${' '.repeat(indent)}${line}`).join('\n');
}

/** A catalog of one control (console users have MFA) whose `exceptions:` list is `exceptions` (line 18 on). */
function catalog(exceptions: readonly string[], sourcePath = 'credential-report.csv'): string {
  return `version: 1
name: Exception lifecycle
max_exception_days: 365
sources:
  credential-report:
    type: aws/iam-credential-report
    path: ${sourcePath}
controls:
  - id: IAM-02
    title: MFA required for every console user
    owner: it-identity@example.com
    risk: high
    function: prevent
    tests:
      - check: aws/iam-console-mfa
        source: credential-report
exceptions:
${exceptions.join('\n')}
`;
}

function jsonReport(result: CliResult): Report {
  return reportSchema.parse(JSON.parse(result.stdout));
}

function jsonView(result: CliResult): ExceptionsView {
  return exceptionsViewSchema.parse(JSON.parse(result.stdout));
}

function statuses(view: ExceptionsView): Record<string, string> {
  return Object.fromEntries(view.exceptions.map((each) => [each.id, each.status]));
}

/** carl has console access without MFA; EX-2026-100 accepts that until 2026-11-20. */
const lifecycle = workspace({
  'controls.yaml': catalog([exception({ id: 'EX-2026-100', resources: [arn('carl')], approved: '2026-10-01', expires: '2026-11-20' })]),
  'credential-report.csv': credentialReport(consoleUser('carl', false), consoleUser('dora', true)),
});

describe('exception lifecycle, through run and exceptions', CLI_TIMEOUT, () => {
  it('on its last valid day it is active (0 days left; no warning window): it excepts its finding and run exits 0', async () => {
    const runs = await Promise.all(
      ['2026-11-20', '2026-11-20T23:59:59Z'].map((asOf) =>
        controlproof(['run', '--as-of', asOf, '--warn-days', '0', '--format', 'json'], lifecycle),
      ),
    );
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      const report = jsonReport(run);
      expect(report.controls[0]?.works).toBe('effective');
      expect(report.controls[0]?.tests[0]?.findings).toEqual([
        { resource: arn('carl'), message: 'user carl has console access without MFA', excepted_by: 'EX-2026-100' },
      ]);
      expect(report.exceptions[0]).toMatchObject({ id: 'EX-2026-100', status: 'active', days_to_expiry: 0, matched: [arn('carl')] });
    }
  });

  it('is active until it ends (2026-11-21T00:00Z) within --warn-days, expiring from then on', async () => {
    const [before, first] = (
      await Promise.all(['2026-10-21', '2026-10-22'].map((asOf) => controlproof(['exceptions', '--as-of', asOf, '--format', 'json'], lifecycle)))
    ).map(jsonView);
    expect(before?.exceptions[0]).toMatchObject({ status: 'active', days_to_expiry: 30, age_days: 20 });
    expect(first?.exceptions[0]).toMatchObject({ status: 'expiring', days_to_expiry: 29 });
  });

  it('the day after its expiry date it is expired: it excepts nothing and run exits 1 naming it, its owner and days overdue', async () => {
    const run = await controlproof(['run', '--as-of', '2026-11-21', '--format', 'json'], lifecycle);
    expect(run.code).toBe(1);
    const report = jsonReport(run);
    expect(report.controls[0]?.works).toBe('ineffective');
    expect(report.controls[0]?.tests[0]).toMatchObject({ status: 'fail', excepted: 0 });
    expect(report.controls[0]?.tests[0]?.findings).toEqual([
      { resource: arn('carl'), message: 'user carl has console access without MFA', expired_exception: 'EX-2026-100' },
    ]);
    expect(report.exceptions[0]).toMatchObject({ status: 'expired', days_to_expiry: -1 });
    expect(run.stderr).toBe(
      'controlproof: failing (--fail-on ineffective,expired-exceptions):\n' +
        '  - ineffective controls: IAM-02 (owner: it-identity@example.com)\n' +
        '  - exception EX-2026-100 (control IAM-02, owner: it-identity@example.com) expired on 2026-11-20, 1 day(s) overdue\n',
    );
  });

  it('exceptions fails on the expired exception by default, on stderr, and not with --fail-on none', async () => {
    const [failing, none] = await Promise.all([
      controlproof(['exceptions', '--as-of', '2026-12-01'], lifecycle),
      controlproof(['exceptions', '--as-of', '2026-12-01', '--fail-on', 'none'], lifecycle),
    ]);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toBe(
      'controlproof: failing (--fail-on expired):\n' +
        '  - exception EX-2026-100 (control IAM-02, owner: it-identity@example.com) expired on 2026-11-20, 11 day(s) overdue\n',
    );
    expect([none.code, none.stderr]).toEqual([0, '']);
  });

  it('within the warning window it is expiring: exit 0 unless expiring is in the fail-on set', async () => {
    const [run, strict, view, early] = await Promise.all([
      controlproof(['run', '--as-of', '2026-11-01'], lifecycle),
      controlproof(['run', '--as-of', '2026-11-01', '--fail-on', 'ineffective,expired-exceptions,expiring-exceptions'], lifecycle),
      controlproof(['exceptions', '--as-of', '2026-11-01', '--format', 'json'], lifecycle),
      controlproof(['exceptions', '--as-of', '2026-11-01', '--fail-on', 'expired,expiring'], lifecycle),
    ]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(
      '  - exception EX-2026-100 (control IAM-02, owner: it-identity@example.com) expires on 2026-11-20, in 19 day(s)\n',
    );
    expect(view.code).toBe(0);
    expect(jsonView(view).exceptions[0]).toMatchObject({ status: 'expiring', days_to_expiry: 19 });
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('exception EX-2026-100 (control IAM-02, owner: it-identity@example.com) expires on 2026-11-20, in 19 day(s)');
  });

  it('--warn-days moves the window', async () => {
    const view = jsonView(await controlproof(['exceptions', '--as-of', '2026-11-01', '--warn-days', '7', '--format', 'json'], lifecycle));
    expect(view.warn_days).toBe(7);
    expect(view.exceptions[0]?.status).toBe('active');
  });
});

describe('matching', CLI_TIMEOUT, () => {
  it('an exception that matches no finding is unused; by date alone it is active', async () => {
    const dir = workspace({
      'controls.yaml': catalog([
        exception({ id: 'EX-CARL', resources: [arn('carl')], approved: '2026-10-01', expires: '2027-01-31' }),
        exception({ id: 'EX-DORA', resources: [arn('dora')], approved: '2026-10-01', expires: '2027-01-31' }),
      ]),
      'credential-report.csv': credentialReport(consoleUser('carl', false), consoleUser('dora', true)),
    });
    const [view, byDate] = (
      await Promise.all([
        controlproof(['exceptions', '--as-of', '2026-11-01', '--format', 'json'], dir),
        controlproof(['exceptions', '--as-of', '2026-11-01', '--format', 'json', '--no-data'], dir),
      ])
    ).map(jsonView);
    if (!view || !byDate) throw new Error('expected two views');
    expect(statuses(view)).toEqual({ 'EX-CARL': 'active', 'EX-DORA': 'unused' });
    expect(view.exceptions.map((each) => each.matched)).toEqual([[arn('carl')], []]);
    expect(view.summary.exceptions).toEqual({ active: 1, expiring: 0, expired: 0, unused: 1 });
    expect(statuses(byDate)).toEqual({ 'EX-CARL': 'active', 'EX-DORA': 'active' });
  });

  it('a glob matching two of three findings excepts those two; the third still fails', async () => {
    const dir = workspace({
      'controls.yaml': catalog([
        exception({ id: 'EX-OPS', resources: [`arn:aws:iam::${ACCOUNT}:user/ops-*`], approved: '2026-10-01', expires: '2027-01-31' }),
      ]),
      'credential-report.csv': credentialReport(
        consoleUser('ops-anna', false),
        consoleUser('carl', false),
        consoleUser('ops-ben', false),
        consoleUser('dora', true),
      ),
    });
    const run = await controlproof(['run', '--as-of', '2026-11-01', '--format', 'json'], dir);
    expect(run.code).toBe(1);
    const test = jsonReport(run).controls[0]?.tests[0];
    expect(test?.excepted).toBe(2);
    expect(test?.findings.map((finding) => [finding.resource, finding.excepted_by])).toEqual([
      [arn('ops-anna'), 'EX-OPS'],
      [arn('carl'), undefined],
      [arn('ops-ben'), 'EX-OPS'],
    ]);
    expect(jsonReport(run).exceptions[0]?.matched).toEqual([arn('ops-anna'), arn('ops-ben')]);
    expect(run.stderr).toBe('controlproof: failing (--fail-on ineffective,expired-exceptions):\n  - ineffective controls: IAM-02 (owner: it-identity@example.com)\n');
  });
});

describe('exception files and catalog errors', CLI_TIMEOUT, () => {
  const teamFile = (id: string, expires: string | undefined, form: 'list' | 'mapping'): string =>
    form === 'list'
      ? `${exception({ id, approved: '2026-10-01', expires }, 0)}\n`
      : `exceptions:\n${exception({ id, approved: '2026-10-01', expires }, 2)}\n`;

  it('reads exceptions from separate files named by a glob, each reporting its own file', async () => {
    const dir = workspace({
      'controls.yaml': catalog(['  - exceptions/*.yaml']),
      'credential-report.csv': credentialReport(consoleUser('carl', false)),
      'exceptions/identity.yaml': teamFile('EX-ID-1', '2027-01-31', 'list'),
      'exceptions/platform.yaml': teamFile('EX-PL-1', '2026-11-10', 'mapping'),
    });
    const view = jsonView(await controlproof(['exceptions', '--as-of', '2026-11-01', '--format', 'json', '--no-data'], dir));
    expect(view.exceptions.map((each) => [each.id, each.file, each.status])).toEqual([
      ['EX-ID-1', 'exceptions/identity.yaml', 'active'],
      ['EX-PL-1', 'exceptions/platform.yaml', 'expiring'],
    ]);
  });

  it('a duplicate id across two exception files is an error naming both files', async () => {
    const dir = workspace({
      'controls.yaml': catalog(['  - exceptions/*.yaml']),
      'credential-report.csv': credentialReport(consoleUser('carl', false)),
      'exceptions/identity.yaml': teamFile('EX-DUP', '2027-01-31', 'list'),
      'exceptions/platform.yaml': teamFile('EX-DUP', '2027-01-31', 'mapping'),
    });
    const results = await Promise.all(['validate', 'run', 'exceptions'].map((command) => controlproof([command], dir)));
    for (const result of results) {
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        'exceptions/platform.yaml:2:9: Duplicate exception id "EX-DUP" (first declared at identity.yaml:1)\n' +
          '  hint: Exception ids must be unique across identity.yaml and platform.yaml; rename one.\n',
      );
    }
  });

  it('an exception without expires is an error at its position, inline or in a file', async () => {
    const dir = workspace({
      'controls.yaml': catalog([exception({ id: 'EX-OPEN', approved: '2026-10-01' }), '  - exceptions/*.yaml']),
      'credential-report.csv': credentialReport(consoleUser('carl', false)),
      'exceptions/identity.yaml': teamFile('EX-OPEN-2', undefined, 'mapping'),
    });
    const result = await controlproof(['exceptions'], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'controls.yaml:18:5: Missing required key "expires" in exception EX-OPEN\n' +
        '  hint: Add "expires:" here.\n' +
        'exceptions/identity.yaml:2:5: Missing required key "expires" in exception EX-OPEN-2\n' +
        '  hint: Add "expires:" here.\n',
    );
  });

  it('a resource glob that cannot match the control\'s resource ids is an error at the glob', async () => {
    const dir = workspace({
      'controls.yaml': catalog([exception({ id: 'EX-CAROL', resources: ['*/dora', 'user/carol'], approved: '2026-10-01', expires: '2026-12-01' })]),
      'credential-report.csv': credentialReport(consoleUser('carl', false)),
    });
    const result = await controlproof(['validate'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'controls.yaml:20:27: Exception EX-CAROL resource "user/carol" cannot match any finding of control IAM-02: ' +
        'expected an id starting with "arn:aws:iam:", like arn:aws:iam::123456789012:user/alice\n' +
        '  hint: Write the full resource id, or a glob that keeps that prefix (or starts with *).\n',
    );
  });

  it('an exception valid for longer than max_exception_days is a warning from validate, run and exceptions', async () => {
    const dir = workspace({
      'controls.yaml': catalog([exception({ id: 'EX-LONG', resources: [arn('carl')], approved: '2026-01-01', expires: '2027-02-05' })]),
      'credential-report.csv': credentialReport(consoleUser('carl', false)),
    });
    const message = 'controls.yaml:26:14: Exception EX-LONG is valid for 400 days, longer than max_exception_days (365)';
    const hint = 'Shorten it and review it again when it ends, or raise max_exception_days deliberately.';
    const onStderr = `warning: ${message}\n  hint: ${hint}\n`;
    const [validate, runJson, runTable, json, table, csv] = await Promise.all([
      controlproof(['validate'], dir),
      controlproof(['run', '--as-of', '2026-11-01', '--format', 'json'], dir),
      controlproof(['run', '--as-of', '2026-11-01'], dir),
      controlproof(['exceptions', '--as-of', '2026-11-01', '--no-data', '--format', 'json'], dir),
      controlproof(['exceptions', '--as-of', '2026-11-01', '--no-data'], dir),
      controlproof(['exceptions', '--as-of', '2026-11-01', '--no-data', '--format', 'csv'], dir),
    ]);
    expect([validate.code, validate.stderr]).toEqual([0, onStderr]);
    // CSV has no place for warnings: they go to stderr, as with JSON.
    expect([csv.code, csv.stderr]).toEqual([0, onStderr]);
    expect([runJson.code, runJson.stderr]).toEqual([0, onStderr]);
    expect(jsonReport(runJson).warnings).toEqual([{ message, hint }]);
    expect([json.code, json.stderr]).toEqual([0, onStderr]);
    expect(jsonView(json).warnings).toEqual([{ message, hint }]);
    // A table on stdout lists the warnings itself, so they are not repeated on stderr.
    expect(runTable.stdout).toContain(`! ${message.slice(0, 60)}`);
    expect([table.code, table.stderr]).toEqual([0, '']);
    // Wrapped at 80 columns off a terminal: the warning and its hint, word for word.
    const listed = table.stdout.slice(table.stdout.indexOf('Warnings (1)\n'));
    expect(listed.replace(/\n +/g, ' ')).toBe(`Warnings (1) ! ${message} ${hint}\n`);
    expect(listed.split('\n').every((line) => line.length <= 80)).toBe(true);
  });

  it('rejects an unknown --fail-on condition or format with exit 2', async () => {
    const failOn = await controlproof(['exceptions', '--fail-on', 'expird'], lifecycle);
    expect([failOn.code, failOn.stderr]).toEqual([
      2,
      'Unknown --fail-on condition "expird": expected a comma list of expired, expiring, or none\n  hint: Did you mean "expired"?\n',
    ]);
    const format = await controlproof(['exceptions', '--format', 'html'], lifecycle);
    expect(format.code).toBe(2);
    expect(format.stderr).toBe(
      'Unknown format "html": expected one of csv, json, markdown, table\n  hint: Use --format csv or --format json or --format markdown or --format table.\n',
    );
  });
});

describe('--no-data', CLI_TIMEOUT, () => {
  const dir = workspace({
    'controls.yaml': catalog(
      [exception({ id: 'EX-2026-100', resources: [arn('carl')], approved: '2026-10-01', expires: '2026-11-20' })],
      'exports/missing-credential-report.csv',
    ),
  });

  it('reads no source: a source pointing at a missing file causes no error', async () => {
    const result = await controlproof(['exceptions', '--as-of', '2026-11-01', '--no-data', '--format', 'json'], dir);
    expect([result.code, result.stderr]).toEqual([0, '']);
    const view = jsonView(result);
    expect(view.ran_tests).toBe(false);
    expect(view.exceptions[0]).toMatchObject({ id: 'EX-2026-100', status: 'expiring', days_to_expiry: 19, matched: [] });
  });

  it('without it, the tests run: the missing source is reported and the exception matched nothing', async () => {
    const result = await controlproof(['exceptions', '--as-of', '2026-11-01', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: Source "credential-report" could not be read: .*missing-credential-report\.csv/);
    const view = jsonView(result);
    expect(view.ran_tests).toBe(true);
    expect(view.exceptions[0]?.status).toBe('unused');
  });
});

describe('age by risk tier', CLI_TIMEOUT, () => {
  // As of 2026-11-01. high: ages 10, 40, 100, 300 (one expired, one expiring); medium: 20, 51; low: 1.
  const dir = workspace({
    'controls.yaml': catalog([
      exception({ id: 'EX-H1', approved: '2026-10-22', expires: '2027-01-31' }),
      exception({ id: 'EX-H2', approved: '2026-09-22', expires: '2026-11-15' }),
      exception({ id: 'EX-H3', approved: '2026-07-24', expires: '2027-01-31' }),
      exception({ id: 'EX-H4', approved: '2026-01-05', expires: '2026-10-15' }),
      exception({ id: 'EX-M1', risk: 'medium', approved: '2026-10-12', expires: '2027-01-31' }),
      exception({ id: 'EX-M2', risk: 'medium', approved: '2026-09-11', expires: '2027-01-31' }),
      exception({ id: 'EX-L1', risk: 'low', approved: '2026-10-31', expires: '2027-01-31' }),
    ]),
    'credential-report.csv': credentialReport(consoleUser('carl', false)),
  });
  const args = ['exceptions', '--as-of', '2026-11-01', '--no-data', '--fail-on', 'none'];

  it('computes count, median age (mean of the middle two for an even count) and oldest age per tier', async () => {
    const view = jsonView(await controlproof([...args, '--format', 'json'], dir));
    expect(view.exceptions.map((each) => each.age_days)).toEqual([10, 40, 100, 300, 20, 51, 1]);
    expect(view.summary.exception_tiers).toEqual([
      { risk: 'high', count: 4, median_age_days: 70, oldest_age_days: 300, expired: 1, expiring: 1, active: 2, unused: 0 },
      { risk: 'medium', count: 2, median_age_days: 35.5, oldest_age_days: 51, expired: 0, expiring: 0, active: 2, unused: 0 },
      { risk: 'low', count: 1, median_age_days: 1, oldest_age_days: 1, expired: 0, expiring: 0, active: 1, unused: 0 },
    ]);
  });

  it('prints the same tiers in the table and markdown formats, and run puts them in the JSON summary', async () => {
    const [tableResult, markdownResult, runResult] = await Promise.all([
      controlproof(args, dir),
      controlproof([...args, '--format', 'markdown'], dir),
      controlproof(['run', '--as-of', '2026-11-01', '--format', 'json', '--fail-on', 'none'], dir),
    ]);
    const table = tableResult.stdout.split('\n');
    const start = table.indexOf('Exception age by risk (days since approval)');
    expect(table.slice(start, start + 6)).toEqual([
      'Exception age by risk (days since approval)',
      '  risk    count  median age  oldest age  expired  expiring',
      '  high        4         70d        300d        1         1',
      '  medium      2       35.5d         51d        0         0',
      '  low         1          1d          1d        0         0',
      '',
    ]);
    expect(markdownResult.stdout).toContain(
      [
        '| risk | count | median age | oldest age | expired | expiring |',
        '| --- | ---: | ---: | ---: | ---: | ---: |',
        '| high | 4 | 70 | 300 | 1 | 1 |',
        '| medium | 2 | 35.5 | 51 | 0 | 0 |',
        '| low | 1 | 1 | 1 | 0 | 0 |',
      ].join('\n'),
    );
    expect(jsonReport(runResult).summary.exception_tiers.map((tier) => [tier.risk, tier.count, tier.median_age_days, tier.oldest_age_days])).toEqual([
      ['high', 4, 70, 300],
      ['medium', 2, 35.5, 51],
      ['low', 1, 1, 1],
    ]);
  });
});

describe('the example catalog, as of 2026-11-01', CLI_TIMEOUT, () => {
  it('shows one active, one expiring, one expired and one unused exception, and fails on the expired one', async () => {
    const [result, runResult] = await Promise.all([
      controlproof(['exceptions', 'controls.example.yaml', '--as-of', '2026-11-01', '--format', 'json'], ROOT),
      controlproof(['run', 'controls.example.yaml', '--as-of', '2026-11-01', '--format', 'json', '--fail-on', 'none'], ROOT),
    ]);
    expect(result.code).toBe(1);
    expect(statuses(jsonView(result))).toEqual({
      'EX-2026-014': 'active',
      'EX-2025-007': 'expired',
      'EX-2026-021': 'expiring',
      'EX-2026-003': 'unused',
    });
    expect(result.stderr).toContain(
      'controlproof: failing (--fail-on expired):\n' +
        '  - exception EX-2025-007 (control IAM-03, owner: data-platform@example.com) expired on 2026-09-30, 32 day(s) overdue\n',
    );
    expect(jsonReport(runResult).summary.exceptions).toEqual({ active: 1, expiring: 1, expired: 1, unused: 1 });
  });

  it('lists them most urgent first in the table, with owner, risk, dates, days and matched count', async () => {
    const lines = (await controlproof(['exceptions', 'controls.example.yaml', '--as-of', '2026-11-01'], ROOT)).stdout.split('\n');
    const start = lines.indexOf('4 exceptions  1 active · 1 expiring · 1 expired · 1 unused');
    expect(lines.slice(start + 1, start + 4)).toEqual([
      '  id           control  status    owner          risk    approved    expires           days  matched',
      '  EX-2025-007  IAM-03   expired   data-platform  high    2025-04-01  2026-09-30  32 overdue        1',
      '                                  @example.com',
    ]);
    expect(lines.filter((line) => line.startsWith('  EX-'))).toEqual([
      '  EX-2025-007  IAM-03   expired   data-platform  high    2025-04-01  2026-09-30  32 overdue        1',
      '  EX-2026-021  IAM-02   expiring  it-identity    high    2026-10-01  2026-11-20     19 left        1',
      '  EX-2026-003  IAM-05   unused    it-identity    low     2026-02-01  2027-01-31     91 left        0',
      '  EX-2026-014  IAM-03   active    platform-ops   medium  2026-08-01  2027-01-31     91 left        1',
    ]);
  });
});

describe('outputs', CLI_TIMEOUT, () => {
  it('writes several formats in one run, each to its file, and prints the one without a file', async () => {
    const dir = workspace({});
    const result = await controlproof(
      ['exceptions', path.join(ROOT, 'controls.example.yaml'), '--as-of', '2026-11-01', '--fail-on', 'none', '--format', 'json=view.json', '--format', 'csv=view.csv', '--format', 'markdown'],
      dir,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# Exceptions: Example Co/m);
    expect(exceptionsViewSchema.parse(JSON.parse(readFileSync(path.join(dir, 'view.json'), 'utf8'))).exceptions).toHaveLength(4);
    expect(readFileSync(path.join(dir, 'view.csv'), 'utf8')).toContain('EX-2025-007');
  });

  it('refuses an output onto the catalog, before anything is written', async () => {
    const catalog = readFileSync(path.join(ROOT, 'controls.example.yaml'), 'utf8');
    const dir = workspace({ 'controls.yaml': catalog });
    cpSync(path.join(ROOT, 'fixtures'), path.join(dir, 'fixtures'), { recursive: true });
    const result = await controlproof(['exceptions', 'controls.yaml', '--as-of', '2026-11-01', '--format', 'json', '-o', 'controls.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/controls\.yaml.*catalog/);
    expect(readFileSync(path.join(dir, 'controls.yaml'), 'utf8')).toBe(catalog);
  });
});

describe('exceptions on a terminal: --width and progress', CLI_TIMEOUT, () => {
  const args = ['exceptions', 'controls.example.yaml', '--as-of', '2026-11-01', '--fail-on', 'none'];

  it('wraps the text in the terminal\'s columns, or --width, and refuses a width that cannot be', async () => {
    const piped = await runCli(args, { cwd: ROOT });
    const terminal = await runCli([...args, '--no-color'], { cwd: ROOT, tty: true, columns: 140 });
    expect(terminal.stdout).toBe((await runCli([...args, '--width', '140'], { cwd: ROOT })).stdout);
    // The warning points at EX-2025-007's `expires`, wherever the example catalog has it.
    const lines = readFileSync(path.join(ROOT, 'controls.example.yaml'), 'utf8').split('\n');
    const expires = lines.findIndex((line, index) => index > lines.findIndex((text) => text.includes('id: EX-2025-007')) && line.includes('expires:')) + 1;
    expect(terminal.stdout).toContain(`  ! controls.example.yaml:${expires}:14: Exception EX-2025-007 is valid for 547 days, longer than max_exception_days (365)\n`);
    expect(piped.stdout).toContain(`  ! controls.example.yaml:${expires}:14: Exception EX-2025-007 is valid for 547 days,\n    longer than max_exception_days (365)\n`);
    const bad = await runCli([...args, '--width', '12'], { cwd: ROOT });
    expect([bad.code, bad.stdout, bad.stderr.split('\n')[0]]).toEqual([2, '', 'Invalid --width "12": expected a whole number of columns from 40 to 1000']);
  });

  it('shows read progress on a terminal stderr while it runs the audit, and none with --no-data', async () => {
    let time = 0;
    const now = (): number => (time += 500);
    const withData = await runCli(args, { cwd: ROOT, stderrTty: true, now });
    expect(withData.stderr).toMatch(/^\r\u001b\[2Kcontrolproof: read \d+ files?, \d+ records?…/);
    expect(withData.stderr.endsWith('\r\u001b[2K')).toBe(true);
    expect((await runCli([...args, '--no-data'], { cwd: ROOT, stderrTty: true, now })).stderr).toBe('');
  });
});
