// Writes the CloudTrail fixtures (fixtures/aws/cloudtrail/**, fixtures/aws/lookup-events*.json and the
// malformed ones under fixtures/aws/bad/) deterministically: run `npx tsx scripts/make-cloudtrail-fixtures.ts`
// after changing the story below, and commit the result.
//
// The story, 2026-10-02 to 2026-10-31 in account 210987654321: alice (admin, signs in with MFA) attaches
// AdministratorAccess to bob on 10-10, the privilege drift; bob signs in without MFA twice and stops the trail
// on 10-26 (alice restarts it); carol signs in without MFA once; the root user signs in on 10-18.
// Decoys that no check may report: dana's failed sign-in without MFA, ReadOnlyAccess attached to dana, and
// dana's StopLogging attempt that was denied. On 10-20 bob opens SSH to the world and alice revokes it: a failed change.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import {
  assumedRole,
  cloudTrailEvent,
  consoleLogin,
  iamId,
  iamUser,
  logFileKey,
  lookupEvent,
  rootUser,
  seededRandom,
  uniqueString,
  uuid,
  type Identity,
} from './cloudtrail-events.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ACCOUNT = '210987654321';
const random = seededRandom(20261101);
const CLI_AGENT = 'aws-cli/2.17.50 md/awscrt#0.21.2 ua/2.0 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24 md/prompt#off md/command#';
const CONSOLE_AGENT = 'AWS Internal';

const users = {
  alice: iamUser(ACCOUNT, 'alice', 'AIDATCKAN7EXAMPLEALI'),
  bob: iamUser(ACCOUNT, 'bob', 'AIDATCKAN7EXAMPLEBOB'),
  carol: iamUser(ACCOUNT, 'carol', 'AIDATCKAN7EXAMPLECAR'),
  dana: iamUser(ACCOUNT, 'dana', 'AIDATCKAN7EXAMPLEDAN'),
};
/** The same user calling APIs from a console session: a temporary `ASIA` key appears. */
const consoleSession = (user: Identity): Identity => iamUser(ACCOUNT, String(user.userName), String(user.principalId), iamId('ASIA', random));

interface Planned {
  record: Record<string, unknown>;
}

function at(day: number, time: string): string {
  return `2026-10-${String(day).padStart(2, '0')}T${time}Z`;
}

function deployRole(day: number, time: string): Identity {
  return assumedRole(ACCOUNT, 'deploy', 'gha-run-4411', { roleId: 'AROATCKAN7EXAMPLEDEP', accessKeyId: iamId('ASIA', random) }, at(day, time));
}

function appRole(day: number, time: string): Identity {
  return assumedRole(ACCOUNT, 'orders-api', 'i-0a1b2c3d4e5f60718', { roleId: 'AROATCKAN7EXAMPLEAPP', accessKeyId: iamId('ASIA', random) }, at(day, time));
}

/** Routine regional activity: CI describing instances, the app reading a parameter and decrypting with KMS. */
function routineEuWest1(day: number, hour: string): Planned[] {
  return [
    cloudTrailEvent({
      eventID: uuid(random), requestID: uuid(random), eventTime: at(day, `${hour}:02:11`), identity: deployRole(day, `${hour}:01:58`),
      eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', awsRegion: 'eu-west-1', sourceIPAddress: '192.0.2.40',
      userAgent: `${CLI_AGENT}ec2.describe-instances`, account: ACCOUNT, readOnly: true,
      requestParameters: { instancesSet: {}, filterSet: {} },
    }),
    cloudTrailEvent({
      eventID: uuid(random), requestID: uuid(random), eventTime: at(day, `${hour}:03:40`), identity: appRole(day, `${hour}:00:00`),
      eventSource: 'ssm.amazonaws.com', eventName: 'GetParameter', awsRegion: 'eu-west-1', sourceIPAddress: '10.20.1.17',
      userAgent: 'aws-sdk-java/2.28.16 Linux/6.1.109 OpenJDK_64-Bit_Server_VM/21.0.4+7-LTS Java/21.0.4 vendor/Amazon.com_Inc. md/internal exec-env/AWS_ECS_FARGATE',
      account: ACCOUNT, readOnly: true, requestParameters: { name: '/orders/db-url', withDecryption: true },
    }),
    cloudTrailEvent({
      eventID: uuid(random), requestID: uuid(random), eventTime: at(day, `${hour}:03:41`), identity: { ...appRole(day, `${hour}:00:00`), invokedBy: 'ssm.amazonaws.com' },
      eventSource: 'kms.amazonaws.com', eventName: 'Decrypt', awsRegion: 'eu-west-1', sourceIPAddress: 'ssm.amazonaws.com', userAgent: 'ssm.amazonaws.com',
      account: ACCOUNT, readOnly: true,
      requestParameters: { encryptionContext: { PARAMETER_ARN: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/orders/db-url` }, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
      resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/5c1e7a38-8d0e-4b8c-9a51-2f3d4e5f6a7b` }],
    }),
  ].map((record) => ({ record }));
}

