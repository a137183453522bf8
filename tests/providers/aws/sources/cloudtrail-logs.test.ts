import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readExportFileSync } from '../../../../src/kit/files/read-file.js';
import { UserError } from '../../../../src/core/errors.js';
import cloudTrailLogs, { consoleSignIn, isDigestOrInsightFile, parseEventTime, streamCloudTrailFile, type CloudTrailRecord } from '../../../../src/providers/aws/sources/cloudtrail-logs.js';
import { Registry } from '../../../../src/providers/registry.js';
import { thrownUserError } from '../../../support/errors.js';
import { repoRoot } from '../../../support/paths.js';

const LOGS = path.resolve('fixtures/aws/cloudtrail');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json.gz'))
    .map((file) => path.join(dir, file))
    .sort();
}

function recordsOf(file: string): CloudTrailRecord[] {
  return [...streamCloudTrailFile(readExportFileSync(file).text)];
}

function recordsOfText(text: string, display = 'events.json'): CloudTrailRecord[] {
  return [...streamCloudTrailFile({ display, text })];
}


const bobSignIn = (records: readonly CloudTrailRecord[]): CloudTrailRecord | undefined =>
  records.find((record) => record.eventName === 'ConsoleLogin' && record.userIdentity.userName === 'bob');

describe('aws/cloudtrail-logs source', () => {
  it('is registered as a stream source under its source type', async () => {
    expect((await new Registry().source('aws/cloudtrail-logs'))?.kind).toBe('stream');
    expect(cloudTrailLogs.type).toBe('aws/cloudtrail-logs');
  });

  it('normalises an S3-delivered .json.gz record: times in epoch ms, the fields checks read', () => {
    const file = filesUnder(LOGS).find((candidate) => candidate.includes('/eu-west-1/2026/10/06/'));
    const records = recordsOf(file ?? '');
    expect(records.map((record) => record.eventName)).toEqual(['DescribeInstances', 'GetParameter', 'Decrypt', 'ConsoleLogin']);
    expect(bobSignIn(records)).toEqual({
      eventID: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      eventTime: Date.parse('2026-10-06T09:14:05Z'),
      eventSource: 'signin.amazonaws.com',
      eventName: 'ConsoleLogin',
      eventType: 'AwsConsoleSignIn',
      awsRegion: 'eu-west-1',
      sourceIPAddress: '203.0.113.24',
      errorCode: null,
      recipientAccountId: '210987654321',
      userIdentity: {
        type: 'IAMUser',
        arn: 'arn:aws:iam::210987654321:user/bob',
        userName: 'bob',
        accountId: '210987654321',
        principalId: 'AIDATCKAN7EXAMPLEBOB',
        invokedBy: null,
      },
      mfaUsed: 'No',
      consoleLogin: 'Success',
      requestParameters: null,
      resourceArns: [],
    });
    const decrypt = records.find((record) => record.eventName === 'Decrypt');
    expect(decrypt?.userIdentity.invokedBy).toBe('ssm.amazonaws.com');
    expect(decrypt?.resourceArns).toEqual(['arn:aws:kms:eu-west-1:210987654321:key/5c1e7a38-8d0e-4b8c-9a51-2f3d4e5f6a7b']);
    expect(decrypt?.requestParameters).toEqual({
      encryptionContext: { PARAMETER_ARN: 'arn:aws:ssm:eu-west-1:210987654321:parameter/orders/db-url' },
      encryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    });
  });

  it('reads every fixture log file; the digest file is skipped by path and yields nothing if read anyway', () => {
    const all = filesUnder(LOGS);
    const digests = all.filter((file) => isDigestOrInsightFile(file));
    expect(digests.map((file) => path.basename(file))).toEqual([
      '210987654321_CloudTrail-Digest_eu-west-1_management-events_eu-west-1_20261031T170000Z.json.gz',
    ]);
    const logs = all.filter((file) => !cloudTrailLogs.skipsFile?.(file));
    expect(logs).toHaveLength(20);
    expect(logs.flatMap(recordsOf)).toHaveLength(55);
    expect(digests.flatMap(recordsOf)).toEqual([]);
  });

  it('reads lookup-events output, parsing each CloudTrailEvent JSON string, for CLI v2 (+00:00) and v1 (epoch)', () => {
    const v2 = recordsOf(path.resolve('fixtures/aws/lookup-events.json'));
    const v1 = recordsOf(path.resolve('fixtures/aws/lookup-events-cli-v1.json'));
    expect(v2.map((record) => [record.eventName, new Date(record.eventTime).toISOString(), record.userIdentity.userName])).toEqual([
      ['ScheduleKeyDeletion', '2026-10-21T16:02:19.000Z', 'alice'],
      ['DescribeTrails', '2026-10-21T15:58:07.000Z', 'alice'],
      ['ConsoleLogin', '2026-10-21T15:55:40.000Z', 'alice'],
      ['ConsoleLogin', '2026-10-20T09:12:44.000Z', 'carol'],
    ]);
    expect(v2[3]?.mfaUsed).toBe('No');
    expect(v2[0]?.requestParameters).toEqual({ keyId: '0f3c5a7e-2b4d-4c6e-8a1b-3d5f7a9c1e2b', pendingWindowInDays: 7 });
    expect(v1).toEqual(v2);
  });

  it('accepts a log file with no records, and lookup-events output with no events', () => {
    expect(recordsOfText('{"Records": []}')).toEqual([]);
    expect(recordsOfText('{"Events": []}\n')).toEqual([]);
  });

  it('keeps __proto__ in request parameters as data', () => {
    const [record] = recordsOfText(
      '{"Records": [{"eventTime": "2026-10-05T08:00:00Z", "eventSource": "iam.amazonaws.com", "eventName": "GetUser", "awsRegion": "us-east-1", "eventID": "e1", "requestParameters": {"__proto__": {"polluted": true}}}]}',
    );
    expect(Object.keys(record?.requestParameters ?? {})).toEqual(['__proto__']);
    expect(Reflect.get({}, 'polluted')).toBeUndefined();
    expect(record?.userIdentity).toEqual({ type: null, arn: null, userName: null, accountId: null, principalId: null, invokedBy: null });
  });

  it('reports coverage points from the recipient account and the event region', () => {
    const [record] = recordsOf(path.resolve('fixtures/aws/lookup-events.json'));
    expect(record && cloudTrailLogs.coverage?.(record)).toEqual({ scope: ['210987654321', 'us-east-1'], time: Date.parse('2026-10-21T16:02:19Z') });
  });
});

