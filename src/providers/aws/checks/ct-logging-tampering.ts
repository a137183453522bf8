import { z } from 'zod';
import type { CloudTrailRecord } from '../sources/cloudtrail-logs.js';
import { defineCheck } from '../../../kit/define-check.js';
import { compareText } from '../../../core/compare.js';
import {
  accountOf,
  eventContext,
  eventDetails,
  eventFinding,
  formatEventTime,
  orderedFindings,
  partitionOf,
  stringParameter,
  succeeded,
  type EventFinding,
} from '../lib/cloudtrail-event-findings.js';
import {
  ALL_MANAGEMENT_EVENTS,
  advancedSelectorSchema,
  dataEventScopesOf,
  eventSelectorSchema,
  managementEventsDropped,
  managementEventsOf,
  type ManagementEvents,
} from '../lib/event-selectors.js';

/** What a call is about: the resource id of its findings, and how a message names it. */
interface Subject {
  resource: string;
  subject: string;
}

/** Calls that always blind detection, by `eventSource eventName`. */
const ALWAYS_WEAKENING: Readonly<Record<string, { of: (record: CloudTrailRecord) => Subject; verb: string }>> = {
  'cloudtrail.amazonaws.com StopLogging': { of: trailOf, verb: 'stopped logging' },
  'cloudtrail.amazonaws.com DeleteTrail': { of: trailOf, verb: 'deleted' },
  'ec2.amazonaws.com DeleteFlowLogs': { of: flowLogsOf, verb: 'deleted' },
  'guardduty.amazonaws.com DeleteDetector': { of: detectorOf, verb: 'deleted' },
  'config.amazonaws.com StopConfigurationRecorder': { of: recorderOf, verb: 'stopped' },
  'config.amazonaws.com DeleteConfigurationRecorder': { of: recorderOf, verb: 'deleted' },
  'config.amazonaws.com DeleteDeliveryChannel': { of: deliveryChannelOf, verb: 'deleted' },
};

/** Calls that weaken logging only when their request parameters do; CreateTrail is replayed for the settings it starts from. */
const JUDGED: Readonly<Record<string, (record: CloudTrailRecord) => Subject>> = {
  'cloudtrail.amazonaws.com CreateTrail': trailOf,
  'cloudtrail.amazonaws.com UpdateTrail': trailOf,
  'cloudtrail.amazonaws.com PutEventSelectors': trailOf,
  'cloudtrail.amazonaws.com PutInsightSelectors': trailOf,
  'guardduty.amazonaws.com UpdateDetector': detectorOf,
};

const FLOW_LOG_ID = /^fl-[0-9a-f]+$/;

/** A judged call, kept until `finish` replays every call on a resource in time order. */
interface LoggedChange {
  eventID: string;
  eventTime: number;
  eventName: string;
  resource: string;
  subject: string;
  request: Readonly<Record<string, unknown>>;
  context: string;
  details: Record<string, unknown>;
}

interface TamperingState {
  matches: EventFinding[];
  changes: LoggedChange[];
}

/** A trail's settings as far as the logs show them; absent = not known from the logs. */
interface TrailSettings {
  multiRegion?: boolean;
  globalEvents?: boolean;
  organization?: boolean;
  logValidation?: boolean;
  /** `''` when none. */
  kmsKey?: string;
  /** `''` when none. */
  cloudWatchLogs?: string;
  bucket?: string;
  prefix?: string;
  management?: ManagementEvents;
  dataScopes?: readonly string[];
  insights?: readonly string[];
}

/** What one call did: what it took away from logging, what it set otherwise, and the settings after it. */
interface Judgement {
  reductions: string[];
  settings: string[];
  after: TrailSettings;
}

const FLAGS = [
  { param: 'isMultiRegionTrail', setting: 'multiRegion', label: 'multi-region logging' },
  { param: 'includeGlobalServiceEvents', setting: 'globalEvents', label: 'global service events' },
  { param: 'isOrganizationTrail', setting: 'organization', label: 'organization-wide logging' },
  { param: 'enableLogFileValidation', setting: 'logValidation', label: 'log file validation' },
] as const;

/** `CreateTrail` without these parameters gets the API's defaults. */
const CREATED_TRAIL: TrailSettings = {
  multiRegion: false,
  globalEvents: true,
  organization: false,
  logValidation: false,
  kmsKey: '',
  cloudWatchLogs: '',
  prefix: '',
  management: ALL_MANAGEMENT_EVENTS,
  dataScopes: [],
  insights: [],
};

