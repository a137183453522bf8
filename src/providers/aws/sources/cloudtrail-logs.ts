import { UserError } from '../../../core/errors.js';
import { isCalendarDate } from '../../../core/time.js';
import { defineSource, type RecordFilter, type RecordSummary, type SourceText } from '../../../kit/define-source.js';
import { scanCloudTrailFile } from '../lib/cloudtrail-scan.js';
import type { IdentitySignIn } from '../../../kit/views/identity/sign-ins.js';
import { describeValue, formatJsonPath, jsonLimitError, jsonPathPosition, parseJsonText } from '../../../kit/formats/json.js';
import { exceededJsonLimit, limitMessage, MAX_JSON_DEPTH } from '../../../kit/formats/json-limits.js';
import { assertNotEmpty } from '../../../kit/formats/text.js';
import { parseAwsTimestamp } from '../lib/aws-values.js';

/** The identity that made a CloudTrail call (`userIdentity`); every field may be absent in real logs. */
export interface CloudTrailIdentity {
  /** `Root`, `IAMUser`, `AssumedRole`, `AWSService`, ...: an open set. */
  type: string | null;
  arn: string | null;
  /** IAM user name; for `Root` the account alias if set; `HIDDEN_DUE_TO_SECURITY_REASONS` on some failed sign-ins. */
  userName: string | null;
  accountId: string | null;
  principalId: string | null;
  /** The AWS service that acted on the identity's behalf, if any. */
  invokedBy: string | null;
}

/** One CloudTrail event, normalised: the fields checks read, with `eventTime` as epoch milliseconds. */
export interface CloudTrailRecord {
  /** Unique per event; the same event can be delivered in two files. */
  eventID: string;
  eventTime: number;
  eventSource: string;
  eventName: string;
  /** `AwsApiCall`, `AwsServiceEvent`, `AwsConsoleSignIn`, ... */
  eventType: string | null;
  awsRegion: string;
  /** An IP address, or a service DNS name for calls AWS made. */
  sourceIPAddress: string | null;
  /** Present only when the call failed (e.g. `AccessDenied`). */
  errorCode: string | null;
  recipientAccountId: string | null;
  userIdentity: CloudTrailIdentity;
  /** `additionalEventData.MFAUsed` of console sign-ins: `"Yes"` or `"No"`. */
  mfaUsed: string | null;
  /** `responseElements.ConsoleLogin` of console sign-ins: `"Success"` or `"Failure"`. */
  consoleLogin: string | null;
  /** The call's parameters as logged (shape depends on the API); shared by every check, never mutate. */
  requestParameters: Readonly<Record<string, unknown>> | null;
  /** ARNs from `resources[]`, when the event lists them. */
  resourceArns: readonly string[];
}

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'aws/cloudtrail-logs': CloudTrailRecord;
  }
}

const EXPECTED = 'a CloudTrail log file ({"Records": [...]}) or `aws cloudtrail lookup-events` output ({"Events": [...]})';
const HINT = 'Point the source at the .json.gz files a trail delivers to S3 (AWSLogs/<account>/CloudTrail/...) or at `aws cloudtrail lookup-events --output json` output.';

/** Folders of a trail's S3 layout that hold no event records: digest files (log validation) and Insights. */
const NON_EVENT_FOLDER = /(?:^|[/\\])CloudTrail-(?:Digest|Insight)[/\\]/;
const DIGEST_NAME = /_CloudTrail-Digest_[^/\\]*$/;

export function isDigestOrInsightFile(filePath: string): boolean {
  return NON_EVENT_FOLDER.test(filePath) || DIGEST_NAME.test(filePath);
}

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * Records of one log file: S3-delivered `{"Records": [...]}`, or lookup-events `{"Events": [...]}`. An array,
 * not a generator: the parsed file is in memory anyway, and a plain loop is the cheaper way through it.
 * Walking the whole parsed file for nesting depth and numbers would cost the hot path several percent; a record keeps
 * only strings and `requestParameters`, so only that is checked (`normaliseEvent`), and the rest is dropped unread.
 */
