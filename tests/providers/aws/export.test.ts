import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import backupRestoreJobs from '../../../src/providers/aws/sources/backup-restore-jobs.js';
import cloudtrailLogs from '../../../src/providers/aws/sources/cloudtrail-logs.js';
import cloudtrailTrails from '../../../src/providers/aws/sources/cloudtrail-trails.js';
import configRecorders from '../../../src/providers/aws/sources/config-recorders.js';
import ec2SecurityGroups from '../../../src/providers/aws/sources/ec2-security-groups.js';
import guardDutyDetectors from '../../../src/providers/aws/sources/guardduty-detectors.js';
import iamAuthorizationDetails from '../../../src/providers/aws/sources/iam-authorization-details.js';
import iamCredentialReport from '../../../src/providers/aws/sources/iam-credential-report.js';
import iamPasswordPolicy from '../../../src/providers/aws/sources/iam-password-policy.js';
import kmsKeys from '../../../src/providers/aws/sources/kms-keys.js';
import s3Buckets from '../../../src/providers/aws/sources/s3-buckets.js';
import type { BatchSource, SourceText } from '../../../src/kit/define-source.js';
import { repoRoot } from '../../support/paths.js';

const ROOT = repoRoot;
const SCRIPT = path.join(ROOT, 'src/providers/aws/export.sh');
const FIXTURES = path.join(ROOT, 'fixtures/aws');
const ACCOUNT = '210987654321';
const REGIONS = ['eu-west-1', 'us-east-1'] as const;
const TRAIL = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/main-trail`;
const DAY_SECONDS = 86_400;

const scratch = mkdtempSync(path.join(tmpdir(), 'export-aws-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What the stub answers to one call, matched on its arguments without `--profile` and `--output`. */
interface StubResponse {
  /** The call, or its start (arguments that vary, such as lookup-events times, follow it). */
  call: string;
  stdout?: string;
  stderr?: string;
  exit?: number;
}

// The stub `aws` (bash, so a call costs no Node start-up): logs its arguments tab-separated, answers from numbered
// response files (NNNN.call, .out, .err, .exit) in order, and fails loudly on a call it has no answer for.
const STUB = `#!/usr/bin/env bash
printf '%s\\t' "$@" >> "$AWS_STUB_LOG"
printf '\\n' >> "$AWS_STUB_LOG"
call='' skip=''
for arg in "$@"; do
  if [ -n "$skip" ]; then skip=''; continue; fi
  case $arg in --profile | --output) skip=1; continue ;; esac
  call+="\${call:+ }$arg"
done
for spec in "$AWS_STUB_RESPONSES"/*.call; do
  read -r want < "$spec"
  if [ "$call" = "$want" ] || [[ $call == "$want "* ]]; then
    base=\${spec%.call}
    cat "$base.out"
    cat "$base.err" >&2
    read -r code < "$base.exit"
    exit "$code"
  fi
done
printf 'stub aws: no response for: %s\\n' "$call" >&2
exit 255
`;

function fixtureText(relative: string): string {
  return readFileSync(path.join(FIXTURES, relative), 'utf8');
}

const jsonObject = z.record(z.string(), z.unknown());

/** A JSON object: the envelopes of src/providers/aws/export.sh and their sections. */
function objectOf(text: string): Record<string, unknown> {
  return jsonObject.parse(JSON.parse(text));
}

function fixtureJson(relative: string): Record<string, unknown> {
  return objectOf(fixtureText(relative));
}

/** One section of an envelope, keyed by resource id; empty when absent. */
function sectionOf(envelope: Record<string, unknown>, key: string): Record<string, unknown> {
  return jsonObject.parse(envelope[key] ?? {});
}

/** JSON as the CLI prints it. */
function cli(value: unknown): string {
  return `${JSON.stringify(value, null, 4)}\n`;
}

function cliError(code: string, operation: string, message: string): string {
  return `\nAn error occurred (${code}) when calling the ${operation} operation: ${message}\n`;
}