const selectorsRequestSchema = z.object({
  eventSelectors: z.array(eventSelectorSchema).optional(),
  advancedEventSelectors: z.array(advancedSelectorSchema).optional(),
});

const insightsRequestSchema = z.object({ insightSelectors: z.array(z.object({ insightType: z.string() })) });

/** The trail: `name` (most calls) or `trailName` (selectors) is a name or an ARN. */
function trailOf(record: CloudTrailRecord): Subject {
  const name = stringParameter(record, 'name') ?? stringParameter(record, 'trailName') ?? 'unknown';
  const arn = name.startsWith('arn:') ? name : regionalArn(record, 'cloudtrail', `trail/${name}`);
  return { resource: arn, subject: `trail ${arn}` };
}

function regionalArn(record: CloudTrailRecord, service: string, path: string): string {
  return `arn:${partitionOf(record)}:${service}:${record.awsRegion}:${accountOf(record)}:${path}`;
}

function detectorOf(record: CloudTrailRecord): Subject {
  const id = stringParameter(record, 'detectorId') ?? 'unknown';
  return { resource: regionalArn(record, 'guardduty', `detector/${id}`), subject: `GuardDuty detector ${id}` };
}

function recorderOf(record: CloudTrailRecord): Subject {
  const name = stringParameter(record, 'configurationRecorderName') ?? 'unknown';
  return { resource: regionalArn(record, 'config', `configuration-recorder/${name}`), subject: `AWS Config recorder ${name}` };
}

function deliveryChannelOf(record: CloudTrailRecord): Subject {
  const name = stringParameter(record, 'deliveryChannelName') ?? 'unknown';
  return { resource: regionalArn(record, 'config', `delivery-channel/${name}`), subject: `AWS Config delivery channel ${name}` };
}

/** Flow log ids anywhere in the request (EC2 logs them inside `DeleteFlowLogsRequest`), sorted. */
function flowLogIds(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return FLOW_LOG_ID.test(value) ? [value] : [];
  if (value === null || typeof value !== 'object' || depth > 5) return [];
  return Object.values(value).flatMap((child: unknown) => flowLogIds(child, depth + 1)).sort();
}

function flowLogsOf(record: CloudTrailRecord): Subject {
  const ids = flowLogIds(record.requestParameters);
  return { resource: regionalArn(record, 'ec2', `vpc-flow-log/${ids[0] ?? '*'}`), subject: `VPC flow logs ${ids.length > 0 ? ids.join(', ') : '(ids not logged)'}` };
}

function loggedChange(record: CloudTrailRecord, subjectOf: (record: CloudTrailRecord) => Subject): LoggedChange {
  return {
    eventID: record.eventID,
    eventTime: record.eventTime,
    eventName: record.eventName,
    ...subjectOf(record),
    request: record.requestParameters ?? {},
    context: eventContext(record),
    details: eventDetails(record),
  };
}

/** The call's effect on the settings known before it; unknown settings are taken to be the strongest, so any reduction counts. */
function judgeChange(eventName: string, request: Readonly<Record<string, unknown>>, before: TrailSettings): Judgement {
  switch (eventName) {
    case 'CreateTrail':
      return { reductions: [], settings: [], after: updatedTrail({ ...CREATED_TRAIL }, request) };
    case 'UpdateTrail':
      return judgeTrailUpdate(request, before);
    case 'PutEventSelectors':
      return judgeSelectors(request, before);
    case 'PutInsightSelectors':
      return judgeInsights(request, before);
    default:
      return request.enable === false
        ? { reductions: ['disabled'], settings: [], after: before }
        : { reductions: [], settings: Object.keys(request).filter((name) => name !== 'detectorId').sort(compareText).map((name) => `${name} set`), after: before };
  }
}