export function streamCloudTrailFile(file: SourceText): CloudTrailRecord[] {
  assertNotEmpty(file, EXPECTED);
  const document = parseJsonText(file.text, file.display, { hint: HINT, checkLimits: false });
  if (isObject(document) && Array.isArray(document.Records)) return normaliseRecords(file, document.Records);
  if (isObject(document) && Array.isArray(document.Events)) {
    const events: readonly unknown[] = document.Events;
    return events.map((event, index) => lookupEventRecord(file, event, index));
  }
  // A digest file (log file validation) has no events: nothing to read, not an error.
  if (isObject(document) && 'digestStartTime' in document) return [];
  throw new UserError(`Expected ${EXPECTED}, found ${describeTop(document)}`, {
    position: { file: file.display, line: 1, col: 1 },
    hint: HINT,
  });
}

function normaliseRecords(file: SourceText, records: readonly unknown[]): CloudTrailRecord[] {
  const normalised = new Array<CloudTrailRecord>(records.length);
  let index = 0;
  try {
    for (; index < records.length; index++) normalised[index] = normaliseEvent(records[index], RECORD_LEVEL);
  } catch (problem) {
    if (!(problem instanceof RecordProblem)) throw problem;
    // A passed limit is placed where it is passed in the text, as `parseJsonText` places it in every other file.
    if (problem.limit) throw jsonLimitError(file.text, file.display);
    throw locatedError(file, ['Records', index, ...problem.path], problem.message);
  }
  return normalised;
}

function describeTop(document: unknown): string {
  if (!isObject(document)) return describeValue(document);
  const keys = Object.keys(document);
  return keys.length === 0 ? 'an empty object' : `an object with keys ${keys.slice(0, 5).map((key) => JSON.stringify(key)).join(', ')}`;
}

/** lookup-events wraps each record as a JSON string in `CloudTrailEvent`: parsed a second time. */
function lookupEventRecord(file: SourceText, event: unknown, index: number): CloudTrailRecord {
  const at = ['Events', index, 'CloudTrailEvent'];
  const raw = isObject(event) ? event.CloudTrailEvent : undefined;
  if (typeof raw !== 'string') {
    throw locatedError(file, isObject(event) ? at : at.slice(0, 2), `expected the event record as a JSON string, found ${raw === undefined ? 'nothing' : describeValue(raw)}`);
  }
  let record: unknown;
  try {
    record = JSON.parse(raw);
  } catch (cause) {
    throw locatedError(file, at, `the CloudTrailEvent string is not valid JSON (${cause instanceof Error ? cause.message : String(cause)})`);
  }
  try {
    return normaliseEvent(record);
  } catch (problem) {
    if (!(problem instanceof RecordProblem)) throw problem;
    // Paths inside the decoded string have no position in the file: they go into the message.
    throw locatedError(file, at, `${problem.path.length > 0 ? `${formatJsonPath(problem.path)}: ` : ''}${problem.message}`);
  }
}

/** What is wrong with one event, at a path inside it; the caller knows where the event is in the file. */
export class RecordProblem extends Error {
  constructor(
    readonly path: readonly string[],
    message: string,
    /** Nesting or a number past the JSON limits, rather than a wrong field. */
    readonly limit = false,
  ) {
    super(message);
    this.name = 'RecordProblem';
  }
}

function locatedError(file: SourceText, path: readonly (string | number)[], message: string): UserError {
  return new UserError(`${formatJsonPath(path)}: ${message}`, {
    position: { file: file.display, ...jsonPathPosition(file.text, path) },
    hint: HINT,
  });
}

/** Levels above a record in a log file: the document, and its `Records` array. */
const RECORD_LEVEL = 3;

/**
 * One raw CloudTrail event → `CloudTrailRecord`. The hot path of every log audit: fields are read by name
 * (destructured), not by computed key, and nothing is allocated beyond the record itself. `level` is the record's
 * nesting level in its JSON text (1 for a record parsed on its own), so that the `requestParameters` it keeps stay
 * within `MAX_JSON_DEPTH` of the whole text.
 */
