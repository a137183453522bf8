import type { CloudTrailRecord } from '../sources/cloudtrail-logs.js';
import { defineCheck } from '../../../kit/define-check.js';
import { accountOf, eventContext, eventFinding, finishMatches, initMatches, mergeMatches, partitionOf, stringParameter, succeeded } from '../lib/cloudtrail-event-findings.js';

const TRAIL_CHANGES = new Set(['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors']);
const FLOW_LOG_ID = /^fl-[0-9a-f]+$/;

function isTampering(record: CloudTrailRecord): boolean {
  if (record.eventSource === 'cloudtrail.amazonaws.com') return TRAIL_CHANGES.has(record.eventName);
  return record.eventSource === 'ec2.amazonaws.com' && record.eventName === 'DeleteFlowLogs';
}

/** The trail's ARN: `name` (StopLogging, DeleteTrail, UpdateTrail) or `trailName` (PutEventSelectors) is a name or an ARN. */
function trailArn(record: CloudTrailRecord): string {
  const name = stringParameter(record, 'name') ?? stringParameter(record, 'trailName') ?? 'unknown';
  return name.startsWith('arn:') ? name : `arn:${partitionOf(record)}:cloudtrail:${record.awsRegion}:${accountOf(record)}:trail/${name}`;
}

/** Flow log ids anywhere in the request (EC2 logs them inside `DeleteFlowLogsRequest`), sorted. */
function flowLogIds(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return FLOW_LOG_ID.test(value) ? [value] : [];
  if (value === null || typeof value !== 'object' || depth > 5) return [];
  return Object.values(value).flatMap((child: unknown) => flowLogIds(child, depth + 1)).sort();
}

function tamperingMessage(record: CloudTrailRecord): { resource: string; what: string } {
  if (record.eventName === 'DeleteFlowLogs') {
    const ids = flowLogIds(record.requestParameters);
    const prefix = `arn:${partitionOf(record)}:ec2:${record.awsRegion}:${accountOf(record)}:vpc-flow-log/`;
    return { resource: `${prefix}${ids[0] ?? '*'}`, what: `VPC flow logs ${ids.length > 0 ? ids.join(', ') : '(ids not logged)'} deleted` };
  }
  const trail = trailArn(record);
  const verbs: Record<string, string> = {
    StopLogging: 'stopped logging',
    DeleteTrail: 'deleted',
    UpdateTrail: 'changed (UpdateTrail)',
    PutEventSelectors: 'had its event selectors replaced (PutEventSelectors)',
  };
  return { resource: trail, what: `trail ${trail} ${verbs[record.eventName] ?? record.eventName}` };
}

export default defineCheck({
  id: 'aws/ct-logging-tampering',
  title: 'Audit logging is not stopped or weakened',
  description:
    'No successful call in CloudTrail stopped or weakened audit logging: `StopLogging`, `DeleteTrail`, `UpdateTrail` and `PutEventSelectors` on a trail, `DeleteFlowLogs` on VPC flow logs. Any of them can blind detection, so each needs a change record; calls that failed (an `errorCode`) are not findings.',
  inputs: { events: 'aws/cloudtrail-logs' },
  metrics: { tampering_events: 'Successful calls that stopped or changed audit logging.' },
  remediation:
    'Confirm each change against an approved change record; restart logging (`aws cloudtrail start-logging`) or restore the trail and flow logs if it was not approved. Deny these actions outside a break-glass role with a service control policy, and alert on them (CIS AWS 4.5).',
  criteria: {
    'cis-aws-3': ['3.1', '4.5'],
    soc2: ['CC7.2', 'CC8.1'],
    'pci-dss-4': ['10.2.1.6', '10.3.2'],
    'iso27001-2022': ['A.8.15', 'A.8.16'],
  },
  visitor: {
    visits: ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors', 'DeleteFlowLogs'],
    init: initMatches,
    visit(state, record) {
      if (!isTampering(record) || !succeeded(record)) return;
      const { resource, what } = tamperingMessage(record);
      state.matches.push(eventFinding(record, resource, `${what} ${eventContext(record)}`));
    },
    merge: mergeMatches,
    finish: (state, { records }) => finishMatches(state, records, 'tampering_events'),
  },
});