/** Responses reproducing the demo account of fixtures/aws/ call by call. */
function demoResponses(): StubResponse[] {
  const s3 = fixtureJson(`${ACCOUNT}/global/s3-buckets.json`);
  const buckets = sectionOf(s3, 'BucketPublicAccessBlock');
  const responses: StubResponse[] = [
    { call: 'sts get-caller-identity --query Account', stdout: `${ACCOUNT}\n` },
    { call: 'iam generate-credential-report --query State', stdout: 'COMPLETE\n' },
    { call: 'iam get-credential-report', stdout: fixtureText('credential-report.json') },
    { call: 'iam get-account-authorization-details', stdout: fixtureText('iam-authorization-details.json') },
    { call: 'iam get-account-password-policy', stderr: fixtureText('no-password-policy.txt'), exit: 254 },
    { call: 's3api list-buckets --query Buckets[].Name', stdout: `${Object.keys(buckets).join('\t')}\n` },
    {
      call: `s3control get-public-access-block --account-id ${ACCOUNT} --region eu-west-1`,
      stderr: cliError('NoSuchPublicAccessBlockConfiguration', 'GetPublicAccessBlock', 'The public access block configuration was not found'),
      exit: 254,
    },
    ...Object.entries(buckets).map(([bucket, block]) => ({ call: `s3api get-public-access-block --bucket ${bucket}`, stdout: cli(block) })),
  ];
  for (const region of REGIONS) {
    const trails = fixtureJson(`${ACCOUNT}/${region}/cloudtrail-trails.json`);
    const keys = fixtureJson(`${ACCOUNT}/${region}/kms-keys.json`);
    const detectors = sectionOf(fixtureJson(`${ACCOUNT}/${region}/guardduty-detectors.json`), 'GetDetector');
    const config = fixtureJson(`${ACCOUNT}/${region}/config-recorders.json`);
    responses.push(
      { call: `cloudtrail describe-trails --region ${region} --query trailList[].[TrailARN,HomeRegion]`, stdout: `${TRAIL}\teu-west-1\n` },
      { call: `cloudtrail describe-trails --region ${region}`, stdout: cli(trails['DescribeTrails']) },
      { call: `cloudtrail lookup-events --region ${region}`, stdout: fixtureText('lookup-events.json') },
      { call: `cloudtrail list-public-keys --region ${region}`, stdout: fixtureText(`${ACCOUNT}/${region}/cloudtrail-public-keys.json`) },
      { call: `kms list-keys --region ${region} --query Keys[].KeyId`, stdout: `${Object.keys(sectionOf(keys, 'DescribeKey')).join('\t')}\n` },
      ...Object.entries(sectionOf(keys, 'DescribeKey')).map(([id, described]) => ({ call: `kms describe-key --region ${region} --key-id ${id}`, stdout: cli(described) })),
      ...Object.entries(sectionOf(keys, 'GetKeyRotationStatus')).map(([id, rotation]) =>
        rotation === null
          ? {
              call: `kms get-key-rotation-status --region ${region} --key-id ${id}`,
              stderr: cliError('UnsupportedOperationException', 'GetKeyRotationStatus', `arn:aws:kms:${region}:${ACCOUNT}:key/${id} origin is not supported for this operation.`),
              exit: 254,
            }
          : { call: `kms get-key-rotation-status --region ${region} --key-id ${id}`, stdout: cli(rotation) },
      ),
      { call: `ec2 describe-security-groups --region ${region}`, stdout: fixtureText(`${ACCOUNT}/${region}/ec2-security-groups.json`) },
      { call: `guardduty list-detectors --region ${region} --query DetectorIds`, stdout: `${Object.keys(detectors).join('\t')}\n` },
      ...Object.entries(detectors).map(([id, detector]) => ({ call: `guardduty get-detector --region ${region} --detector-id ${id}`, stdout: cli(detector) })),
      { call: `configservice describe-configuration-recorders --region ${region}`, stdout: cli(config['DescribeConfigurationRecorders']) },
      { call: `configservice describe-configuration-recorder-status --region ${region}`, stdout: cli(config['DescribeConfigurationRecorderStatus']) },
      { call: `backup list-restore-jobs --region ${region}`, stdout: fixtureText(`${ACCOUNT}/${region}/backup-restore-jobs.json`) },
    );
  }
  const home = fixtureJson(`${ACCOUNT}/eu-west-1/cloudtrail-trails.json`);
  responses.push(
    { call: `cloudtrail get-trail-status --region eu-west-1 --name ${TRAIL}`, stdout: cli(sectionOf(home, 'GetTrailStatus')[TRAIL]) },
    { call: `cloudtrail get-event-selectors --region eu-west-1 --trail-name ${TRAIL}`, stdout: cli(sectionOf(home, 'GetEventSelectors')[TRAIL]) },
  );
  return responses;
}

interface ExportRun {
  status: number | null;
  stderr: string;
  out: string;
  /** Each call's arguments, as the stub received them. */
  calls: string[][];
}