/** Routine global activity in us-east-1: alice signs in with MFA and lists users. */
function routineUsEast1(day: number, hour: string): Planned[] {
  return [
    consoleLogin({ eventID: uuid(random), eventTime: at(day, `${hour}:10:05`), identity: users.alice, awsRegion: 'us-east-1', sourceIPAddress: '203.0.113.10', account: ACCOUNT, mfaUsed: 'Yes', success: true }),
    cloudTrailEvent({
      eventID: uuid(random), requestID: uuid(random), eventTime: at(day, `${hour}:11:32`), identity: consoleSession(users.alice),
      eventSource: 'iam.amazonaws.com', eventName: 'ListUsers', awsRegion: 'us-east-1', sourceIPAddress: '203.0.113.10', userAgent: CONSOLE_AGENT,
      account: ACCOUNT, readOnly: true,
    }),
  ].map((record) => ({ record }));
}

const story: Record<string, Planned[]> = {};
function file(region: string, day: number, deliveredAt: string, events: Planned[]): void {
  const key = logFileKey(ACCOUNT, region, new Date(at(day, deliveredAt)), uniqueString(random));
  story[key] = events;
}

function special(fields: Parameters<typeof cloudTrailEvent>[0]): Planned {
  return { record: cloudTrailEvent(fields) };
}

// eu-west-1, the home region of the trail: every four days, and on the last day.
file('eu-west-1', 2, '06:10', routineEuWest1(2, '06'));
file('eu-west-1', 6, '09:20', [
  ...routineEuWest1(6, '09'),
  { record: consoleLogin({ eventID: uuid(random), eventTime: at(6, '09:14:05'), identity: users.bob, awsRegion: 'eu-west-1', sourceIPAddress: '203.0.113.24', account: ACCOUNT, mfaUsed: 'No', success: true }) },
]);
file('eu-west-1', 10, '11:05', routineEuWest1(10, '11'));
file('eu-west-1', 14, '08:40', [
  ...routineEuWest1(14, '08'),
  special({
    eventID: uuid(random), requestID: uuid(random), eventTime: at(14, '08:31:50'), identity: consoleSession(users.dana),
    eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', awsRegion: 'eu-west-1', sourceIPAddress: '198.51.100.77', userAgent: CONSOLE_AGENT,
    account: ACCOUNT, errorCode: 'AccessDenied',
    errorMessage: `User: arn:aws:iam::${ACCOUNT}:user/dana is not authorized to perform: cloudtrail:StopLogging on resource: arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/management-events because no identity-based policy allows the cloudtrail:StopLogging action`,
    requestParameters: { name: `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/management-events` },
  }),
]);
file('eu-west-1', 18, '13:15', routineEuWest1(18, '13'));
file('eu-west-1', 22, '10:25', routineEuWest1(22, '10'));
file('eu-west-1', 26, '21:50', [
  ...routineEuWest1(26, '21'),
  special({
    eventID: uuid(random), requestID: uuid(random), eventTime: at(26, '21:47:03'), identity: consoleSession(users.bob),
    eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', awsRegion: 'eu-west-1', sourceIPAddress: '203.0.113.24', userAgent: CONSOLE_AGENT,
    account: ACCOUNT, requestParameters: { name: `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/management-events` },
  }),
]);
file('eu-west-1', 27, '07:35', [
  special({
    eventID: uuid(random), requestID: uuid(random), eventTime: at(27, '07:32:44'), identity: consoleSession(users.alice),
    eventSource: 'cloudtrail.amazonaws.com', eventName: 'StartLogging', awsRegion: 'eu-west-1', sourceIPAddress: '203.0.113.10', userAgent: CONSOLE_AGENT,
    account: ACCOUNT, requestParameters: { name: `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/management-events` },
  }),
]);
file('eu-west-1', 30, '12:00', routineEuWest1(30, '11'));
file('eu-west-1', 31, '16:45', routineEuWest1(31, '16'));

