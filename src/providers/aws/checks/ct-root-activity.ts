import type { CloudTrailRecord } from '../sources/cloudtrail-logs.js';
import { defineCheck } from '../../../kit/define-check.js';
import { describePrincipal, eventFinding, finishMatches, initMatches, mergeMatches, principalArn, whereAndWhen } from '../lib/cloudtrail-event-findings.js';

/** The CIS 4.3 filter: the root user acting itself, not an AWS service acting for it. */
function isRootActivity(record: CloudTrailRecord): boolean {
  return record.userIdentity.type === 'Root' && record.userIdentity.invokedBy === null && record.eventType !== 'AwsServiceEvent';
}

function outcome(record: CloudTrailRecord): string {
  if (record.errorCode !== null) return ` (failed: ${record.errorCode})`;
  return record.consoleLogin === 'Failure' ? ' (failed)' : '';
}

export default defineCheck({
  id: 'aws/ct-root-activity',
  title: 'The root user is not used',
  description:
    'No CloudTrail event was made by the root user itself (`userIdentity.type: "Root"`, no `invokedBy`, not an `AwsServiceEvent`: the filter of CIS AWS Foundations 4.3), failed attempts included. Root has every permission and cannot be limited by IAM policy; using it for daily work defeats least privilege and leaves no personal accountability.',
  inputs: { events: 'aws/cloudtrail-logs' },
  metrics: { root_events: 'Events made by the root user.' },
  remediation:
    'Find out who used the root user and why; rotate its password and check its MFA device if the use was not planned. Do the task with an IAM role instead, keep root for the few tasks that need it (a documented break-glass procedure), and alert on root sign-ins.',
  criteria: {
    'cis-aws-3': ['1.7', '4.3'],
    soc2: ['CC6.1', 'CC7.2'],
    'pci-dss-4': ['8.2.2', '10.2.1.2'],
    'iso27001-2022': ['A.8.2', 'A.8.16'],
  },
  visitor: {
    // Only a record with userIdentity.type "Root" can match: the pass parses only records that mention it.
    mentions: ['Root'],
    init: initMatches,
    visit(state, record) {
      if (!isRootActivity(record)) return;
      const message = `${describePrincipal(record.userIdentity)} called ${record.eventName}${outcome(record)} ${whereAndWhen(record)}`;
      state.matches.push(eventFinding(record, principalArn(record), message));
    },
    merge: mergeMatches,
    finish: (state, { records }) => finishMatches(state, records, 'root_events'),
  },
});