describe('aws/cloudtrail-logs source errors', () => {
  const bad = (file: string): UserError => thrownUserError(() => recordsOf(path.resolve('fixtures/aws/bad', file)));

  it('a syntax error inside a gzipped file: its line and column', () => {
    const error = bad('cloudtrail-malformed.json.gz');
    expect(error.locatedFrom(repoRoot)).toBe('fixtures/aws/bad/cloudtrail-malformed.json.gz:70:7: Invalid JSON: expected "," or "}" after the property value, found "\\""');
  });

  it('an empty file (an interrupted download)', () => {
    expect(bad('cloudtrail-empty.json.gz').locatedFrom(repoRoot)).toBe(
      'fixtures/aws/bad/cloudtrail-empty.json.gz:1:1: File is empty: expected a CloudTrail log file ({"Records": [...]}) or `aws cloudtrail lookup-events` output ({"Events": [...]})',
    );
  });

  it('a truncated gzip file', () => {
    expect(bad('cloudtrail-truncated.json.gz').locatedFrom(repoRoot)).toBe('fixtures/aws/bad/cloudtrail-truncated.json.gz: Invalid gzip data: unexpected end of file');
  });

  it('a record without eventTime: the path and the position of the record', () => {
    expect(bad('cloudtrail-missing-event-time.json').locatedFrom(repoRoot)).toBe(
      'fixtures/aws/bad/cloudtrail-missing-event-time.json:45:5: Records[1].eventTime: expected a UTC timestamp like 2026-10-05T08:12:09Z, found nothing',
    );
  });

  it('a CloudTrailEvent string that is not JSON: the position of the string', () => {
    expect(bad('lookup-events-malformed.json').locatedFrom(repoRoot)).toMatch(
      /^fixtures\/aws\/bad\/lookup-events-malformed\.json:11:32: Events\[0\]\.CloudTrailEvent: the CloudTrailEvent string is not valid JSON \(/,
    );
  });

  it('a wrong field inside a CloudTrailEvent string: the path inside it in the message', () => {
    const text = JSON.stringify({ Events: [{ EventId: 'e1', CloudTrailEvent: JSON.stringify({ eventTime: '2026-10-05T08:00:00Z', eventSource: 1 }) }] }, null, 2);
    expect(thrownUserError(() => recordsOfText(text, 'lookup.json')).located).toBe('lookup.json:5:26: Events[0].CloudTrailEvent: eventID: expected a string, found nothing');
  });

  it('a JSON document of another kind', () => {
    expect(thrownUserError(() => recordsOfText('{"trailList": []}', 'trails.json')).located).toBe(
      'trails.json:1:1: Expected a CloudTrail log file ({"Records": [...]}) or `aws cloudtrail lookup-events` output ({"Events": [...]}), found an object with keys "trailList"',
    );
    expect(thrownUserError(() => recordsOfText('[1]', 'list.json')).message).toMatch(/found an array$/);
  });

  it('an eventTime that is not a timestamp', () => {
    const text = '{"Records": [\n  {"eventTime": "yesterday", "eventSource": "s3.amazonaws.com", "eventName": "GetObject", "awsRegion": "us-east-1", "eventID": "e1"}\n]}';
    expect(thrownUserError(() => recordsOfText(text)).located).toBe('events.json:2:17: Records[0].eventTime: expected a UTC timestamp like 2026-10-05T08:12:09Z, found "yesterday"');
  });
});

describe('aws/cloudtrail-logs source limits (nesting and numbers in what a record keeps)', () => {
  /** A log file of one record; `extra` goes into the record after its required fields. */
  const logFile = (extra: string): string =>
    `{"Records": [\n  {"eventTime": "2026-10-05T08:00:00Z", "eventSource": "ec2.amazonaws.com", "eventName": "DescribeInstances", "awsRegion": "us-east-1", "eventID": "e1", ${extra}}\n]}`;
  const arrays = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;
  /** Column of the first `[` of `filter` on line 2. */
  const filterCol = (logFile('"requestParameters": {"filter": [').split('\n')[1] ?? '').indexOf('[') + 1;

  it('keeps requestParameters up to 512 levels of the whole file, and rejects the 513th level where it opens', () => {
    // The document, Records, the record and requestParameters are 4 levels: 508 more reach 512.
    expect(recordsOfText(logFile(`"requestParameters": {"filter": ${arrays(508)}}`))[0]?.requestParameters).toHaveProperty('filter');
    expect(thrownUserError(() => recordsOfText(logFile(`"requestParameters": {"filter": ${arrays(509)}}`))).located).toBe(
      `events.json:2:${filterCol + 508}: Too deeply nested: more than 512 levels of arrays and objects`,
    );
  });

  it('rejects a million [ in requestParameters without overflowing the stack', () => {
    expect(thrownUserError(() => recordsOfText(logFile(`"requestParameters": {"filter": ${arrays(1_000_000)}}`))).located).toBe(
      `events.json:2:${filterCol + 508}: Too deeply nested: more than 512 levels of arrays and objects`,
    );
  });

  it('rejects an out-of-range number in requestParameters at its position', () => {
    expect(thrownUserError(() => recordsOfText(logFile('"requestParameters": {"pendingWindowInDays": 1e400}'))).located).toMatch(
      /^events\.json:2:\d+: Out-of-range number 1e400: JSON numbers must lie within ±1\.8e308$/,
    );
  });

  it('in lookup-events output, names the path inside the CloudTrailEvent string', () => {
    const event = JSON.stringify({ eventTime: '2026-10-05T08:00:00Z', eventSource: 'kms.amazonaws.com', eventName: 'ScheduleKeyDeletion', awsRegion: 'us-east-1', eventID: 'e1', requestParameters: { pendingWindowInDays: 7 } });
    const text = JSON.stringify({ Events: [{ EventId: 'e1', CloudTrailEvent: event.replace('7', '7e999') }] }, null, 2);
    expect(thrownUserError(() => recordsOfText(text, 'lookup.json')).located).toBe(
      'lookup.json:5:26: Events[0].CloudTrailEvent: requestParameters: Out-of-range number: JSON numbers must lie within ±1.8e308',
    );
  });

  it('reads past deep nesting and huge numbers in parts no record keeps (they are dropped unread, by design: the hot path)', () => {
    const records = recordsOfText(logFile(`"responseElements": {"deep": ${arrays(2000)}, "n": 1e400}`));
    expect(records.map((record) => record.eventID)).toEqual(['e1']);
  });
});

describe('parseEventTime', () => {
  it('reads the log form and the other ISO forms, and nothing else', () => {
    expect(parseEventTime('2026-10-05T08:12:09Z')).toBe(Date.UTC(2026, 9, 5, 8, 12, 9));
    expect(parseEventTime('2026-10-05T08:12:09.250Z')).toBe(Date.UTC(2026, 9, 5, 8, 12, 9, 250));
    expect(parseEventTime('2026-10-05T08:12:09+00:00')).toBe(Date.UTC(2026, 9, 5, 8, 12, 9));
    expect(parseEventTime('2026-13-05T08:12:09Z')).toBeUndefined();
    expect(parseEventTime('2026-10-05T24:12:09Z')).toBeUndefined();
    expect(parseEventTime('2026-02-31T08:12:09Z')).toBeUndefined();
    expect(parseEventTime('2026-02-29T08:12:09+00:00')).toBeUndefined();
    expect(parseEventTime('2028-02-29T08:12:09Z')).toBe(Date.UTC(2028, 1, 29, 8, 12, 9));
    expect(parseEventTime('2026-1x-05T08:12:09Z')).toBeUndefined();
    expect(parseEventTime(1_792_487_564)).toBeUndefined();
  });

  it('skips digest and Insights files by their S3 key', () => {
    expect(isDigestOrInsightFile('AWSLogs/1/CloudTrail-Digest/eu-west-1/2026/10/31/x.json.gz')).toBe(true);
    expect(isDigestOrInsightFile('AWSLogs/1/CloudTrail-Insight/eu-west-1/2026/10/31/x.json.gz')).toBe(true);
    expect(isDigestOrInsightFile('downloads/210987654321_CloudTrail-Digest_eu-west-1_t_eu-west-1_20261031T170000Z.json.gz')).toBe(true);
    expect(isDigestOrInsightFile('AWSLogs/1/CloudTrail/eu-west-1/2026/10/31/1_CloudTrail_eu-west-1_20261031T1645Z_x.json.gz')).toBe(false);
  });
});

describe('aws/cloudtrail-logs as identity/sign-ins', () => {
  const records = filesUnder(LOGS).flatMap(recordsOf);

  it('offers each console sign-in, and nothing for other events', () => {
    expect(cloudTrailLogs.views?.['identity/sign-ins']).toBe(consoleSignIn);
    const signIns = records.flatMap((record) => consoleSignIn(record) ?? []);
    expect(signIns).toHaveLength(records.filter((record) => record.eventName === 'ConsoleLogin').length);
    expect(records.filter((record) => record.eventName !== 'ConsoleLogin').map(consoleSignIn).every((value) => value === undefined)).toBe(true);
  });

  it('says who, when, from where, whether it succeeded and whether MFA was used', () => {
    const bob = bobSignIn(records);
    expect(bob && consoleSignIn(bob)).toEqual({
      provider: 'aws',
      eventId: bob?.eventID,
      time: bob?.eventTime,
      accountId: 'arn:aws:iam::210987654321:user/bob',
      login: 'bob',
      success: true,
      mfaUsed: false,
      sourceIp: bob?.sourceIPAddress,
      application: 'AWS Management Console',
    });
    const failed = records.find((record) => record.eventName === 'ConsoleLogin' && record.consoleLogin === 'Failure');
    expect(failed && consoleSignIn(failed)?.success).toBe(false);
  });
});