// us-east-1, where global services (IAM, sign-in) log: every four days.
file('us-east-1', 2, '09:20', routineUsEast1(2, '09'));
file('us-east-1', 6, '08:20', routineUsEast1(6, '08'));
file('us-east-1', 10, '15:30', [
  ...routineUsEast1(10, '15'),
  special({
    eventID: uuid(random), requestID: uuid(random), eventTime: at(10, '15:21:09'), identity: consoleSession(users.alice),
    eventSource: 'iam.amazonaws.com', eventName: 'AttachUserPolicy', awsRegion: 'us-east-1', sourceIPAddress: '203.0.113.10', userAgent: CONSOLE_AGENT,
    account: ACCOUNT, requestParameters: { userName: 'bob', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
  }),
  special({
    eventID: uuid(random), requestID: uuid(random), eventTime: at(10, '15:24:37'), identity: consoleSession(users.alice),
    eventSource: 'iam.amazonaws.com', eventName: 'AttachUserPolicy', awsRegion: 'us-east-1', sourceIPAddress: '203.0.113.10', userAgent: CONSOLE_AGENT,
    account: ACCOUNT, requestParameters: { userName: 'dana', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
  }),
]);
file('us-east-1', 14, '10:05', [
  ...routineUsEast1(14, '09'),
  { record: consoleLogin({ eventID: uuid(random), eventTime: at(14, '09:58:31'), identity: users.carol, awsRegion: 'us-east-1', sourceIPAddress: '198.51.100.61', account: ACCOUNT, mfaUsed: 'No', success: true }) },
  { record: consoleLogin({ eventID: uuid(random), eventTime: at(14, '09:59:02'), identity: { type: 'IAMUser', principalId: users.dana.principalId, accountId: ACCOUNT, accessKeyId: '', userName: 'dana' }, awsRegion: 'us-east-1', sourceIPAddress: '198.51.100.77', account: ACCOUNT, mfaUsed: 'No', success: false }) },
]);
file('us-east-1', 18, '07:55', [
  ...routineUsEast1(18, '07'),
  { record: consoleLogin({ eventID: uuid(random), eventTime: at(18, '07:45:12'), identity: rootUser(ACCOUNT), awsRegion: 'us-east-1', sourceIPAddress: '198.51.100.23', account: ACCOUNT, mfaUsed: 'Yes', success: true }) },
]);
file('us-east-1', 22, '17:40', [
  ...routineUsEast1(22, '17'),
  { record: consoleLogin({ eventID: uuid(random), eventTime: at(22, '17:36:40'), identity: users.bob, awsRegion: 'us-east-1', sourceIPAddress: '203.0.113.24', account: ACCOUNT, mfaUsed: 'No', success: true }) },
]);
file('us-east-1', 26, '08:30', routineUsEast1(26, '08'));
file('us-east-1', 30, '14:15', routineUsEast1(30, '14'));

// A security change that failed: bob opens SSH to the world on sg-0a1b2c3d4e5f60718 and alice revokes the rule three
// hours later, in the next log file. Its own random source, so the ids and file names above stay as they were.
const changeRandom = seededRandom(20261020);
const sshToWorld = {
  groupId: 'sg-0a1b2c3d4e5f60718',
  ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, groups: {}, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] }, ipv6Ranges: {}, prefixListIds: {} }] },
};
function changeFile(day: number, deliveredAt: string, event: Omit<Parameters<typeof cloudTrailEvent>[0], 'eventID' | 'requestID'>): void {
  const key = logFileKey(ACCOUNT, 'eu-west-1', new Date(at(day, deliveredAt)), uniqueString(changeRandom));
  story[key] = [special({ eventID: uuid(changeRandom), requestID: uuid(changeRandom), ...event })];
}
changeFile(20, '14:10', {
  eventTime: at(20, '14:05:12'), identity: iamUser(ACCOUNT, 'bob', String(users.bob.principalId), iamId('ASIA', changeRandom)), eventSource: 'ec2.amazonaws.com', eventName: 'AuthorizeSecurityGroupIngress',
  awsRegion: 'eu-west-1', sourceIPAddress: '203.0.113.24', userAgent: CONSOLE_AGENT, account: ACCOUNT, requestParameters: sshToWorld,
});
changeFile(20, '17:25', {
  eventTime: at(20, '17:18:40'), identity: iamUser(ACCOUNT, 'alice', String(users.alice.principalId), iamId('ASIA', changeRandom)), eventSource: 'ec2.amazonaws.com', eventName: 'RevokeSecurityGroupIngress',
  awsRegion: 'eu-west-1', sourceIPAddress: '203.0.113.10', userAgent: CONSOLE_AGENT, account: ACCOUNT, requestParameters: sshToWorld,
});