function judgeTrailUpdate(request: Readonly<Record<string, unknown>>, before: TrailSettings): Judgement {
  const reductions: string[] = [];
  const settings: string[] = [];
  for (const { param, setting, label } of FLAGS) {
    const value = request[param];
    if (value === false && before[setting] !== false) reductions.push(`${label} turned off`);
    else if (typeof value === 'boolean') settings.push(`${label} ${value ? 'on' : 'off'}`);
  }
  const removed = (param: string, known: string | undefined, label: string): void => {
    const value = request[param];
    if (value === '' && known !== '') reductions.push(`${label} removed`);
    else if (typeof value === 'string' && value !== '') settings.push(`${label} ${value}`);
  };
  removed('kmsKeyId', before.kmsKey, 'KMS encryption');
  removed('cloudWatchLogsLogGroupArn', before.cloudWatchLogs, 'CloudWatch Logs delivery');
  const moved = (param: string, known: string | undefined, label: string): void => {
    const value = request[param];
    if (typeof value !== 'string' || value === known) return;
    reductions.push(`${label} changed to "${value}"${known === undefined ? ' (the earlier one is not in the logs)' : ` from "${known}"`}`);
  };
  moved('s3BucketName', before.bucket, 'delivery bucket');
  moved('s3KeyPrefix', before.prefix, 'delivery prefix');
  return { reductions, settings, after: updatedTrail(before, request) };
}

function updatedTrail(before: TrailSettings, request: Readonly<Record<string, unknown>>): TrailSettings {
  const after: TrailSettings = { ...before };
  for (const { param, setting } of FLAGS) if (typeof request[param] === 'boolean') after[setting] = request[param];
  const text = (param: string): string | undefined => (typeof request[param] === 'string' ? request[param] : undefined);
  return {
    ...after,
    ...(text('kmsKeyId') === undefined ? {} : { kmsKey: text('kmsKeyId') }),
    ...(text('cloudWatchLogsLogGroupArn') === undefined ? {} : { cloudWatchLogs: text('cloudWatchLogsLogGroupArn') }),
    ...(text('s3BucketName') === undefined ? {} : { bucket: text('s3BucketName') }),
    ...(text('s3KeyPrefix') === undefined ? {} : { prefix: text('s3KeyPrefix') }),
  };
}

function judgeSelectors(request: Readonly<Record<string, unknown>>, before: TrailSettings): Judgement {
  const parsed = selectorsRequestSchema.safeParse(request);
  if (!parsed.success) return { reductions: ['event selectors replaced with selectors that cannot be read'], settings: [], after: { ...before, management: undefined, dataScopes: undefined } };
  const management = managementEventsOf(parsed.data);
  const dataScopes = dataEventScopesOf(parsed.data);
  const reductions = managementEventsDropped(before.management ?? ALL_MANAGEMENT_EVENTS, management);
  const dropped = (before.dataScopes ?? []).filter((scope) => !dataScopes.includes(scope));
  if (dropped.length > 0) reductions.push(`data events no longer recorded: ${dropped.join(', ')}`);
  const settings = [`management events: ${describeManagement(management)}`, ...(dataScopes.length > 0 ? [`data events: ${dataScopes.join(', ')}`] : [])];
  return { reductions, settings, after: { ...before, management, dataScopes } };
}

function describeManagement(events: ManagementEvents): string {
  const kinds = events.read && events.write ? 'read and write' : events.read ? 'read only' : events.write ? 'write only' : 'none';
  return events.excludedSources.length > 0 ? `${kinds}, excluding ${events.excludedSources.join(', ')}` : kinds;
}

function judgeInsights(request: Readonly<Record<string, unknown>>, before: TrailSettings): Judgement {
  const parsed = insightsRequestSchema.safeParse(request);
  if (!parsed.success) return { reductions: ['Insights selectors replaced with selectors that cannot be read'], settings: [], after: { ...before, insights: undefined } };
  const insights = parsed.data.insightSelectors.map((selector) => selector.insightType).sort(compareText);
  const dropped = before.insights === undefined ? (insights.length === 0 ? ['Insights'] : []) : before.insights.filter((type) => !insights.includes(type));
  return {
    reductions: dropped.length > 0 ? [`${dropped.join(', ')} turned off`] : [],
    settings: [`Insights: ${insights.length > 0 ? insights.join(', ') : 'none'}`],
    after: { ...before, insights },
  };
}

function byEvent(a: { eventTime: number; eventID: string }, b: { eventTime: number; eventID: string }): number {
  return a.eventTime - b.eventTime || compareText(a.eventID, b.eventID);
}

