// Shared by the CloudTrail log checks (aws/ct-*): how an event becomes a finding, and the mergeable state
// that collects them across files and worker threads.
import type { CloudTrailIdentity, CloudTrailRecord } from '../sources/cloudtrail-logs.js';
import type { CheckResult, Finding } from '../../../kit/define-check.js';
import { compareText } from '../../../core/compare.js';
import { accountOfArn } from '../resource-ids.js';

/** A finding about one event, with what it takes to order and de-duplicate it. */
export interface EventFinding extends Finding {
  eventID: string;
  eventTime: number;
}

/** The events a check reports: plain data, so it crosses worker threads. */
export interface EventMatches {
  matches: EventFinding[];
}

export function initMatches(): EventMatches {
  return { matches: [] };
}

export function mergeMatches(a: EventMatches, b: EventMatches): EventMatches {
  for (const match of b.matches) a.matches.push(match);
  return a;
}

/**
 * Findings ordered by event time, then event id, each event once: CloudTrail can deliver the same event
 * in two files, and the order files were read in must not show in the report.
 */
export function orderedFindings(matches: readonly EventFinding[]): Finding[] {
  const sorted = [...matches].sort((x, y) => x.eventTime - y.eventTime || compareText(x.eventID, y.eventID) || compareText(x.resource, y.resource));
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const { eventID, eventTime: _time, ...finding } of sorted) {
    if (seen.has(eventID)) continue;
    seen.add(eventID);
    findings.push(finding);
  }
  return findings;
}

/**
 * The result of a check for events that should not happen: every event in the logs was examined (the ones
 * not visited could not have matched), the ordered findings, and a metric counting them.
 */
export function finishMatches(state: EventMatches, records: number, countMetric: string): CheckResult {
  const findings = orderedFindings(state.matches);
  return { examined: records, findings, metrics: { [countMetric]: findings.length } };
}

/** A finding about `record`; the message should name who, when, from where and which event (see `eventContext`). */
export function eventFinding(record: CloudTrailRecord, resource: string, message: string): EventFinding {
  return { eventID: record.eventID, eventTime: record.eventTime, resource, message, details: eventDetails(record) };
}

/** `by IAM user alice at 2026-10-05T08:12:09Z from 203.0.113.10 in eu-west-1 (event 3f1c…)`. */
export function eventContext(record: CloudTrailRecord): string {
  return `by ${describePrincipal(record.userIdentity)} ${whereAndWhen(record)}`;
}

/** `at 2026-10-05T08:12:09Z from 203.0.113.10 in eu-west-1 (event 3f1c…)`. */
export function whereAndWhen(record: CloudTrailRecord): string {
  return `at ${formatEventTime(record.eventTime)} from ${record.sourceIPAddress ?? 'an unknown address'} in ${record.awsRegion} (event ${record.eventID})`;
}

export function eventDetails(record: CloudTrailRecord): Record<string, unknown> {
  return {
    principal: describePrincipal(record.userIdentity),
    principalArn: record.userIdentity.arn,
    eventTime: formatEventTime(record.eventTime),
    awsRegion: record.awsRegion,
    sourceIPAddress: record.sourceIPAddress,
    eventID: record.eventID,
    eventSource: record.eventSource,
    eventName: record.eventName,
    recipientAccountId: record.recipientAccountId,
    ...(record.errorCode === null ? {} : { errorCode: record.errorCode }),
  };
}

/** `root user of account 210987654321`, `IAM user bob`, `role deploy (session ci-42)`. */
export function describePrincipal(identity: CloudTrailIdentity): string {
  const arn = identity.arn ?? '';
  switch (identity.type) {
    case 'Root':
      return `root user of account ${identity.accountId ?? accountOfArn(arn) ?? 'unknown'}`;
    case 'IAMUser':
      return `IAM user ${identity.userName ?? (arn || identity.principalId) ?? 'unknown'}`;
    case 'AssumedRole': {
      const role = /:assumed-role\/(?:.*\/)?([^/]+)\/([^/]+)$/.exec(arn);
      return role ? `role ${role[1]} (session ${role[2]})` : `assumed role ${arn || identity.principalId || 'unknown'}`;
    }
    default:
      return `${identity.type ?? 'unknown identity'} ${arn || identity.userName || identity.principalId || 'unknown'}`;
  }
}

/** The ARN of the principal, made from the account id for root when the event omits it. */
export function principalArn(record: CloudTrailRecord): string {
  const identity = record.userIdentity;
  if (identity.arn) return identity.arn;
  const account = identity.accountId ?? record.recipientAccountId ?? 'unknown';
  if (identity.type === 'Root') return `arn:${partitionOf(record)}:iam::${account}:root`;
  return `arn:${partitionOf(record)}:iam::${account}:${identity.type === 'IAMUser' ? `user/${identity.userName ?? identity.principalId ?? 'unknown'}` : `principal/${identity.principalId ?? 'unknown'}`}`;
}

/** `aws`, or `aws-us-gov` / `aws-cn` when the principal's ARN says so. */
export function partitionOf(record: CloudTrailRecord): string {
  return /^arn:([^:]+):/.exec(record.userIdentity.arn ?? '')?.[1] ?? 'aws';
}

/** The account the event happened in. */
export function accountOf(record: CloudTrailRecord): string {
  return record.recipientAccountId ?? record.userIdentity.accountId ?? 'unknown';
}

/** A string request parameter, or null when absent or not a string. */
export function stringParameter(record: CloudTrailRecord, name: string): string | null {
  const value = record.requestParameters?.[name];
  return typeof value === 'string' ? value : null;
}

/** Whether the call succeeded: no error code, and for console sign-ins a `Success` response. */
export function succeeded(record: CloudTrailRecord): boolean {
  return record.errorCode === null && record.consoleLogin !== 'Failure';
}

/** CloudTrail's own form, `2026-10-05T08:12:09Z`, keeping milliseconds only when there are some. */
export function formatEventTime(time: number): string {
  return new Date(time).toISOString().replace('.000Z', 'Z');
}