function writeFixture(relative: string, bytes: Buffer | string): void {
  const target = path.join(root, 'fixtures', relative);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, bytes);
}

/** Trails write one JSON line; gzip with no name and mtime 0, so the bytes depend on the content only. */
function gzipJson(value: unknown): Buffer {
  return gzipSync(JSON.stringify(value), { level: 9 });
}

for (const [key, events] of Object.entries(story)) {
  writeFixture(`aws/cloudtrail/${key}`, gzipJson({ Records: events.map((event) => event.record) }));
}

// A digest file (log file validation) as the trail delivers it: it lists log files, it holds no events.
const digestKey = `AWSLogs/${ACCOUNT}/CloudTrail-Digest/eu-west-1/2026/10/31/${ACCOUNT}_CloudTrail-Digest_eu-west-1_management-events_eu-west-1_20261031T170000Z.json.gz`;
const lastLog = Object.keys(story).find((key) => key.includes('eu-west-1/2026/10/31/')) ?? '';
writeFixture(
  `aws/cloudtrail/${digestKey}`,
  gzipJson({
    awsAccountId: ACCOUNT,
    digestStartTime: '2026-10-31T16:00:00Z',
    digestEndTime: '2026-10-31T17:00:00Z',
    digestS3Bucket: 'example-org-cloudtrail',
    digestS3Object: digestKey,
    digestPublicKeyFingerprint: '7e4a3b1c9f0d2e8a6b5c4d3e2f1a0b9c',
    digestSignatureAlgorithm: 'SHA256withRSA',
    newestEventTime: '2026-10-31T16:03:41Z',
    oldestEventTime: '2026-10-31T16:02:11Z',
    previousDigestS3Bucket: 'example-org-cloudtrail',
    previousDigestS3Object: `AWSLogs/${ACCOUNT}/CloudTrail-Digest/eu-west-1/2026/10/31/${ACCOUNT}_CloudTrail-Digest_eu-west-1_management-events_eu-west-1_20261031T160000Z.json.gz`,
    previousDigestHashValue: '3b9f1e2d4c6a8b0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80',
    previousDigestHashAlgorithm: 'SHA-256',
    previousDigestSignature: '5f2a9c0e7b1d3f4a6c8e0b2d4f6a8c0e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a',
    logFiles: [
      {
        s3Bucket: 'example-org-cloudtrail',
        s3Object: lastLog,
        hashValue: '9d1c4e7f0a3b6c9e2f5a8b1d4e7f0a3c6e9b2d5f8a1c4e7b0d3f6a9c2e5b8d1f',
        hashAlgorithm: 'SHA-256',
        newestEventTime: '2026-10-31T16:03:41Z',
        oldestEventTime: '2026-10-31T16:02:11Z',
      },
    ],
  }),
);

