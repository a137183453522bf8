// Real-shaped CloudTrail events for the aws/ct-* check tests: built as a trail writes them, then normalised by
// the source, so the checks see exactly what the stream pass would hand them.
import { assumedRole, cloudTrailEvent, consoleLogin, iamUser, rootUser, type EventFields, type Identity } from '../../../../scripts/cloudtrail-events.js';
import { normaliseEvent, type CloudTrailRecord } from '../../../../src/providers/aws/sources/cloudtrail-logs.js';

export const ACCOUNT = '210987654321';

export const alice = iamUser(ACCOUNT, 'alice', 'AIDATCKAN7EXAMPLEALI', 'ASIATCKAN7EXAMPLE001');
export const bob = iamUser(ACCOUNT, 'bob', 'AIDATCKAN7EXAMPLEBOB');
export const carol = iamUser(ACCOUNT, 'carol', 'AIDATCKAN7EXAMPLECAR');
export const root = rootUser(ACCOUNT);
export const deployRole = assumedRole(ACCOUNT, 'deploy', 'gha-run-4411', { roleId: 'AROATCKAN7EXAMPLEDEP', accessKeyId: 'ASIATCKAN7EXAMPLE002' }, '2026-10-05T08:00:00Z');

/** A version-4 UUID whose last digits are `n`, so tests can tell events apart and order them. */
export function eventId(n: number): string {
  return `3f1c9a2e-0b4d-4e6f-8a1b-${String(n).padStart(12, '0')}`;
}

/** A console sign-in at `time` (2026-10-…), successful unless `success: false`. */
export function signIn(
  n: number,
  identity: Identity,
  time: string,
  options: { mfaUsed?: 'Yes' | 'No'; success?: boolean; region?: string; ip?: string } = {},
): CloudTrailRecord {
  return normaliseEvent(
    consoleLogin({
      eventID: eventId(n),
      eventTime: time,
      identity,
      awsRegion: options.region ?? 'us-east-1',
      sourceIPAddress: options.ip ?? '203.0.113.24',
      account: ACCOUNT,
      mfaUsed: options.mfaUsed ?? 'No',
      success: options.success ?? true,
    }),
  );
}

/** An API call by `identity`: `source` is the service host name without `.amazonaws.com`. */
export function apiCall(
  n: number,
  identity: Identity,
  time: string,
  call: `${string}:${string}`,
  requestParameters: Record<string, unknown> | null = null,
  extra: Partial<EventFields> = {},
): CloudTrailRecord {
  const [service, eventName] = call.split(':');
  return normaliseEvent(
    cloudTrailEvent({
      eventID: eventId(n),
      requestID: `9b2e4c6a-1d3f-4a5b-8c7d-${String(n).padStart(12, '0')}`,
      eventTime: time,
      identity,
      eventSource: `${service}.amazonaws.com`,
      eventName: eventName ?? '',
      awsRegion: 'eu-west-1',
      sourceIPAddress: '198.51.100.7',
      userAgent: 'AWS Internal',
      account: ACCOUNT,
      requestParameters,
      ...extra,
    }),
  );
}

export const DENIED = { errorCode: 'AccessDenied', errorMessage: 'User is not authorized to perform this operation' } as const;
