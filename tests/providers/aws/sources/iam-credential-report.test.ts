import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import credentialReport, { identityAccounts, REPORT_COLUMNS, type CredentialReportRow } from '../../../../src/providers/aws/sources/iam-credential-report.js';
import { readExportFile } from '../../../../src/kit/files/read-file.js';
import { thrownUserError } from '../../../support/errors.js';
import { repoRoot } from '../../../support/paths.js';


const FIXTURE_CSV = readFileSync(path.resolve('fixtures/aws/credential-report.csv'), 'utf8');
const FIXTURE_JSON = readFileSync(path.resolve('fixtures/aws/credential-report.json'), 'utf8');
const HEADER = FIXTURE_CSV.split('\n')[0] ?? '';
const NO_KEYS = 'false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';

const read = (text: string, display = 'report.csv'): CredentialReportRow[] => credentialReport.read([{ display, text }]);
const rowOf = (rows: readonly CredentialReportRow[], user: string): CredentialReportRow | undefined => rows.find((row) => row.user === user);
const iso = (date: Date | null | undefined): string | null | undefined => (date instanceof Date ? date.toISOString() : date);

describe('aws/iam-credential-report source', () => {
  it('is registered under its source type', () => {
    expect(credentialReport.type).toBe('aws/iam-credential-report');
    expect(REPORT_COLUMNS).toHaveLength(22);
    expect(HEADER).toBe(REPORT_COLUMNS.join(','));
  });

  it('reads every row of the example report in order', () => {
    const rows = read(FIXTURE_CSV);
    expect(rows.map((row) => row.user)).toEqual([
      '<root_account>',
      'alice',
      'bob',
      'carol',
      'ci-deploy',
      'legacy-etl',
      'dana',
      'svc-backup',
      'erin',
    ]);
    expect(rows.filter((row) => row.isRoot).map((row) => row.user)).toEqual(['<root_account>']);
  });

  it('maps the root row tokens to null, never to epoch 0', () => {
    const root = rowOf(read(FIXTURE_CSV), '<root_account>');
    expect(root).toEqual({
      user: '<root_account>',
      arn: 'arn:aws:iam::210987654321:root',
      isRoot: true,
      userCreationTime: new Date('2019-02-11T08:00:00Z'),
      passwordEnabled: null,
      passwordLastUsed: new Date('2026-09-02T07:41:12Z'),
      passwordLastChanged: null,
      passwordNextRotation: null,
      mfaActive: true,
      accessKeys: [
        { slot: 1, active: false, lastRotated: null, lastUsedDate: null, lastUsedRegion: null, lastUsedService: null },
        { slot: 2, active: false, lastRotated: null, lastUsedDate: null, lastUsedRegion: null, lastUsedService: null },
      ],
    });
  });

  it('types a console user with MFA and a recently rotated key', () => {
    const alice = rowOf(read(FIXTURE_CSV), 'alice');
    expect(alice?.isRoot).toBe(false);
    expect(alice?.passwordEnabled).toBe(true);
    expect(alice?.mfaActive).toBe(true);
    expect(iso(alice?.passwordLastUsed)).toBe('2026-10-30T16:02:45.000Z');
    expect(alice?.passwordNextRotation).toBeNull();
    expect(alice?.accessKeys[0]).toEqual({
      slot: 1,
      active: true,
      lastRotated: new Date('2026-09-22T10:04:51Z'),
      lastUsedDate: new Date('2026-10-31T17:45:00Z'),
      lastUsedRegion: 'eu-west-1',
      lastUsedService: 's3',
    });
    expect(alice?.accessKeys[1].active).toBe(false);
  });

  it('types the rest of the story: no MFA, programmatic users, a never-used password', () => {
    const rows = read(FIXTURE_CSV);
    expect(rows.filter((row) => row.passwordEnabled === true && !row.mfaActive).map((row) => row.user)).toEqual(['bob', 'carol']);
    expect(rowOf(rows, 'ci-deploy')?.passwordEnabled).toBe(false);
    expect(rowOf(rows, 'ci-deploy')?.passwordLastUsed).toBeNull();
    expect(iso(rowOf(rows, 'ci-deploy')?.accessKeys[0].lastRotated)).toBe('2026-01-10T11:30:00.000Z');
    expect(iso(rowOf(rows, 'legacy-etl')?.accessKeys[0].lastUsedDate)).toBe('2025-03-01T02:14:00.000Z');
    expect(rowOf(rows, 'legacy-etl')?.accessKeys[0].lastUsedService).toBe('s3');
    expect(iso(rowOf(rows, 'dana')?.passwordLastUsed)).toBe('2026-10-20T07:58:33.000Z');
    expect(rowOf(rows, 'svc-backup')?.accessKeys[0].lastUsedRegion).toBe('us-east-1');
    expect(rowOf(rows, 'erin')?.passwordLastUsed).toBeNull();
    expect(iso(rowOf(rows, 'erin')?.userCreationTime)).toBe('2026-10-28T14:10:05.000Z');
  });

  it('reads the CLI JSON and the base64 Content alone into the same rows as the CSV', () => {
    const fromCsv = read(FIXTURE_CSV);
    const content = /"Content": "([^"]+)"/.exec(FIXTURE_JSON)?.[1] ?? '';
    expect(content).toMatch(/^dXNlcixhcm4s/);
    expect(read(FIXTURE_JSON, 'report.json')).toEqual(fromCsv);
    expect(read(`${content}\n`, 'report.b64')).toEqual(fromCsv);
  });

  it('reads the fixtures through the file decoder the same way', async () => {
    const csvFile = await readExportFile(path.resolve('fixtures/aws/credential-report.csv'));
    const jsonFile = await readExportFile(path.resolve('fixtures/aws/credential-report.json'));
    expect(credentialReport.read([jsonFile.text])).toEqual(credentialReport.read([csvFile.text]));
  });

  it('accepts uppercase booleans, CRLF, a BOM and no final newline', () => {
    const variant = `\ufeff${FIXTURE_CSV.trimEnd().replace(/\b(true|false)\b/g, (value) => value.toUpperCase()).replaceAll('\n', '\r\n')}`;
    expect(variant).toContain(',TRUE,');
    expect(read(variant)).toEqual(read(FIXTURE_CSV));
  });

  it('parses a quoted user name that contains a comma', () => {
    const row = `"ops,admin","arn:aws:iam::210987654321:user/ops,admin",2025-05-05T10:00:00+00:00,false,N/A,N/A,N/A,false,${NO_KEYS}`;
    const [ops] = read(`${HEADER}\n${row}\n`);
    expect(ops?.user).toBe('ops,admin');
    expect(ops?.arn).toBe('arn:aws:iam::210987654321:user/ops,admin');
    expect(ops?.isRoot).toBe(false);
  });

  it('places a bad cell far down a large report at its exact line and column', () => {
    const alice = FIXTURE_CSV.split('\n')[2] ?? '';
    const cells = alice.split(',');
    const bad = [...cells.slice(0, 7), 'yes', ...cells.slice(8)].join(',');
    const text = `${HEADER}\n${`${alice}\n`.repeat(3000)}${bad}\n${alice}\n`;
    const error = thrownUserError(() => read(text));
    expect(error.message).toBe('Invalid mfa_active "yes" for user alice: expected true or false');
    expect(error.position).toEqual({ file: 'report.csv', line: 3002, col: cells.slice(0, 7).join(',').length + 2 });
  });

  it('reads a large report with quoted and unquoted rows as the full parser does', () => {
    const quoted = `"ops,admin","arn:aws:iam::210987654321:user/ops,admin",2025-05-05T10:00:00+00:00,true,N/A,N/A,N/A,false,${NO_KEYS}`;
    const body = FIXTURE_CSV.split('\n').slice(1).join('\n');
    const rows = read(`${HEADER}\n${body}${quoted}\n${body}`);
    expect(rows).toHaveLength(19);
    expect(rows[9]?.user).toBe('ops,admin');
    expect(rows.slice(10)).toEqual(read(FIXTURE_CSV));
    // A quoted cell spanning lines is left to csv-parse whole, and read the same way.
    const spanning = read(`${HEADER}\n${body}${quoted.replace('ops,admin"', 'ops,\nadmin"')}\n`);
    expect(spanning[9]?.user).toBe('ops,\nadmin');
  });

  it('yields no rows for a report with a header only', () => {
    expect(read(`${HEADER}\n`)).toEqual([]);
  });

  it('rejects a wrong header column at its position, naming the missing one (fixture)', async () => {
    const { text } = await readExportFile(path.resolve('fixtures/aws/bad/credential-report-wrong-header.csv'));
    const error = thrownUserError(() => credentialReport.read([text]));
    expect(error.locatedFrom(repoRoot)).toBe(
      'fixtures/aws/bad/credential-report-wrong-header.csv:1:110: Expected the 22 credential report columns, missing mfa_active; found unexpected column "mfa_enabled"',
    );
    expect(error.hint).toContain('aws iam get-credential-report');
  });

  it('rejects a header with columns missing at 1:1', () => {
    const error = thrownUserError(() => read('user,arn,mfa_active\n'));
    expect(error.position).toEqual({ file: 'report.csv', line: 1, col: 1 });
    expect(error.message).toMatch(/^Expected the 22 credential report columns, missing user_creation_time, password_enabled, /);
    expect(error.message).toContain('cert_2_last_rotated');
  });

  it('rejects an unparseable timestamp at its row and column', () => {
    const error = thrownUserError(() => read(FIXTURE_CSV.replace('2026-10-27T08:55:19+00:00', '2026-10-27 08:55')));
    expect(error.located).toBe(
      'report.csv:4:71: Invalid password_last_used "2026-10-27 08:55" for user bob: expected a timestamp like 2024-03-05T14:22:07+00:00, N/A, no_information or not_supported',
    );
  });

  it('rejects a date the calendar does not have, rather than rolling it over', () => {
    expect(thrownUserError(() => read(FIXTURE_CSV.replace('2026-10-27T08:55:19+00:00', '2026-02-30T08:55:19+00:00'))).located).toMatch(
      /^report\.csv:4:71: Invalid [a-z_]+ "2026-02-30T08:55:19\+00:00" for user /,
    );
  });

  it('rejects a date without a time, and an empty date cell', () => {
    expect(thrownUserError(() => read(FIXTURE_CSV.replace('2026-10-27T08:55:19+00:00', '2026-10-27'))).position).toEqual({
      file: 'report.csv',
      line: 4,
      col: 71,
    });
    expect(thrownUserError(() => read(FIXTURE_CSV.replace('2026-06-03T08:20:11+00:00', ''))).located).toMatch(
      /^report\.csv:3:101: Invalid password_last_changed "" for user alice/,
    );
  });

  it('rejects an unparseable boolean at its row and column', () => {
    const text = FIXTURE_CSV.replace('2025-11-03T09:12:55+00:00,N/A,false,', '2025-11-03T09:12:55+00:00,N/A,yes,');
    expect(thrownUserError(() => read(text)).located).toBe('report.csv:5:131: Invalid mfa_active "yes" for user carol: expected true or false');
  });

  it('locates errors inside the CLI JSON in the decoded Content', () => {
    const broken = Buffer.from(FIXTURE_CSV.replace('2026-10-27T08:55:19+00:00', 'yesterday')).toString('base64');
    const text = FIXTURE_JSON.replace(/"Content": "[^"]*"/, `"Content": "${broken}"`);
    expect(thrownUserError(() => read(text, 'report.json')).located).toMatch(
      /^report\.json \(decoded Content\):4:71: Invalid password_last_used "yesterday" for user bob/,
    );
  });

  it('rejects JSON that is not the get-credential-report output', () => {
    expect(thrownUserError(() => read('{"State": "COMPLETE", "Description": "No report exists. Starting a new report generation."}', 'r.json')).located).toBe(
      'r.json:1:1: Expected the JSON of `aws iam get-credential-report` with a base64 "Content" string',
    );
    expect(thrownUserError(() => read('{"Content": "dXNlcg==", "ReportFormat": "text/html"}', 'r.json')).located).toBe(
      'r.json:1:1: Expected ReportFormat "text/csv", found "text/html"',
    );
  });

  it('rejects invalid JSON at its position and an empty file at 1:1', () => {
    expect(thrownUserError(() => read('{\n  "Content": \n}', 'r.json')).located).toBe('r.json:3:1: Invalid JSON: expected a JSON value, found "}"');
    expect(thrownUserError(() => read('', 'r.csv')).located).toBe('r.csv:1:1: File is empty: expected an IAM credential report');
  });
});