// `aws cloudtrail lookup-events --region us-east-1` (Event history), newest first: CLI v2 writes EventTime as
// ISO with +00:00, CLI v1 as epoch seconds; CloudTrailEvent is the record as a JSON string either way.
const lookupRecords = [
  cloudTrailEvent({
    eventID: uuid(random), requestID: uuid(random), eventTime: '2026-10-21T16:02:19Z', identity: consoleSession(users.alice),
    eventSource: 'kms.amazonaws.com', eventName: 'ScheduleKeyDeletion', awsRegion: 'us-east-1', sourceIPAddress: '203.0.113.10', userAgent: CONSOLE_AGENT,
    account: ACCOUNT, requestParameters: { keyId: '0f3c5a7e-2b4d-4c6e-8a1b-3d5f7a9c1e2b', pendingWindowInDays: 7 },
    responseElements: {
      keyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/0f3c5a7e-2b4d-4c6e-8a1b-3d5f7a9c1e2b`,
      deletionDate: 'Oct 28, 2026, 4:02:19 PM',
      keyState: 'PendingDeletion',
      pendingWindowInDays: 7,
    },
    resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: `arn:aws:kms:us-east-1:${ACCOUNT}:key/0f3c5a7e-2b4d-4c6e-8a1b-3d5f7a9c1e2b` }],
  }),
  cloudTrailEvent({
    eventID: uuid(random), requestID: uuid(random), eventTime: '2026-10-21T15:58:07Z', identity: consoleSession(users.alice),
    eventSource: 'cloudtrail.amazonaws.com', eventName: 'DescribeTrails', awsRegion: 'us-east-1', sourceIPAddress: '203.0.113.10', userAgent: CONSOLE_AGENT,
    account: ACCOUNT, readOnly: true, requestParameters: { includeShadowTrails: true },
  }),
  consoleLogin({ eventID: uuid(random), eventTime: '2026-10-21T15:55:40Z', identity: users.alice, awsRegion: 'us-east-1', sourceIPAddress: '203.0.113.10', account: ACCOUNT, mfaUsed: 'Yes', success: true }),
  consoleLogin({ eventID: uuid(random), eventTime: '2026-10-20T09:12:44Z', identity: users.carol, awsRegion: 'us-east-1', sourceIPAddress: '198.51.100.61', account: ACCOUNT, mfaUsed: 'No', success: true }),
];
const usernames = ['alice', 'alice', 'alice', 'carol'];
const keyResource = [{ ResourceType: 'AWS::KMS::Key', ResourceName: `arn:aws:kms:us-east-1:${ACCOUNT}:key/0f3c5a7e-2b4d-4c6e-8a1b-3d5f7a9c1e2b` }];
const lookupEvents = (time: (iso: string) => string | number): unknown =>
  lookupRecords.map((record, index) => lookupEvent(record, time(String(record.eventTime)), usernames[index], index === 0 ? keyResource : []));
writeFixture('aws/lookup-events.json', `${JSON.stringify({ Events: lookupEvents((iso) => iso.replace('Z', '+00:00')) }, null, 4)}\n`);
// CLI v1 prints epoch seconds with a fraction (`1792487564.0`); JSON.stringify drops the `.0`, so it is put back.
writeFixture(
  'aws/lookup-events-cli-v1.json',
  `${JSON.stringify({ Events: lookupEvents((iso) => Date.parse(iso) / 1000) }, null, 4).replace(/("EventTime": )(\d+)(,?)$/gm, '$1$2.0$3')}\n`,
);

// Malformed and empty files, each failing in a different way.
const goodRecords = routineEuWest1(3, '10').map((event) => event.record);
const good = JSON.stringify({ Records: goodRecords }, null, 2);
writeFixture('aws/bad/cloudtrail-malformed.json.gz', gzipSync(good.replace('"eventSource": "ssm.amazonaws.com",', '"eventSource": "ssm.amazonaws.com"'), { level: 9 }));
writeFixture('aws/bad/cloudtrail-empty.json.gz', gzipSync('', { level: 9 }));
const truncated = gzipJson({ Records: routineEuWest1(4, '10').map((event) => event.record) });
writeFixture('aws/bad/cloudtrail-truncated.json.gz', truncated.subarray(0, Math.floor(truncated.length / 2)));
const withoutTime = goodRecords.map((record, index) => (index === 1 ? Object.fromEntries(Object.entries(record).filter(([key]) => key !== 'eventTime')) : record));
writeFixture('aws/bad/cloudtrail-missing-event-time.json', `${JSON.stringify({ Records: withoutTime }, null, 2)}\n`);
writeFixture(
  'aws/bad/lookup-events-malformed.json',
  `${JSON.stringify({ Events: [{ ...lookupEvent(lookupRecords[3] ?? {}, '2026-10-20T09:12:44+00:00', 'carol'), CloudTrailEvent: '{"eventVersion": "1.11", "eventTime": "2026-10-20T09:12:44Z", ' }] }, null, 4)}\n`,
);

console.log(`wrote ${Object.keys(story).length} log files, 1 digest file, 2 lookup-events files and 5 malformed files under fixtures/`);
