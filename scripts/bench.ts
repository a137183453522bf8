// `npm run bench`: generates (once, into bench-data/) a deterministic synthetic CloudTrail set and IAM set, then
// measures from one run: the full log audit (every stream check, one pass, worker threads) against a one-thread
// gunzip + JSON.parse baseline of the same files, peak RSS, exact finding counts against what the generator
// seeded, and the IAM audit against the time to parse it. Each measurement runs in its own child process, so
// peak RSS and timings do not mix; baseline and audit alternate --runs times (default 3) and the medians are
// compared, so a noisy neighbour on a shared machine moves both. The same baseline work split over the audit's
// threads shows what the cores can give at all (the audit's ratio is bounded by it). Options: --size-mb N (default 1024),
// --iam-users N (default 50000; roles, policies and report rows scale with it), --seed N (default 1), --workers N,
// --runs N, --data-dir DIR (default bench-data/), --generate-only (write the data and stop).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { gunzipSync, gzip, gzipSync } from 'node:zlib';
import {
  assumedRole,
  awsService,
  cloudTrailEvent,
  consoleLogin,
  iamId,
  iamUser,
  logFileKey,
  rootUser,
  seededRandom,
  uniqueString,
  uuid,
  type EventFields,
  type Identity,
} from './cloudtrail-events.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GENERATOR_VERSION = 4;
const MB = 1024 * 1024;
const gzipAsync = promisify(gzip);

// --- options ---------------------------------------------------------------------------------------------

