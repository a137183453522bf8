// Builders of raw CloudTrail events, shaped as a trail writes them (field names and order of the CloudTrail
// record contents reference), shared by the fixture generator, the benchmark generator and the tests.

/** A deterministic pseudo-random source (mulberry32): the same seed always gives the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = '0123456789abcdef';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A random version-4 UUID, as CloudTrail writes `eventID` and `requestID`. */
export function uuid(random: () => number): string {
  let text = '';
  for (let index = 0; index < 32; index++) {
    let digit = Math.floor(random() * 16);
    if (index === 12) digit = 4;
    if (index === 16) digit = 8 + (digit & 3);
    text += HEX[digit];
    if (index === 7 || index === 11 || index === 15 || index === 19) text += '-';
  }
  return text;
}

/** An IAM-style unique id: a 4-letter prefix (`AIDA`, `AROA`, `ASIA`, `AKIA`) and 16 characters. */
export function iamId(prefix: string, random: () => number): string {
  let text = prefix;
  for (let index = 0; index < 16; index++) text += UPPER[Math.floor(random() * UPPER.length)];
  return text;
}

export type Identity = Record<string, unknown>;

export function iamUser(account: string, userName: string, principalId: string, accessKeyId?: string): Identity {
  return {
    type: 'IAMUser',
    principalId,
    arn: `arn:aws:iam::${account}:user/${userName}`,
    accountId: account,
    ...(accessKeyId === undefined ? {} : { accessKeyId }),
    userName,
  };
}

export function rootUser(account: string, accessKeyId?: string): Identity {
  return {
    type: 'Root',
    principalId: account,
    arn: `arn:aws:iam::${account}:root`,
    accountId: account,
    ...(accessKeyId === undefined ? {} : { accessKeyId }),
  };
}

export function assumedRole(account: string, role: string, session: string, ids: { roleId: string; accessKeyId: string }, creationDate: string, mfa = false): Identity {
  return {
    type: 'AssumedRole',
    principalId: `${ids.roleId}:${session}`,
    arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
    accountId: account,
    accessKeyId: ids.accessKeyId,
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: ids.roleId, arn: `arn:aws:iam::${account}:role/${role}`, accountId: account, userName: role },
      webIdFederationData: {},
      attributes: { creationDate, mfaAuthenticated: String(mfa) },
    },
  };
}

export function awsService(service: string): Identity {
  return { type: 'AWSService', invokedBy: service };
}

export interface EventFields {
  eventID: string;
  requestID?: string;
  eventTime: string;
  identity: Identity;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  account: string;
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  additionalEventData?: Record<string, unknown>;
  errorCode?: string;
  errorMessage?: string;
  resources?: { accountId: string; type: string; ARN: string }[];
  readOnly?: boolean;
  eventType?: string;
}

/** One event record, fields in the order CloudTrail writes them. */
export function cloudTrailEvent(fields: EventFields): Record<string, unknown> {
  return {
    eventVersion: '1.11',
    userIdentity: fields.identity,
    eventTime: fields.eventTime,
    eventSource: fields.eventSource,
    eventName: fields.eventName,
    awsRegion: fields.awsRegion,
    sourceIPAddress: fields.sourceIPAddress,
    userAgent: fields.userAgent,
    ...(fields.errorCode === undefined ? {} : { errorCode: fields.errorCode }),
    ...(fields.errorMessage === undefined ? {} : { errorMessage: fields.errorMessage }),
    requestParameters: fields.requestParameters ?? null,
    responseElements: fields.responseElements ?? null,
    ...(fields.additionalEventData === undefined ? {} : { additionalEventData: fields.additionalEventData }),
    ...(fields.requestID === undefined ? {} : { requestID: fields.requestID }),
    eventID: fields.eventID,
    readOnly: fields.readOnly ?? false,
    ...(fields.resources === undefined ? {} : { resources: fields.resources }),
    eventType: fields.eventType ?? 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: fields.account,
    eventCategory: 'Management',
  };
}

/** A console sign-in: `Success` or `Failure`, with or without MFA. */
export function consoleLogin(fields: {
  eventID: string;
  eventTime: string;
  identity: Identity;
  awsRegion: string;
  sourceIPAddress: string;
  account: string;
  mfaUsed: 'Yes' | 'No';
  success: boolean;
}): Record<string, unknown> {
  return cloudTrailEvent({
    eventID: fields.eventID,
    eventTime: fields.eventTime,
    identity: fields.identity,
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    awsRegion: fields.awsRegion,
    sourceIPAddress: fields.sourceIPAddress,
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36',
    account: fields.account,
    ...(fields.success ? {} : { errorMessage: 'Failed authentication' }),
    responseElements: { ConsoleLogin: fields.success ? 'Success' : 'Failure' },
    additionalEventData: {
      LoginTo: `https://console.aws.amazon.com/console/home?region=${fields.awsRegion}`,
      MobileVersion: 'No',
      MFAUsed: fields.mfaUsed,
    },
    eventType: 'AwsConsoleSignIn',
  });
}

/** The `lookup-events` wrapper of one event: `CloudTrailEvent` holds the record as a JSON string. */
export function lookupEvent(record: Record<string, unknown>, eventTime: string | number, username: string | undefined, resources: { ResourceType: string; ResourceName: string }[] = []): Record<string, unknown> {
  const identity = record.userIdentity;
  const accessKeyId = identity !== null && typeof identity === 'object' && 'accessKeyId' in identity ? identity.accessKeyId : undefined;
  return {
    EventId: record.eventID,
    EventName: record.eventName,
    ReadOnly: String(record.readOnly),
    ...(accessKeyId === undefined ? {} : { AccessKeyId: accessKeyId }),
    EventTime: eventTime,
    EventSource: record.eventSource,
    ...(username === undefined ? {} : { Username: username }),
    Resources: resources,
    CloudTrailEvent: JSON.stringify(record),
  };
}

/** `210987654321_CloudTrail_eu-west-1_20261006T0915Z_Ab12Cd34Ef56Gh78.json.gz` under its S3 key folders. */
export function logFileKey(account: string, region: string, delivered: Date, unique: string): string {
  const iso = delivered.toISOString();
  const [year, month, day] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
  const stamp = `${year}${month}${day}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
  return `AWSLogs/${account}/CloudTrail/${region}/${year}/${month}/${day}/${account}_CloudTrail_${region}_${stamp}_${unique}.json.gz`;
}

/** A 16-character unique string as in log file names. */
export function uniqueString(random: () => number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let text = '';
  for (let index = 0; index < 16; index++) text += alphabet[Math.floor(random() * alphabet.length)];
  return text;
}