export function normaliseEvent(raw: unknown, level = 1): CloudTrailRecord {
  if (!isObject(raw)) throw new RecordProblem([], `expected a CloudTrail event object, found ${describeValue(raw)}`);
  const { eventID, eventSource, eventName, awsRegion, userIdentity, additionalEventData, responseElements, requestParameters, resources } = raw;
  const eventTime = parseEventTime(raw.eventTime);
  if (eventTime === undefined) throw expectedTime(raw.eventTime);
  if (typeof eventID !== 'string') throw expectedString('eventID', eventID);
  if (typeof eventSource !== 'string') throw expectedString('eventSource', eventSource);
  if (typeof eventName !== 'string') throw expectedString('eventName', eventName);
  if (typeof awsRegion !== 'string') throw expectedString('awsRegion', awsRegion);
  const identity = isObject(userIdentity) ? userIdentity : NO_OBJECT;
  return {
    eventID,
    eventTime,
    eventSource,
    eventName,
    eventType: text(raw.eventType),
    awsRegion,
    sourceIPAddress: text(raw.sourceIPAddress),
    errorCode: text(raw.errorCode),
    recipientAccountId: text(raw.recipientAccountId),
    userIdentity: {
      type: text(identity.type),
      arn: text(identity.arn),
      userName: text(identity.userName),
      accountId: text(identity.accountId),
      principalId: text(identity.principalId),
      invokedBy: text(identity.invokedBy),
    },
    mfaUsed: isObject(additionalEventData) ? text(additionalEventData.MFAUsed) : null,
    consoleLogin: isObject(responseElements) ? text(responseElements.ConsoleLogin) : null,
    requestParameters: isObject(requestParameters) ? boundedParameters(requestParameters, level) : null,
    resourceArns: Array.isArray(resources) ? resourceArns(resources) : NO_ARNS,
  };
}

const NO_OBJECT: JsonObject = Object.freeze({});

/** `requestParameters` as kept, once checked against the JSON limits: the only part of a record that can nest. */
function boundedParameters(parameters: JsonObject, level: number): JsonObject {
  const limit = exceededJsonLimit(parameters, MAX_JSON_DEPTH - level);
  if (limit) throw new RecordProblem(['requestParameters'], limitMessage(limit), true);
  return parameters;
}

function expectedTime(value: unknown): RecordProblem {
  return new RecordProblem(['eventTime'], `expected a UTC timestamp like 2026-10-05T08:12:09Z, found ${value === undefined ? 'nothing' : describeValue(value)}`);
}

function expectedString(field: string, value: unknown): RecordProblem {
  return new RecordProblem([field], `expected a string, found ${value === undefined ? 'nothing' : describeValue(value)}`);
}

const NO_ARNS: readonly string[] = Object.freeze([]);

function resourceArns(resources: readonly unknown[]): string[] {
  const arns: string[] = [];
  for (const resource of resources) {
    const arn = isObject(resource) ? text(resource.ARN) : null;
    if (arn) arns.push(arn);
  }
  return arns;
}

/** `eventTime` is `YYYY-MM-DDTHH:MM:SSZ` in every log file: parsed by hand, other ISO forms by the general parser. */
export function parseEventTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  if (!isBasicUtcInstant(value)) return parseAwsTimestamp(value)?.getTime();
  const year = twoDigits(value, 0) * 100 + twoDigits(value, 2);
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  const hour = twoDigits(value, 11);
  const minute = twoDigits(value, 14);
  const second = twoDigits(value, 17);
  const valid = year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59;
  const dayStart = valid ? startOfDay(year, month, day) : undefined;
  return dayStart === undefined ? undefined : dayStart + ((hour * 60 + minute) * 60 + second) * 1000;
}

// The events of one file share a day or two: the day's start is computed (and the day checked) once, not per event.
let cachedDay = -1;
let cachedDayStart: number | undefined;

/** 00:00 UTC of the day in epoch ms; undefined for a day the month does not have (02-31). */
function startOfDay(year: number, month: number, day: number): number | undefined {
  const key = (year * 100 + month) * 100 + day;
  if (key !== cachedDay) {
    cachedDay = key;
    cachedDayStart = isCalendarDate(year, month, day) ? Date.UTC(year, month - 1, day) : undefined;
  }
  return cachedDayStart;
}

function isBasicUtcInstant(value: string): boolean {
  return value.length === 20 && value[4] === '-' && value[7] === '-' && value[10] === 'T' && value[13] === ':' && value[16] === ':' && value[19] === 'Z';
}