interface Options {
  sizeMb: number;
  iamUsers: number;
  seed: number;
  workers: number | undefined;
  phase: string | undefined;
  generateOnly: boolean;
  runs: number;
  dataDir: string;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const index = argv.indexOf(name);
    return index === -1 ? undefined : argv[index + 1];
  };
  const number = (name: string, fallback: number | undefined): number | undefined => {
    const text = value(name);
    if (text === undefined) return fallback;
    const parsed = Number(text);
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} expects a non-negative number, found "${text}"`);
    return parsed;
  };
  return {
    sizeMb: number('--size-mb', 1024) ?? 1024,
    iamUsers: Math.max(1, Math.round(number('--iam-users', 50_000) ?? 50_000)),
    seed: number('--seed', 1) ?? 1,
    workers: number('--workers', undefined),
    phase: value('--phase'),
    generateOnly: argv.includes('--generate-only'),
    runs: Math.max(1, Math.round(number('--runs', 3) ?? 3)),
    dataDir: path.resolve(value('--data-dir') ?? path.join(root, 'bench-data')),
  };
}

const options = parseOptions(process.argv.slice(2));
const dataDir = options.dataDir;

// --- the synthetic CloudTrail set ------------------------------------------------------------------------

const ACCOUNTS = ['111122223333', '444455556666', '777788889999'];
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const DAY_START = Date.parse('2026-10-31T00:00:00Z');
const AS_OF = '2026-11-01T00:00:00Z';
const WINDOW_MS = 15 * 60_000;
const WINDOWS = 96;
/** Stretches with no delivery at all: the coverage gaps the audit must find (both longer than 6h). */
const SEEDED_GAPS = [
  { account: '111122223333', region: 'ap-southeast-2', from: Date.parse('2026-10-31T02:00:00Z'), to: Date.parse('2026-10-31T10:30:00Z') },
  { account: '777788889999', region: 'eu-west-1', from: Date.parse('2026-10-31T13:00:00Z'), to: Date.parse('2026-10-31T20:00:00Z') },
];

const CHECK_KEYS = ['console', 'root', 'tampering', 'admin', 'kms'] as const;
type CheckKey = (typeof CHECK_KEYS)[number];

/** Counts the generator knows, that the audit must reproduce exactly. */
interface Expected {
  findings: Record<CheckKey, number>;
  consoleLogins: number;
  coverageGaps: number;
  records: number;
}

interface Manifest {
  version: number;
  seed: number;
  sizeMb: number;
  cloudtrail: { files: string[]; digestFiles: number; records: number; uncompressedBytes: number; compressedBytes: number; expected: Expected };
  iam: { users: number; roles: number; policies: number; groups: number; reportRows: number; authorizationDetails: string; credentialReport: string; approvedAdmins: string[] };
}

interface Actors {
  users: Identity[];
  roles: { name: string; roleId: string }[];
}

function actorsOf(account: string, random: () => number): Actors {
  const users = Array.from({ length: 25 }, (_, index) => iamUser(account, `user-${String(index).padStart(2, '0')}`, iamId('AIDA', random), iamId('AKIA', random)));
  const roles = Array.from({ length: 20 }, (_, index) => ({ name: `svc-${['orders', 'billing', 'search', 'ingest', 'reports'][index % 5]}-${index}`, roleId: iamId('AROA', random) }));
  return { users, roles };
}

/** Routine traffic: what a busy account's management events look like, weighted by how often each occurs. */
function routineEvent(random: () => number, account: string, region: string, time: number, actors: Actors): { record: Record<string, unknown>; consoleLogin: boolean } {
  const pick = picker(random);
  const eventTime = isoSeconds(time);
  const role = pick(actors.roles);
  const session = `i-0${Math.floor(random() * 0xfffffffff).toString(16).padStart(9, '0')}`;
  const roleIdentity = (): Identity => assumedRole(account, role.name, session, { roleId: role.roleId, accessKeyId: iamId('ASIA', random) }, isoSeconds(time - 1_800_000));
  const ip = `10.${Math.floor(random() * 64)}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`;
  const sdk = 'aws-sdk-java/2.28.16 Linux/6.1.109 OpenJDK_64-Bit_Server_VM/21.0.4+7-LTS Java/21.0.4 vendor/Amazon.com_Inc. md/internal exec-env/AWS_ECS_FARGATE';
  const base = { eventID: uuid(random), requestID: uuid(random), eventTime, awsRegion: region, account };
  const roll = random() * 100;
  const call = (fields: Omit<EventFields, 'eventID' | 'requestID' | 'eventTime' | 'awsRegion' | 'account'>): { record: Record<string, unknown>; consoleLogin: boolean } => ({
    record: cloudTrailEvent({ ...base, ...fields }),
    consoleLogin: false,
  });
  if (roll < 15) {
    const service = pick(['ecs-tasks.amazonaws.com', 'lambda.amazonaws.com', 'ec2.amazonaws.com']);
    return call({
      identity: awsService(service), eventSource: 'sts.amazonaws.com', eventName: 'AssumeRole', sourceIPAddress: service, userAgent: service, readOnly: true,
      requestParameters: { roleArn: `arn:aws:iam::${account}:role/${role.name}`, roleSessionName: session, durationSeconds: 3600 },
      responseElements: {
        credentials: { accessKeyId: iamId('ASIA', random), expiration: new Date(time + 3_600_000).toUTCString().replace('GMT', 'UTC') },
        assumedRoleUser: { assumedRoleId: `${role.roleId}:${session}`, arn: `arn:aws:sts::${account}:assumed-role/${role.name}/${session}` },
      },
      resources: [{ accountId: account, type: 'AWS::IAM::Role', ARN: `arn:aws:iam::${account}:role/${role.name}` }],
      eventType: 'AwsApiCall',
    });
  }
  if (roll < 27) {
    return call({
      identity: roleIdentity(), eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', sourceIPAddress: ip, userAgent: sdk, readOnly: true,
      requestParameters: { instancesSet: {}, filterSet: { items: [{ name: 'tag:service', valueSet: { items: [{ value: role.name }] } }] } },
    });
  }
  if (roll < 42) {
    const key = `${role.roleId.slice(4, 12).toLowerCase()}-0000-4000-8000-${account}`;
    return call({
      identity: { ...roleIdentity(), invokedBy: 'secretsmanager.amazonaws.com' }, eventSource: 'kms.amazonaws.com', eventName: pick(['Decrypt', 'GenerateDataKey']),
      sourceIPAddress: 'secretsmanager.amazonaws.com', userAgent: 'secretsmanager.amazonaws.com', readOnly: true,
      requestParameters: { encryptionContext: { SecretARN: `arn:aws:secretsmanager:${region}:${account}:secret:${role.name}/db-AbCdEf` }, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
      resources: [{ accountId: account, type: 'AWS::KMS::Key', ARN: `arn:aws:kms:${region}:${account}:key/${key}` }],
    });
  }
  if (roll < 52) {
    return call({
      identity: roleIdentity(), eventSource: 'ssm.amazonaws.com', eventName: 'GetParameter', sourceIPAddress: ip, userAgent: sdk, readOnly: true,
      requestParameters: { name: `/${role.name}/config/${pick(['db-url', 'queue-url', 'feature-flags'])}`, withDecryption: true },
    });
  }
  if (roll < 62) {
    return call({
      identity: roleIdentity(), eventSource: 'logs.amazonaws.com', eventName: 'CreateLogStream', sourceIPAddress: ip, userAgent: sdk,
      requestParameters: { logGroupName: `/ecs/${role.name}`, logStreamName: `${role.name}/app/${uuid(random).replace(/-/g, '')}` },
    });
  }
  if (roll < 70) {
    return call({
      identity: roleIdentity(), eventSource: 'dynamodb.amazonaws.com', eventName: 'DescribeTable', sourceIPAddress: ip, userAgent: sdk, readOnly: true,
      requestParameters: { tableName: `${role.name}-items` },
    });
  }
  if (roll < 78) {
    return call({
      identity: roleIdentity(), eventSource: 's3.amazonaws.com', eventName: 'GetBucketLocation', sourceIPAddress: ip, userAgent: `[${sdk}]`, readOnly: true,
      requestParameters: { bucketName: `${account}-${role.name}-artifacts`, Host: `${account}-${role.name}-artifacts.s3.${region}.amazonaws.com`, location: '' },
      resources: [{ accountId: account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${account}-${role.name}-artifacts` }],
    });
  }
  if (roll < 84) {
    return call({
      identity: roleIdentity(), eventSource: 'ecr.amazonaws.com', eventName: 'GetAuthorizationToken', sourceIPAddress: ip, userAgent: sdk, readOnly: true,
    });
  }
  if (roll < 93) {
    const user = pick(actors.users);
    return call({
      identity: user, eventSource: 'iam.amazonaws.com', eventName: pick(['GetRole', 'ListRoles', 'ListAttachedRolePolicies']),
      sourceIPAddress: `203.0.113.${Math.floor(random() * 256)}`, userAgent: 'aws-cli/2.17.50 md/awscrt#0.21.2 ua/2.0 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.6', readOnly: true,
      requestParameters: { roleName: role.name },
    });
  }
  if (roll < 99) {
    return call({
      identity: roleIdentity(), eventSource: 'ec2.amazonaws.com', eventName: 'CreateTags', sourceIPAddress: ip, userAgent: sdk,
      requestParameters: { resourcesSet: { items: [{ resourceId: session }] }, tagSet: { items: [{ key: 'owner', value: role.name }] } },
      responseElements: { requestId: uuid(random), _return: true },
    });
  }
  const user = pick(actors.users);
  const login = consoleLogin({
    eventID: base.eventID, eventTime, identity: iamUser(account, String(user.userName), String(user.principalId)), awsRegion: region,
    sourceIPAddress: `198.51.100.${Math.floor(random() * 256)}`, account, mfaUsed: 'Yes', success: true,
  });
  return { record: login, consoleLogin: true };
}