/** Replays the judged calls per resource in time order (each event once): findings for those that weakened logging, the rest as details. */
function replayChanges(changes: readonly LoggedChange[]): { weakened: EventFinding[]; harmless: Record<string, unknown>[] } {
  const known = new Map<string, TrailSettings>();
  const seen = new Set<string>();
  const weakened: EventFinding[] = [];
  const harmless: Record<string, unknown>[] = [];
  for (const change of [...changes].sort(byEvent)) {
    if (seen.has(change.eventID)) continue;
    seen.add(change.eventID);
    const { reductions, settings, after } = judgeChange(change.eventName, change.request, known.get(change.resource) ?? {});
    known.set(change.resource, after);
    if (change.eventName === 'CreateTrail') continue;
    if (reductions.length > 0) {
      const message = `${change.subject} weakened by ${change.eventName} (${reductions.join('; ')}) ${change.context}`;
      weakened.push({ eventID: change.eventID, eventTime: change.eventTime, resource: change.resource, message, details: change.details });
    } else {
      harmless.push({ resource: change.resource, eventName: change.eventName, eventTime: formatEventTime(change.eventTime), eventID: change.eventID, settings });
    }
  }
  return { weakened, harmless };
}

export default defineCheck({
  id: 'aws/ct-logging-tampering',
  title: 'Audit logging is not stopped or weakened',
  description:
    'No successful call in CloudTrail stopped or weakened audit logging. Always findings: `StopLogging` and `DeleteTrail` on a trail, `DeleteFlowLogs`, ' +
    'GuardDuty `DeleteDetector`, AWS Config `StopConfigurationRecorder`, `DeleteConfigurationRecorder` and `DeleteDeliveryChannel`. ' +
    'Findings only when their request parameters reduce what is logged or protected: `UpdateTrail` turning off multi-region logging, global service events, ' +
    'organization-wide logging or log file validation, removing the KMS key or CloudWatch Logs delivery, or naming another delivery bucket or prefix; ' +
    '`PutEventSelectors` that stop recording read or write management events, exclude an event source, or drop data events the trail recorded; ' +
    '`PutInsightSelectors` that turn off an Insights type; GuardDuty `UpdateDetector` with `enable: false`. ' +
    "Each call is compared with the trail's settings as the logs show them (from its `CreateTrail` and earlier changes, with the API's defaults); " +
    'a setting the logs do not show is taken to have been the strongest, so a change that could have weakened it is a finding. ' +
    "Changes that keep or strengthen logging are listed in the test's details. Calls that failed (an `errorCode`) are ignored.",
  inputs: { events: 'aws/cloudtrail-logs' },
  metrics: {
    tampering_events: 'Successful calls that stopped or weakened audit logging.',
    harmless_changes: "Successful changes to logging that kept or strengthened it (listed in the test's details).",
  },
  remediation:
    'Confirm each change against an approved change record; restart logging (`aws cloudtrail start-logging`) or restore the trail, its selectors, flow logs, detector or recorder if it was not approved. Deny these actions outside a break-glass role with a service control policy, and alert on them (CIS AWS 4.5).',
  criteria: {
    'cis-aws-3': ['3.1', '4.5'],
    soc2: ['CC7.2', 'CC8.1'],
    'pci-dss-4': ['10.2.1.6', '10.3.2'],
    'iso27001-2022': ['A.8.15', 'A.8.16'],
  },
  visitor: {
    visits: [...new Set([...Object.keys(ALWAYS_WEAKENING), ...Object.keys(JUDGED)].map((key) => key.split(' ')[1] ?? key))],
    init: (): TamperingState => ({ matches: [], changes: [] }),
    visit(state, record) {
      if (!succeeded(record)) return;
      const key = `${record.eventSource} ${record.eventName}`;
      const always = ALWAYS_WEAKENING[key];
      const judged = JUDGED[key];
      if (always) {
        const { resource, subject } = always.of(record);
        state.matches.push(eventFinding(record, resource, `${subject} ${always.verb} ${eventContext(record)}`));
      } else if (judged) {
        state.changes.push(loggedChange(record, judged));
      }
    },
    merge(a, b) {
      for (const match of b.matches) a.matches.push(match);
      for (const change of b.changes) a.changes.push(change);
      return a;
    },
    finish(state, { records }) {
      const { weakened, harmless } = replayChanges(state.changes);
      const findings = orderedFindings([...state.matches, ...weakened]);
      return {
        examined: records,
        findings,
        metrics: { tampering_events: findings.length, harmless_changes: harmless.length },
        ...(harmless.length > 0 ? { details: { changes_not_weakening: harmless } } : {}),
      };
    },
  },
});