describe('aws/iam-credential-report as identity/accounts', () => {
  const rows = credentialReport.read([{ display: 'credential-report.csv', text: FIXTURE_CSV }]);
  const accounts = identityAccounts(rows);

  it('offers every IAM user but root, by ARN, active while a password or an access key is enabled', () => {
    expect(credentialReport.views?.['identity/accounts']).toBe(identityAccounts);
    expect(accounts.map((account) => account.login)).toEqual(['alice', 'bob', 'carol', 'ci-deploy', 'legacy-etl', 'dana', 'svc-backup', 'erin']);
    expect(new Set(accounts.map((account) => account.status))).toEqual(new Set(['active']));
    const bob = rows.find((row) => row.user === 'bob');
    if (!bob) throw new Error('fixture has no bob');
    const [inactive] = bob.accessKeys;
    const locked = { ...bob, passwordEnabled: false, accessKeys: [{ ...inactive, active: false }, { ...inactive, slot: 2, active: false }] as const };
    expect(identityAccounts([locked]).map((account) => account.status)).toEqual(['suspended']);
  });

  it('carries what the report says: creation, the latest use, and an MFA factor of unknown kind when MFA is active', () => {
    const alice = accounts.find((account) => account.login === 'alice');
    const row = rows.find((candidate) => candidate.user === 'alice');
    const used = [row?.passwordLastUsed, ...(row?.accessKeys.map((key) => key.lastUsedDate) ?? [])].filter((date): date is Date => date instanceof Date);
    expect(alice).toEqual({
      provider: 'aws',
      id: 'arn:aws:iam::210987654321:user/alice',
      login: 'alice',
      emails: [],
      employeeId: null,
      displayName: null,
      status: 'active',
      created: row?.userCreationTime,
      lastSignIn: new Date(Math.max(...used.map((date) => date.getTime()))),
      statusChanged: null,
      mfaFactors: row?.mfaActive ? [{ kind: 'unknown', strength: 'unknown' }] : [],
      adminRoles: [],
    });
    const bob = accounts.find((account) => account.login === 'bob');
    expect(bob?.mfaFactors).toEqual([]);
  });

  it('takes a user named by an e-mail address as that address, lower-cased', () => {
    const [row] = rows.filter((candidate) => candidate.user === 'alice');
    if (!row) throw new Error('fixture has no alice');
    expect(identityAccounts([{ ...row, user: 'Alice@Example.com' }])[0]?.emails).toEqual(['alice@example.com']);
  });
});