function runExport(name: string, args: readonly string[], responses: readonly StubResponse[]): ExportRun {
  const dir = path.join(scratch, name);
  const bin = path.join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(path.join(bin, 'aws'), STUB);
  chmodSync(path.join(bin, 'aws'), 0o755);
  const answers = path.join(dir, 'responses');
  mkdirSync(answers);
  responses.forEach((response, index) => {
    const base = path.join(answers, String(index).padStart(4, '0'));
    writeFileSync(`${base}.call`, `${response.call}\n`);
    writeFileSync(`${base}.out`, response.stdout ?? '');
    writeFileSync(`${base}.err`, response.stderr ?? '');
    writeFileSync(`${base}.exit`, `${response.exit ?? 0}\n`);
  });
  const log = path.join(dir, 'calls.log');
  writeFileSync(log, '');
  const out = path.join(dir, 'out');
  const result = spawnSync('bash', [SCRIPT, ...args.map((arg) => arg.replace('{out}', out))], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}`, AWS_STUB_LOG: log, AWS_STUB_RESPONSES: answers },
  });
  const calls = readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.replace(/\t$/, '').split('\t'));
  return { status: result.status, stderr: result.stderr, out, calls };
}

/** A call without the global options every call carries. */
function callOf(args: readonly string[]): string {
  return args.filter((arg, index) => !['--profile', '--output'].includes(arg) && !['--profile', '--output'].includes(args[index - 1] ?? '')).join(' ');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

function texts(dir: string, files: readonly string[]): SourceText[] {
  return files.map((file) => ({ display: path.join(dir, file), text: readFileSync(path.join(dir, file), 'utf8') }));
}

function readBoth(source: BatchSource, out: string, file: string) {
  const files = REGIONS.map((region) => `${ACCOUNT}/${region}/${file}`);
  return { exported: source.read(texts(out, files)), fixture: source.read(texts(FIXTURES, files)) };
}

const PER_REGION = [
  'backup-restore-jobs.json',
  'cloudtrail-lookup-events.json',
  'cloudtrail-public-keys.json',
  'cloudtrail-trails.json',
  'config-recorders.json',
  'ec2-security-groups.json',
  'guardduty-detectors.json',
  'kms-keys.json',
];

describe('src/providers/aws/export.sh with a stub aws on PATH', () => {
  const run = runExport('demo', ['--out', '{out}', '--regions', REGIONS.join(','), '--profile', 'audit', '--days', '3'], demoResponses());

  it('succeeds', () => {
    expect(run.stderr).toContain(`export-aws: done: ${run.out}/${ACCOUNT}`);
    expect(run.status).toBe(0);
  });

  it('passes the profile and an explicit output format on every call', () => {
    for (const args of run.calls) {
      expect(args.slice(0, 4)).toEqual(['--profile', 'audit', '--output', args.includes('--query') ? 'text' : 'json']);
    }
  });

  it('makes exactly the expected calls, in order', () => {
    const perRegion = (region: string) => [
      `cloudtrail describe-trails --region ${region}`,
      `cloudtrail describe-trails --region ${region} --query trailList[].[TrailARN,HomeRegion]`,
      `cloudtrail get-trail-status --region eu-west-1 --name ${TRAIL}`,
      `cloudtrail get-event-selectors --region eu-west-1 --trail-name ${TRAIL}`,
      `cloudtrail lookup-events --region ${region} --start-time <start> --end-time <end>`,
      `cloudtrail list-public-keys --region ${region} --start-time <start> --end-time <end>`,
      `kms list-keys --region ${region} --query Keys[].KeyId`,
      ...(region === 'eu-west-1'
        ? [
            '0b7e2f4c-5d1a-4e8b-9c3f-6a2d8e1f4b70',
            '3f9a1c2e-7b4d-4a6f-8e1c-2d5b9a0c7e31',
            'b8a9477d-836c-491f-857e-07937918959b',
            '5e2c8d1a-9f3b-4c7e-a1d6-8b4f2e0c9a53',
            'c41d7e9b-2a5f-4e38-9b6c-0f1a3d8e5b27',
          ]
        : ['7d3e9f0a-1b2c-4d5e-8f6a-9b0c1d2e3f4a']
      ).flatMap((id) => [`kms describe-key --region ${region} --key-id ${id}`, `kms get-key-rotation-status --region ${region} --key-id ${id}`]),
      `ec2 describe-security-groups --region ${region}`,
      `guardduty list-detectors --region ${region} --query DetectorIds`,
      ...(region === 'eu-west-1' ? ['guardduty get-detector --region eu-west-1 --detector-id a4b8c1d2e3f405162738495a6b7c8d9e'] : []),
      `configservice describe-configuration-recorders --region ${region}`,
      `configservice describe-configuration-recorder-status --region ${region}`,
      `backup list-restore-jobs --region ${region}`,
    ];
    const calls = run.calls.map(callOf).map((call) => call.replace(/--start-time \d+ --end-time \d+$/, '--start-time <start> --end-time <end>'));
    expect(calls).toEqual([
      'sts get-caller-identity --query Account',
      'iam generate-credential-report --query State',
      'iam get-credential-report',
      'iam get-account-authorization-details',
      'iam get-account-password-policy',
      's3api list-buckets --query Buckets[].Name',
      `s3control get-public-access-block --account-id ${ACCOUNT} --region eu-west-1`,
      `s3api get-public-access-block --bucket app-data-${ACCOUNT}`,
      `s3api get-public-access-block --bucket audit-logs-${ACCOUNT}`,
      `s3api get-public-access-block --bucket marketing-site-${ACCOUNT}`,
      ...perRegion('eu-west-1'),
      ...perRegion('us-east-1'),
    ]);
  });

  it('asks lookup-events for the last --days days, ending now', () => {
    const lookups = run.calls.map(callOf).filter((call) => call.startsWith('cloudtrail lookup-events'));
    expect(lookups).toHaveLength(2);
    for (const call of lookups) {
      const [, start, end] = /--start-time (\d+) --end-time (\d+)$/.exec(call) ?? [];
      expect(Number(end) - Number(start)).toBe(3 * DAY_SECONDS);
      expect(Math.abs(Number(end) - Date.now() / 1000)).toBeLessThan(120);
    }
  });

  it('writes one folder per account with the documented files and nothing else', () => {
    expect(filesUnder(run.out)).toEqual([
      ...PER_REGION.map((file) => `${ACCOUNT}/eu-west-1/${file}`),
      `${ACCOUNT}/global/iam-authorization-details.json`,
      `${ACCOUNT}/global/iam-credential-report.json`,
      `${ACCOUNT}/global/iam-password-policy.json`,
      `${ACCOUNT}/global/s3-buckets.json`,
      ...PER_REGION.map((file) => `${ACCOUNT}/us-east-1/${file}`),
    ]);
  });

  it('saves the NoSuchEntity error text as the password policy export, and the IAM sources read the global files', () => {
    const global = path.join(run.out, ACCOUNT, 'global');
    expect(readFileSync(path.join(global, 'iam-password-policy.json'), 'utf8')).toBe(fixtureText('no-password-policy.txt'));
    expect(iamPasswordPolicy.read(texts(global, ['iam-password-policy.json'])).map((record) => record.policy)).toEqual([null]);
    expect(iamCredentialReport.read(texts(global, ['iam-credential-report.json']))).toEqual(iamCredentialReport.read(texts(FIXTURES, ['credential-report.json'])));
    const [details] = iamAuthorizationDetails.read(texts(global, ['iam-authorization-details.json']));
    const [fixture] = iamAuthorizationDetails.read(texts(FIXTURES, ['iam-authorization-details.json']));
    expect(details?.users).toEqual(fixture?.users);
    expect(details?.roles).toEqual(fixture?.roles);
  });

  it('writes files the configuration sources read into the same records as the fixtures', () => {
    expect(s3Buckets.read(texts(run.out, [`${ACCOUNT}/global/s3-buckets.json`]))).toEqual(
      s3Buckets.read(texts(FIXTURES, [`${ACCOUNT}/global/s3-buckets.json`])),
    );
    for (const [adapter, file] of [
      [cloudtrailTrails, 'cloudtrail-trails.json'],
      [kmsKeys, 'kms-keys.json'],
      [ec2SecurityGroups, 'ec2-security-groups.json'],
      [guardDutyDetectors, 'guardduty-detectors.json'],
      [configRecorders, 'config-recorders.json'],
      [backupRestoreJobs, 'backup-restore-jobs.json'],
    ] as const) {
      const { exported, fixture } = readBoth(adapter, run.out, file);
      expect(exported, file).toEqual(fixture);
      expect(exported.length, file).toBeGreaterThan(0);
    }
  });

  it('stores a rotation status the key cannot have as null', () => {
    const keys = objectOf(readFileSync(path.join(run.out, ACCOUNT, 'eu-west-1/kms-keys.json'), 'utf8'));
    expect(sectionOf(keys, 'GetKeyRotationStatus')['5e2c8d1a-9f3b-4c7e-a1d6-8b4f2e0c9a53']).toBeNull();
  });

  it('writes lookup-events output the CloudTrail log source streams', () => {
    const [file] = texts(run.out, [`${ACCOUNT}/eu-west-1/cloudtrail-lookup-events.json`]);
    const [fixture] = texts(FIXTURES, ['lookup-events.json']);
    if (!file || !fixture) throw new Error('missing lookup-events file');
    expect([...cloudtrailLogs.readFile(file)]).toEqual([...cloudtrailLogs.readFile(fixture)]);
  });
});

describe('src/providers/aws/export.sh when a call fails', () => {
  it('stops at a call that is denied, passing the CLI error on and leaving no half-written file', () => {
    const denied: StubResponse = {
      call: 'kms list-keys --region eu-west-1',
      stderr: cliError('AccessDeniedException', 'ListKeys', 'User: arn:aws:iam::210987654321:user/auditor is not authorized to perform: kms:ListKeys'),
      exit: 254,
    };
    const run = runExport('denied', ['--out', '{out}', '--regions', 'eu-west-1'], [denied, ...demoResponses()]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('An error occurred (AccessDeniedException) when calling the ListKeys operation');
    expect(run.calls.map(callOf).at(-1)).toBe('kms list-keys --region eu-west-1 --query Keys[].KeyId');
    expect(filesUnder(path.join(run.out, ACCOUNT, 'eu-west-1'))).toEqual(['cloudtrail-lookup-events.json', 'cloudtrail-public-keys.json', 'cloudtrail-trails.json']);
  });

  it('does not take an access error on the public access block for "not configured"', () => {
    const denied: StubResponse = {
      call: `s3api get-public-access-block --bucket app-data-${ACCOUNT}`,
      stderr: cliError('AccessDenied', 'GetPublicAccessBlock', 'Access Denied'),
      exit: 254,
    };
    const run = runExport('denied-s3', ['--out', '{out}', '--regions', 'eu-west-1'], [denied, ...demoResponses()]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('(AccessDenied)');
    expect(existsSync(path.join(run.out, ACCOUNT, 'global/s3-buckets.json'))).toBe(false);
  });

  it('leaves no file, not even a partial one, for a raw call that failed', () => {
    const failed: StubResponse = { call: 'ec2 describe-security-groups --region eu-west-1', stderr: cliError('RequestLimitExceeded', 'DescribeSecurityGroups', 'Request limit exceeded.'), exit: 254 };
    const run = runExport('throttled', ['--out', '{out}', '--regions', 'eu-west-1'], [failed, ...demoResponses()]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('(RequestLimitExceeded)');
    expect(filesUnder(path.join(run.out, ACCOUNT, 'eu-west-1'))).toEqual(['cloudtrail-lookup-events.json', 'cloudtrail-public-keys.json', 'cloudtrail-trails.json', 'kms-keys.json']);
  });
});

describe('src/providers/aws/export.sh usage errors', () => {
  it.each([
    [['--regions', 'eu-west-1'], 'export-aws: --out DIR is required'],
    [['--out', '{out}'], 'export-aws: --regions is required, e.g. --regions eu-west-1,us-east-1'],
    [['--out', '{out}', '--regions', 'eu-west-1,Ireland'], 'export-aws: "Ireland" is not a region name like eu-west-1'],
    [['--out', '{out}', '--regions', 'eu-west-1', '--days', '120'], 'export-aws: --days must be between 1 and 90 (CloudTrail event history keeps 90 days), found 120'],
    [['--out', '{out}', '--regions', 'eu-west-1', '--days', 'week'], 'export-aws: --days must be a whole number of days, found "week"'],
    [['--out', '{out}', '--region', 'eu-west-1'], 'export-aws: unknown argument "--region"'],
  ])('%j exits 2 before calling AWS', (args, message) => {
    const run = runExport(`usage-${args.join('_').replace(/[^a-z0-9_-]/gi, '')}`, args, []);
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(message);
    expect(run.calls).toEqual([]);
  });

  it('prints its usage with --help', () => {
    const result = spawnSync('bash', [SCRIPT, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n').slice(0, 3)).toEqual([
      "Exports what controlproof's AWS sources read, for one account and a list of regions.",
      '',
      '  src/providers/aws/export.sh --out DIR --regions eu-west-1,us-east-1 [--profile NAME] [--days N]',
    ]);
  });
});