/** The number written by two ASCII digits at `start`; NaN when either is not a digit, which fails every range test. */
function twoDigits(value: string, start: number): number {
  const tens = value.charCodeAt(start) - 48;
  const ones = value.charCodeAt(start + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : Number.NaN;
}

/** A console sign-in as `identity/sign-ins` shapes it; every other event is not a sign-in. */
export function consoleSignIn(record: CloudTrailRecord): IdentitySignIn | undefined {
  if (record.eventName !== 'ConsoleLogin') return undefined;
  return {
    provider: 'aws',
    eventId: record.eventID,
    time: record.eventTime,
    accountId: record.userIdentity.arn,
    login: record.userIdentity.userName,
    success: record.errorCode === null && record.consoleLogin === 'Success',
    mfaUsed: record.mfaUsed === null ? null : record.mfaUsed === 'Yes',
    sourceIp: record.sourceIPAddress,
    application: 'AWS Management Console',
  };
}

/** The fast path: see scanCloudTrailFile. */
export function scanCloudTrailLog(bytes: Buffer, filter: RecordFilter): (CloudTrailRecord | RecordSummary)[] | undefined {
  return scanCloudTrailFile(bytes, { filter, parseRecord: (text) => normaliseEvent(JSON.parse(text), RECORD_LEVEL), parseTime: parseEventTime });
}

/** A log file holding `records`, each written back as a trail writes an event (the fields a record keeps, in CloudTrail's order). */
export function writeCloudTrailFile(records: readonly CloudTrailRecord[]): string {
  return `{"Records":[${records.map((record) => JSON.stringify(rawEvent(record))).join(',')}]}`;
}

function rawEvent(record: CloudTrailRecord): Record<string, unknown> {
  const { userIdentity: identity } = record;
  // Absent fields are left out; requestParameters and responseElements are written null, as CloudTrail does.
  const present = (entries: [string, unknown][]): Record<string, unknown> => Object.fromEntries(entries.filter(([, value]) => value !== null && value !== undefined));
  return {
    eventVersion: '1.08',
    userIdentity: present([['type', identity.type], ['principalId', identity.principalId], ['arn', identity.arn], ['accountId', identity.accountId], ['invokedBy', identity.invokedBy], ['userName', identity.userName]]),
    eventTime: formatEventTime(record.eventTime),
    eventSource: record.eventSource,
    eventName: record.eventName,
    awsRegion: record.awsRegion,
    ...present([['sourceIPAddress', record.sourceIPAddress], ['errorCode', record.errorCode]]),
    requestParameters: record.requestParameters,
    responseElements: record.consoleLogin === null ? null : { ConsoleLogin: record.consoleLogin },
    ...present([['additionalEventData', record.mfaUsed === null ? null : { MFAUsed: record.mfaUsed }]]),
    eventID: record.eventID,
    ...present([['resources', record.resourceArns.length === 0 ? null : record.resourceArns.map((arn) => ({ ARN: arn }))], ['eventType', record.eventType], ['recipientAccountId', record.recipientAccountId]]),
  };
}

/** `2026-10-05T08:12:09Z` as CloudTrail writes it (with milliseconds only when the time has them). */
function formatEventTime(time: number): string {
  const iso = new Date(time).toISOString();
  return time % 1000 === 0 ? `${iso.slice(0, 19)}Z` : iso;
}

export default defineSource({
  type: 'aws/cloudtrail-logs',
  kind: 'stream',
  description:
    'CloudTrail events, streamed file by file: the .json.gz files a trail delivers to S3 (digest and Insights files are skipped) or `aws cloudtrail lookup-events` output. Console sign-ins are offered as `identity/sign-ins`.',
  skipsFile: isDigestOrInsightFile,
  readFile: streamCloudTrailFile,
  scanFile: scanCloudTrailLog,
  writeFile: writeCloudTrailFile,
  dispatchKey: (record) => record.eventName,
  viewKeys: { 'identity/sign-ins': ['ConsoleLogin'] },
  recordId: (record) => record.eventID,
  recordTime: (record) => record.eventTime,
  coverage: (record) => ({
    scope: [record.recipientAccountId ?? record.userIdentity.accountId ?? 'unknown', record.awsRegion],
    time: record.eventTime,
  }),
  views: { 'identity/sign-ins': consoleSignIn },
});
