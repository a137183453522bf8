// The synthetic CloudTrail set: a day of management events for three accounts in three regions, with rare events
// (root use, console logins without MFA, logging tampering, admin grants, KMS deletions) and two delivery gaps seeded
// at known places, so the audit's findings can be checked exactly.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip, gzipSync } from 'node:zlib';
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
} from '../cloudtrail-events.js';
import { ACCOUNTS, DAY_START, MB, REGIONS, SEEDED_GAPS, WINDOW_MS, WINDOWS, type CheckKey, type Expected, type Manifest } from './set.js';

const gzipAsync = promisify(gzip);

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
    ...times(1, api('UpdateTrail', 'cloudtrail.amazonaws.com', admin, { name: trail, isMultiRegionTrail: false }), 'tampering'),
    ...times(1, api('UpdateTrail', 'cloudtrail.amazonaws.com', admin, { name: trail, enableLogFileValidation: false }), 'tampering'),
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
export function picker(random: () => number): <T>(items: readonly T[]) => T {
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

/** Every account, region and quarter hour with deliveries (the seeded gaps have none), in file order. */
export function deliveryWindows(): Omit<PlannedFile, 'rare'>[] {
  return ACCOUNTS.flatMap((account) =>
    REGIONS.flatMap((region) => Array.from({ length: WINDOWS }, (_, window) => ({ account, region, window })).filter(({ window }) => !inGap(account, region, DAY_START + window * WINDOW_MS))),
  );
}

/** Writes `sizeMb` of log files into `dir`, `filesPerWindow` deliveries per account, region and quarter hour. */
export async function generateCloudTrail(dir: string, sizeMb: number, seed: number, filesPerWindow = 1): Promise<Manifest['cloudtrail']> {
  const random = seededRandom(seed);
  const actors = new Map(ACCOUNTS.map((account) => [account, actorsOf(account, random)]));
  const planned: PlannedFile[] = deliveryWindows().flatMap((window) => Array.from({ length: filesPerWindow }, () => ({ ...window, rare: [] })));
  const expected: Expected = { findings: { console: 0, root: 0, tampering: 0, admin: 0, kms: 0 }, consoleLogins: 0, coverageGaps: SEEDED_GAPS.length, records: 0, duplicates: 0 };
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
    if (!later) continue;
    later.rare.push(record);
    expected.duplicates += 1;
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
  expected.records = records - expected.duplicates;
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