/** One rare event: a finding of each check in `counts`; with `counts` empty, a decoy no check may report. */
interface Rare {
  counts: readonly CheckKey[];
  make: (random: () => number, account: string, region: string, time: number, actors: Actors) => Record<string, unknown>;
}

function rareEvents(): Rare[] {
  const api = (name: string, source: string, identity: (a: Actors, account: string) => Identity, parameters: Record<string, unknown> | null, extra: Partial<EventFields> = {}): Rare['make'] =>
    (random, account, region, time, actors) =>
      cloudTrailEvent({
        eventID: uuid(random), requestID: uuid(random), eventTime: isoSeconds(time), identity: identity(actors, account), eventSource: source, eventName: name,
        awsRegion: region, sourceIPAddress: `192.0.2.${Math.floor(random() * 256)}`, userAgent: 'AWS Internal', account, requestParameters: parameters, ...extra,
      });
  const admin = (actors: Actors): Identity => actors.users[0] ?? {};
  const root = (_: Actors, account: string): Identity => rootUser(account);
  const denied = { errorCode: 'AccessDenied', errorMessage: 'User is not authorized to perform this operation' };
  const trail = 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail';
  const times = (count: number, make: Rare['make'], ...counts: CheckKey[]): Rare[] => Array.from({ length: count }, () => ({ make, counts }));
  const login = (identity: (a: Actors, account: string) => Identity, mfaUsed: 'Yes' | 'No', success: boolean): Rare['make'] =>
    (random, account, region, time, actors) =>
      consoleLogin({ eventID: uuid(random), eventTime: isoSeconds(time), identity: identity(actors, account), awsRegion: region, sourceIPAddress: `198.51.100.${Math.floor(random() * 256)}`, account, mfaUsed, success });
  const userNoKey = (index: number) => (actors: Actors, account: string): Identity => {
    const user = actors.users[index] ?? {};
    return iamUser(account, String(user.userName), String(user.principalId));
  };
  const federated = (_: Actors, account: string): Identity => assumedRole(account, 'AWSReservedSSO_Admin_0123456789abcdef', 'jane@example.com', { roleId: 'AROAEXAMPLESSOROLE01', accessKeyId: 'ASIAEXAMPLESSOKEY001' }, '2026-10-31T00:00:00Z');
  const adminPolicy = (statement: unknown): string => JSON.stringify({ Version: '2012-10-17', Statement: statement });
  return [
    ...times(37, login(userNoKey(3), 'No', true), 'console'),
    ...times(11, login(userNoKey(4), 'No', false)),
    ...times(9, login(federated, 'No', true)),
    ...times(3, login(root, 'Yes', true), 'root'),
    ...times(2, login(root, 'No', false), 'root'),
    ...times(4, api('GetAccountSummary', 'iam.amazonaws.com', root, null, { readOnly: true }), 'root'),
    ...times(5, api('DescribeOrganization', 'organizations.amazonaws.com', (_, account) => ({ ...rootUser(account), invokedBy: 'support.amazonaws.com' }), null, { readOnly: true })),
    ...times(2, api('StopLogging', 'cloudtrail.amazonaws.com', admin, { name: trail }), 'tampering'),
    ...times(1, api('DeleteTrail', 'cloudtrail.amazonaws.com', admin, { name: 'legacy-trail' }), 'tampering'),
    ...times(2, api('UpdateTrail', 'cloudtrail.amazonaws.com', admin, { name: trail, isMultiRegionTrail: false }), 'tampering'),
    ...times(1, api('PutEventSelectors', 'cloudtrail.amazonaws.com', admin, { trailName: trail, eventSelectors: [{ readWriteType: 'WriteOnly', includeManagementEvents: true, dataResources: [] }] }), 'tampering'),
    ...times(2, api('DeleteFlowLogs', 'ec2.amazonaws.com', admin, { DeleteFlowLogsRequest: { FlowLogId: { content: 'fl-0123456789abcdef0', tag: 1 } } }), 'tampering'),
    ...times(3, api('StopLogging', 'cloudtrail.amazonaws.com', admin, { name: trail }, denied)),
    ...times(2, api('StartLogging', 'cloudtrail.amazonaws.com', admin, { name: trail })),
    ...times(2, api('AttachUserPolicy', 'iam.amazonaws.com', admin, { userName: 'user-07', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }), 'admin'),
    ...times(2, api('AttachRolePolicy', 'iam.amazonaws.com', admin, { roleName: 'svc-orders-0', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }), 'admin'),
    ...times(1, api('AttachGroupPolicy', 'iam.amazonaws.com', admin, { groupName: 'developers', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }), 'admin'),
    ...times(1, api('PutUserPolicy', 'iam.amazonaws.com', admin, { userName: 'user-08', policyName: 'break-glass', policyDocument: adminPolicy({ Effect: 'Allow', Action: '*', Resource: '*' }) }), 'admin'),
    ...times(1, api('PutRolePolicy', 'iam.amazonaws.com', admin, { roleName: 'svc-billing-1', policyName: 'ops', policyDocument: adminPolicy([{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }, { Effect: 'Allow', Action: ['*'], Resource: ['*'] }]) }), 'admin'),
    ...times(1, api('CreateAccessKey', 'iam.amazonaws.com', root, null), 'admin', 'root'),
    ...times(4, api('AttachUserPolicy', 'iam.amazonaws.com', admin, { userName: 'user-09', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })),
    ...times(3, api('PutRolePolicy', 'iam.amazonaws.com', admin, { roleName: 'svc-search-2', policyName: 'read', policyDocument: adminPolicy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) })),
    ...times(1, api('PutRolePolicy', 'iam.amazonaws.com', admin, { roleName: 'svc-search-2', policyName: 'not-iam', policyDocument: adminPolicy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) })),
    ...times(1, api('CreateAccessKey', 'iam.amazonaws.com', root, { userName: 'user-10' }), 'root'),
    ...times(2, api('AttachUserPolicy', 'iam.amazonaws.com', userNoKey(5), { userName: 'user-05', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }, denied)),
    ...times(3, api('ScheduleKeyDeletion', 'kms.amazonaws.com', admin, { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', pendingWindowInDays: 30 }), 'kms'),
    ...times(2, api('DisableKey', 'kms.amazonaws.com', admin, { keyId: '0987dcba-09fe-87dc-65ba-ab0987654321' }), 'kms'),
    ...times(2, api('CancelKeyDeletion', 'kms.amazonaws.com', admin, { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab' })),
    ...times(1, api('EnableKey', 'kms.amazonaws.com', admin, { keyId: '0987dcba-09fe-87dc-65ba-ab0987654321' })),
    ...times(1, api('ScheduleKeyDeletion', 'kms.amazonaws.com', userNoKey(5), { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', pendingWindowInDays: 7 }, denied)),
  ];
}

/** Picks one item at random; the lists it is used on are never empty. */
function picker(random: () => number): <T>(items: readonly T[]) => T {
  return (items) => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('cannot pick from an empty list');
    return item;
  };
}

function isoSeconds(time: number): string {
  return `${new Date(time).toISOString().slice(0, 19)}Z`;
}

interface PlannedFile {
  account: string;
  region: string;
  window: number;
  rare: Record<string, unknown>[];
}

function inGap(account: string, region: string, windowStart: number): boolean {
  return SEEDED_GAPS.some((gap) => gap.account === account && gap.region === region && windowStart + WINDOW_MS > gap.from && windowStart < gap.to);
}

async function generateCloudTrail(dir: string, sizeMb: number, seed: number): Promise<Manifest['cloudtrail']> {
  const random = seededRandom(seed);
  const actors = new Map(ACCOUNTS.map((account) => [account, actorsOf(account, random)]));
  const planned: PlannedFile[] = [];
  for (const account of ACCOUNTS) {
    for (const region of REGIONS) {
      for (let window = 0; window < WINDOWS; window++) {
        if (!inGap(account, region, DAY_START + window * WINDOW_MS)) planned.push({ account, region, window, rare: [] });
      }
    }
  }
  const expected: Expected = { findings: { console: 0, root: 0, tampering: 0, admin: 0, kms: 0 }, consoleLogins: 0, coverageGaps: SEEDED_GAPS.length, records: 0 };
  const duplicates: { record: Record<string, unknown>; file: PlannedFile }[] = [];
  for (const rare of rareEvents()) {
    const file = planned[Math.floor(random() * planned.length)];
    if (!file) continue;
    const time = DAY_START + file.window * WINDOW_MS + Math.floor(random() * WINDOW_MS);
    const record = rare.make(random, file.account, file.region, time, actors.get(file.account) ?? { users: [], roles: [] });
    file.rare.push(record);
    for (const check of rare.counts) expected.findings[check] += 1;
    if (rare.counts.includes('console')) expected.consoleLogins += 1;
    // CloudTrail can deliver one event in two files: a few counted events are, and must still count once.
    if (rare.counts.length > 0 && duplicates.length < 4 && random() < 0.2) duplicates.push({ record, file });
  }
  for (const { record, file } of duplicates) {
    const later = planned.find((candidate) => candidate.account === file.account && candidate.region === file.region && candidate.window > file.window);
    later?.rare.push(record);
  }

  const perFile = (sizeMb * MB) / planned.length;
  const files: string[] = [];
  let [records, uncompressedBytes, compressedBytes] = [0, 0, 0];
  const pending = new Set<Promise<void>>();
  for (const file of planned) {
    const windowStart = DAY_START + file.window * WINDOW_MS;
    const parts: string[] = [];
    let bytes = 0;
    const rareAt = new Map(file.rare.map((record) => [Math.floor(random() * 1_000_000), record]));
    while (bytes < perFile) {
      const routine = routineEvent(random, file.account, file.region, windowStart + Math.floor(random() * WINDOW_MS), actors.get(file.account) ?? { users: [], roles: [] });
      if (routine.consoleLogin) expected.consoleLogins += 1;
      const text = JSON.stringify(routine.record);
      parts.push(text);
      bytes += text.length + 1;
    }
    // Rare events go at seeded positions among the routine ones: a log file is in no particular order.
    for (const [position, record] of [...rareAt.entries()].sort(([a], [b]) => a - b)) {
      parts.splice(Math.floor((position / 1_000_000) * (parts.length + 1)), 0, JSON.stringify(record));
    }
    const text = `{"Records":[${parts.join(',')}]}`;
    records += parts.length;
    uncompressedBytes += Buffer.byteLength(text);
    const key = logFileKey(file.account, file.region, new Date(windowStart + WINDOW_MS + 5 * 60_000), uniqueString(random));
    const target = path.join(dir, key);
    files.push(key);
    mkdirSync(path.dirname(target), { recursive: true });
    // gzip runs on libuv's thread pool: a few files compress while the next one is generated.
    const job: Promise<void> = gzipAsync(text).then(async (compressed) => {
      compressedBytes += compressed.length;
      await writeFile(target, compressed);
    });
    pending.add(job);
    void job.finally(() => pending.delete(job));
    if (pending.size >= 4) await Promise.race(pending);
  }
  await Promise.all(pending);
  expected.records = records;
  const digestFiles = writeDigestFiles(dir, random);
  return { files: files.sort(), digestFiles, records, uncompressedBytes, compressedBytes, expected };
}

/** One digest file per account and region (log file validation): the audit must skip them. */
function writeDigestFiles(dir: string, random: () => number): number {
  let count = 0;
  for (const account of ACCOUNTS) {
    for (const region of REGIONS) {
      const key = `AWSLogs/${account}/CloudTrail-Digest/${region}/2026/10/31/${account}_CloudTrail-Digest_${region}_org-trail_us-east-1_20261031T230000Z.json.gz`;
      const digest = {
        awsAccountId: account, digestStartTime: '2026-10-31T22:00:00Z', digestEndTime: '2026-10-31T23:00:00Z', digestS3Bucket: 'bench-org-cloudtrail', digestS3Object: key,
        digestPublicKeyFingerprint: uuid(random).replace(/-/g, ''), digestSignatureAlgorithm: 'SHA256withRSA', newestEventTime: '2026-10-31T22:59:58Z', oldestEventTime: '2026-10-31T22:00:01Z',
        previousDigestS3Bucket: 'bench-org-cloudtrail', previousDigestHashValue: createHash('sha256').update(key).digest('hex'), previousDigestHashAlgorithm: 'SHA-256', logFiles: [],
      };
      const target = path.join(dir, key);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, gzipSync(JSON.stringify(digest)));
      count += 1;
    }
  }
  return count;
}

// --- the synthetic IAM set -------------------------------------------------------------------------------

const IAM_ACCOUNT = '210987654321';

function generateIam(dir: string, seed: number, userCount: number): Manifest['iam'] {
  const random = seededRandom(seed + 1000);
  const pick = picker(random);
  const date = (daysAgo: number): string => `${new Date(Date.parse(AS_OF) - daysAgo * 86_400_000).toISOString().slice(0, 19)}+00:00`;
  const arn = (kind: string, name: string): string => `arn:aws:iam::${IAM_ACCOUNT}:${kind}/${name}`;
  const [roleCount, policyCount, groupCount] = [Math.ceil(userCount / 5), Math.ceil(userCount / 10), 200];
  const policies = Array.from({ length: policyCount }, (_, index) => {
    const name = `team-${index % 97}-policy-${index}`;
    const document = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Read', Effect: 'Allow', Action: [`s3:GetObject`, `s3:ListBucket`], Resource: [`arn:aws:s3:::team-${index % 97}-data`, `arn:aws:s3:::team-${index % 97}-data/*`] },
        { Sid: 'Params', Effect: 'Allow', Action: 'ssm:GetParameter*', Resource: `arn:aws:ssm:*:${IAM_ACCOUNT}:parameter/team-${index % 97}/*` },
      ],
    };
    return {
      PolicyName: name, PolicyId: iamId('ANPA', random), Arn: arn('policy', name), Path: '/', DefaultVersionId: 'v2', AttachmentCount: 1 + Math.floor(random() * 20),
      PermissionsBoundaryUsageCount: 0, IsAttachable: true, CreateDate: date(400 + Math.floor(random() * 800)), UpdateDate: date(Math.floor(random() * 400)),
      PolicyVersionList: [
        { Document: document, VersionId: 'v2', IsDefaultVersion: true, CreateDate: date(Math.floor(random() * 400)) },
        { Document: { ...document, Statement: [document.Statement[0]] }, VersionId: 'v1', IsDefaultVersion: false, CreateDate: date(500) },
      ],
    };
  });
  const groups = Array.from({ length: groupCount }, (_, index) => ({
    GroupName: `group-${index}`, GroupId: iamId('AGPA', random), Arn: arn('group', `group-${index}`), Path: '/', CreateDate: date(1000),
    GroupPolicyList: [], AttachedManagedPolicies: index === 0 ? [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] : [{ PolicyName: pick(policies).PolicyName, PolicyArn: pick(policies).Arn }],
  }));
  const approvedAdmins: string[] = [];
  const users = Array.from({ length: userCount }, (_, index) => {
    const name = `user${String(index).padStart(5, '0')}@example.com`;
    const inAdmins = index % 2500 === 0;
    if (inAdmins) approvedAdmins.push(arn('user', name));
    return {
      Path: '/', UserName: name, UserId: iamId('AIDA', random), Arn: arn('user', name), CreateDate: date(30 + Math.floor(random() * 1500)),
      GroupList: inAdmins ? ['group-0'] : [`group-${1 + Math.floor(random() * (groupCount - 1))}`],
      UserPolicyList: index % 50 === 0 ? [{ PolicyName: 'scratch', PolicyDocument: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' } })) }] : [],
      AttachedManagedPolicies: index % 10 === 0 ? [{ PolicyName: pick(policies).PolicyName, PolicyArn: pick(policies).Arn }] : [],
      Tags: [{ Key: 'team', Value: `team-${index % 97}` }],
    };
  });
  const roles = Array.from({ length: roleCount }, (_, index) => {
    const name = `role-${index}`;
    const used = random() < 0.8;
    return {
      Path: index % 20 === 0 ? '/aws-service-role/ecs.amazonaws.com/' : '/', RoleName: name, RoleId: iamId('AROA', random), Arn: arn('role', name), CreateDate: date(100 + Math.floor(random() * 1000)),
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: pick(['ecs-tasks.amazonaws.com', 'lambda.amazonaws.com', 'ec2.amazonaws.com']) }, Action: 'sts:AssumeRole' }] },
      InstanceProfileList: [], RolePolicyList: [], AttachedManagedPolicies: [{ PolicyName: pick(policies).PolicyName, PolicyArn: pick(policies).Arn }],
      Tags: [], RoleLastUsed: used ? { LastUsedDate: date(Math.floor(random() * 200)), Region: pick(REGIONS) } : {},
    };
  });
  const details = { UserDetailList: users, GroupDetailList: groups, RoleDetailList: roles, Policies: policies, IsTruncated: false };
  const authorizationDetails = path.join(dir, 'authorization-details.json');
  writeFileSync(authorizationDetails, JSON.stringify(details, null, 4));

  const header = 'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
  const rows = [header, `<root_account>,arn:aws:iam::${IAM_ACCOUNT}:root,2019-02-11T08:00:00+00:00,not_supported,${date(40)},not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`];
  const reportRows = 2 * userCount;
  for (let index = 0; index < reportRows; index++) {
    const name = `report-user${String(index).padStart(6, '0')}`;
    const console = random() < 0.7;
    const key = random() < 0.5;
    const keyCols = key ? `true,${date(Math.floor(random() * 400))},${date(Math.floor(random() * 30))},${pick(REGIONS)},${pick(['s3', 'ec2', 'sts'])}` : 'false,N/A,N/A,N/A,N/A';
    rows.push(
      [name, `arn:aws:iam::${IAM_ACCOUNT}:user/${name}`, date(100 + Math.floor(random() * 1500)), String(console), console ? (random() < 0.9 ? date(Math.floor(random() * 120)) : 'no_information') : 'N/A',
        console ? date(200) : 'N/A', 'N/A', String(random() < 0.85), keyCols, 'false,N/A,N/A,N/A,N/A', 'false,N/A,false,N/A'].join(','),
    );
  }
  const credentialReport = path.join(dir, 'credential-report.csv');
  writeFileSync(credentialReport, `${rows.join('\n')}\n`);
  return {
    users: userCount, roles: roleCount, policies: policyCount, groups: groupCount, reportRows,
    authorizationDetails: path.relative(dataDir, authorizationDetails), credentialReport: path.relative(dataDir, credentialReport), approvedAdmins,
  };
}

async function ensureData(): Promise<Manifest> {
  const manifestPath = path.join(dataDir, 'manifest.json');
  const shown = path.relative(process.cwd(), dataDir) || '.';
  if (existsSync(manifestPath)) {
    const existing: Manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (existing.version === GENERATOR_VERSION && existing.seed === options.seed && existing.sizeMb === options.sizeMb && existing.iam.users === options.iamUsers) {
      console.log(`reusing ${shown}/ (seed ${options.seed}, ${options.sizeMb} MB)`);
      return existing;
    }
  } else if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    // The folder is emptied before generating: never one that holds anything but an earlier set.
    throw new Error(`--data-dir ${shown} is not empty and holds no bench manifest: choose a new or empty folder`);
  }
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(path.join(dataDir, 'iam'), { recursive: true });
  const started = performance.now();
  process.stdout.write(`generating ${options.sizeMb} MB of CloudTrail and the IAM set into ${shown}/ (seed ${options.seed}) ... `);
  const cloudtrail = await generateCloudTrail(path.join(dataDir, 'cloudtrail'), options.sizeMb, options.seed);
  const iam = generateIam(path.join(dataDir, 'iam'), options.seed, options.iamUsers);
  console.log(`${seconds(performance.now() - started)} s`);
  const manifest: Manifest = { version: GENERATOR_VERSION, seed: options.seed, sizeMb: options.sizeMb, cloudtrail, iam };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

// --- measurements, each in a child process ---------------------------------------------------------------

interface PhaseResult {
  ms: number;
  maxRssMb: number;
  [key: string]: unknown;
}

function eventFiles(manifest: Manifest): string[] {
  return manifest.cloudtrail.files.map((file) => path.join(dataDir, 'cloudtrail', file));
}

function distModule(relative: string): string {
  return pathToFileURL(path.join(root, 'dist', relative)).href;
}

/** The baseline: what one thread needs just to decompress and parse the same files, with no checks. */
function baselinePhase(manifest: Manifest): PhaseResult {
  const started = performance.now();
  const records = parseFiles(eventFiles(manifest));
  return { ms: performance.now() - started, maxRssMb: maxRssMb(), records };
}

/** Gunzip + `JSON.parse` of each file, nothing else; returns the number of records. */
function parseFiles(files: readonly string[]): number {
  let records = 0;
  for (const file of files) {
    const parsed: unknown = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
    if (parsed !== null && typeof parsed === 'object' && 'Records' in parsed && Array.isArray(parsed.Records)) records += parsed.Records.length;
  }
  return records;
}

/** `parseFiles` in a worker thread: the body of a worker started with `eval`, so it needs no TypeScript loader. */
const PARSE_FILES_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { gunzipSync } = require('node:zlib');
let records = 0;
for (const file of workerData) records += JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')).Records.length;
parentPort.postMessage(records);
`;

/**
 * What the machine's cores can give: the baseline's work (nothing else) split over as many threads as the audit
 * uses, files dealt out in turn. Two cores of a shared VM rarely double one; the audit's ratio is read against this.
 */
async function ceilingPhase(manifest: Manifest, workers: number | undefined): Promise<PhaseResult> {
  const threads = Math.max(1, workers ?? os.availableParallelism());
  const files = eventFiles(manifest);
  const share = (thread: number): string[] => files.filter((_, index) => index % threads === thread);
  const started = performance.now();
  const others = Array.from({ length: threads - 1 }, (_, index) => {
    const worker = new Worker(PARSE_FILES_WORKER, { eval: true, workerData: share(index + 1), execArgv: [] });
    return new Promise<number>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  });
  let records = parseFiles(share(0));
  for (const count of await Promise.all(others)) records += count;
  return { ms: performance.now() - started, maxRssMb: maxRssMb(), records, threads };
}

/** The full log audit from dist: one stream pass, every built-in stream check, as the engine runs it. */
async function auditPhase(manifest: Manifest, workers: number | undefined): Promise<PhaseResult> {
  const { runStreamPass }: typeof import('../src/engine/stream-pass.js') = await import(distModule('engine/stream-pass.js'));
  const { builtinChecks }: typeof import('../src/checks/index.js') = await import(distModule('checks/index.js'));
  const { streamAdapters }: typeof import('../src/sources/index.js') = await import(distModule('sources/index.js'));
  const { isStreamCheck }: typeof import('../src/checks/define-stream-check.js') = await import(distModule('checks/define-stream-check.js'));
  const adapter = streamAdapters.find((candidate) => candidate.type === 'aws/cloudtrail-logs');
  if (!adapter) throw new Error('dist has no aws/cloudtrail-logs stream adapter: run npm run build');
  const params: Record<string, unknown> = { 'aws/ct-coverage': { window: '1d', max_gap: '6h' } };
  const tests = builtinChecks
    .filter(isStreamCheck)
    .filter((check) => check.sources.includes('aws/cloudtrail-logs'))
    .map((check) => ({ key: check.id, check, params: check.params.parse(params[check.id] ?? {}) }));
  // Matched as a source glob would be: digest files included, for the adapter to skip.
  const digests = ACCOUNTS.flatMap((account) =>
    REGIONS.map((region) => path.join(dataDir, 'cloudtrail', `AWSLogs/${account}/CloudTrail-Digest/${region}/2026/10/31/${account}_CloudTrail-Digest_${region}_org-trail_us-east-1_20261031T230000Z.json.gz`)),
  );
  const files = [...eventFiles(manifest), ...digests].sort();
  const started = performance.now();
  const result = await runStreamPass({ adapter, files, tests, asOf: new Date(AS_OF), ...(workers === undefined ? {} : { workers }) });
  const ms = performance.now() - started;
  const findings = Object.fromEntries(
    [...result.results].map(([key, value]) => [key, value instanceof Error ? `error: ${value.message}` : value.findings.length]),
  );
  const metrics = Object.fromEntries([...result.results].map(([key, value]) => [key, value instanceof Error ? {} : (value.metrics ?? {})]));
  const passGaps = result.coverage.reduce((sum, stream) => sum + stream.gaps.length, 0);
  const digest = createHash('sha256').update(JSON.stringify([...result.results].map(([key, value]) => [key, value instanceof Error ? value.message : value]))).digest('hex');
  return {
    ms,
    maxRssMb: maxRssMb(),
    records: result.records,
    filesRead: result.files.length,
    checks: tests.length,
    findings,
    metrics,
    passGaps,
    digest,
    threads: workers ?? os.availableParallelism(),
  };
}

/** The IAM set: time to parse it with the adapters, against parsing plus every built-in check that reads it. */
async function iamPhase(manifest: Manifest): Promise<PhaseResult> {
  const { adapters }: typeof import('../src/sources/index.js') = await import(distModule('sources/index.js'));
  const { builtinChecks }: typeof import('../src/checks/index.js') = await import(distModule('checks/index.js'));
  const { readExportFile }: typeof import('../src/kit/files/read-file.js') = await import(distModule('kit/files/read-file.js'));
  const known: Record<string, Record<string, unknown>> = { 'aws/iam-privilege-drift': { baseline: manifest.iam.approvedAdmins } };
  const sources = [
    ['aws/iam-credential-report', manifest.iam.credentialReport],
    ['aws/iam-authorization-details', manifest.iam.authorizationDetails],
  ] as const;
  const asOf = new Date(AS_OF);
  let parseMs = 0;
  let auditMs = 0;
  const ran: string[] = [];
  const skipped: string[] = [];
  for (const [type, file] of sources) {
    const adapter = adapters.find((candidate) => candidate.type === type);
    if (!adapter) {
      skipped.push(`${type} (no adapter)`);
      continue;
    }
    const started = performance.now();
    const { text } = await readExportFile(path.join(dataDir, file));
    const records = adapter.read([text]);
    const parsed = performance.now();
    parseMs += parsed - started;
    for (const check of builtinChecks) {
      if ('kind' in check || !check.sources.includes(type)) continue;
      const params = check.params.safeParse(known[check.id] ?? {});
      if (!params.success) {
        skipped.push(`${check.id} (needs params)`);
        continue;
      }
      check.run({ records, params: params.data, asOf });
      ran.push(check.id);
    }
    auditMs += performance.now() - started;
  }
  return { ms: auditMs, parseMs, maxRssMb: maxRssMb(), ran, skipped };
}

function maxRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function runChild(phase: string): PhaseResult {
  const args = [...process.execArgv, fileURLToPath(import.meta.url), '--phase', phase, '--data-dir', dataDir];
  if (options.workers !== undefined) args.push('--workers', String(options.workers));
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * MB, stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.status !== 0) throw new Error(`bench phase ${phase} failed (exit ${child.status})`);
  const last = child.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last);
}

async function runPhase(): Promise<void> {
  const manifest: Manifest = JSON.parse(readFileSync(path.join(dataDir, 'manifest.json'), 'utf8'));
  const phases: Record<string, () => PhaseResult | Promise<PhaseResult>> = {
    baseline: () => baselinePhase(manifest),
    ceiling: () => ceilingPhase(manifest, options.workers),
    audit: () => auditPhase(manifest, options.workers),
    iam: () => iamPhase(manifest),
  };
  const phase = options.phase === undefined ? undefined : phases[options.phase];
  if (!phase) throw new Error(`Unknown --phase "${options.phase}": expected ${Object.keys(phases).join(', ')}`);
  const result = await phase();
  console.log(JSON.stringify(result));
}

// --- the report ------------------------------------------------------------------------------------------

/** The run with the median time (the lower middle one for an even count). */
function median(runs: readonly PhaseResult[]): PhaseResult {
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!middle) throw new Error('no run to take the median of');
  return middle;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

function verdict(ok: boolean): string {
  return ok ? 'ok' : 'MISSED';
}

const CHECK_IDS: Record<CheckKey, string> = {
  console: 'aws/ct-console-login-without-mfa',
  root: 'aws/ct-root-activity',
  tampering: 'aws/ct-logging-tampering',
  admin: 'aws/ct-admin-grants',
  kms: 'aws/ct-kms-key-deletion',
};

async function main(): Promise<void> {
  if (options.phase) return runPhase();
  if (!existsSync(path.join(root, 'dist', 'engine', 'stream-worker.js'))) throw new Error('dist/ is not built: run `npm run bench` (it builds first)');
  const manifest = await ensureData();
  if (options.generateOnly) return;
  const ct = manifest.cloudtrail;
  const mb = ct.uncompressedBytes / MB;
  console.log(
    `CloudTrail set: ${mb.toFixed(0)} MB uncompressed (${(ct.compressedBytes / MB).toFixed(0)} MB gzip), ${ct.files.length} log files + ${ct.digestFiles} digest files, ${ct.records} records; ${os.availableParallelism()} cores, Node ${process.version}`,
  );
  const baselines: PhaseResult[] = [];
  const audits: PhaseResult[] = [];
  const ceilings: PhaseResult[] = [];
  for (let run = 0; run < options.runs; run++) {
    baselines.push(runChild('baseline'));
    audits.push(runChild('audit'));
    ceilings.push(runChild('ceiling'));
  }
  const iam = runChild('iam');
  const baseline = median(baselines);
  const audit = median(audits);
  const ceiling = median(ceilings);
  const peakRss = Math.max(...audits.map((run) => run.maxRssMb));
  const runsText = (runs: readonly PhaseResult[]): string => (runs.length > 1 ? ` (median of ${runs.length} runs: ${runs.map((run) => seconds(run.ms)).join(', ')} s)` : '');

  const auditRate = mb / (audit.ms / 1000);
  const baselineRate = mb / (baseline.ms / 1000);
  const ratio = auditRate / baselineRate;
  console.log(`log audit   : ${audit.checks} stream checks, one pass, ${audit.threads} threads: ${seconds(audit.ms)} s, ${auditRate.toFixed(1)} MB/s${runsText(audits)}`);
  console.log(`baseline    : gunzip + JSON.parse, one thread, no checks: ${seconds(baseline.ms)} s, ${baselineRate.toFixed(1)} MB/s${runsText(baselines)}`);
  console.log(`ratio       : ${ratio.toFixed(2)}x the baseline (target >= 1.6x) ${verdict(ratio >= 1.6)}`);
  const ceilingRatio = baseline.ms / ceiling.ms;
  console.log(
    `ceiling     : the baseline's work alone on ${String(ceiling.threads)} threads: ${seconds(ceiling.ms)} s, ${ceilingRatio.toFixed(2)}x the baseline${runsText(ceilings)}; the audit runs at ${((100 * ratio) / ceilingRatio).toFixed(0)}% of that`,
  );
  console.log(`peak RSS    : ${peakRss} MB during the log audit (target < 600 MB) ${verdict(peakRss < 600)}`);

  const findings = isRecord(audit.findings) ? audit.findings : {};
  const metrics = isRecord(audit.metrics) ? audit.metrics : {};
  const consoleMetrics = metrics[CHECK_IDS.console];
  const coverageMetrics = metrics['aws/ct-coverage'];
  const comparisons: [string, unknown, number][] = [
    ...CHECK_KEYS.map((key): [string, unknown, number] => [CHECK_IDS[key].replace('aws/ct-', ''), findings[CHECK_IDS[key]], ct.expected.findings[key]]),
    ['console logins examined', isRecord(consoleMetrics) ? consoleMetrics.console_logins : undefined, ct.expected.consoleLogins],
    ['coverage gaps (check)', isRecord(coverageMetrics) ? coverageMetrics.coverage_gaps : undefined, ct.expected.coverageGaps],
    ['coverage gaps (pass)', audit.passGaps, ct.expected.coverageGaps],
    ['records', audit.records, ct.expected.records],
    ['files read', audit.filesRead, ct.files.length],
  ];
  // Every run must find the same, in the same order, not only the median one.
  const sameEveryRun = audits.every((run) => run.digest === audit.digest);
  comparisons.push(['identical findings in every run', sameEveryRun ? 1 : 0, 1]);
  const correct = comparisons.every(([, found, want]) => found === want);
  console.log(`correctness : ${correct ? 'ok, every count exact' : 'MISMATCH'}: ${comparisons.map(([name, found, want]) => `${name} ${String(found)}/${want}`).join(', ')}`);

  const iamRatio = iam.ms / Number(iam.parseMs);
  const ran = Array.isArray(iam.ran) ? iam.ran.length : 0;
  console.log(
    `IAM set     : ${manifest.iam.users} users, ${manifest.iam.roles} roles, ${manifest.iam.policies} policies, ${manifest.iam.reportRows + 1}-row credential report: parse ${seconds(Number(iam.parseMs))} s, full audit ${seconds(iam.ms)} s (${ran} checks), ${iamRatio.toFixed(2)}x (target < 2x) ${verdict(iamRatio < 2)}`,
  );
  if (Array.isArray(iam.skipped) && iam.skipped.length > 0) console.log(`              not run: ${iam.skipped.join(', ')}`);
  if (!correct) process.exitCode = 1;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

await main();
