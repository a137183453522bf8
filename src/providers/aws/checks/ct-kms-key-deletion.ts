import type { CloudTrailRecord } from '../sources/cloudtrail-logs.js';
import { defineCheck } from '../../../kit/define-check.js';
import { accountOf, eventContext, eventFinding, finishMatches, initMatches, mergeMatches, partitionOf, stringParameter, succeeded } from '../lib/cloudtrail-event-findings.js';

function isKeyRemoval(record: CloudTrailRecord): boolean {
  return record.eventSource === 'kms.amazonaws.com' && (record.eventName === 'ScheduleKeyDeletion' || record.eventName === 'DisableKey');
}

/** The key's ARN: from `resources[]` when logged, else from `keyId` (a key id or an ARN). */
function keyArn(record: CloudTrailRecord): string {
  const logged = record.resourceArns.find((arn) => arn.includes(':kms:') && arn.includes(':key/'));
  if (logged) return logged;
  const keyId = stringParameter(record, 'keyId') ?? 'unknown';
  return keyId.startsWith('arn:') ? keyId : `arn:${partitionOf(record)}:kms:${record.awsRegion}:${accountOf(record)}:key/${keyId}`;
}

function removal(record: CloudTrailRecord): string {
  if (record.eventName === 'DisableKey') return 'disabled';
  const days = record.requestParameters?.pendingWindowInDays;
  return `scheduled for deletion${typeof days === 'number' ? ` in ${days} days` : ''}`;
}

export default defineCheck({
  id: 'aws/ct-kms-key-deletion',
  title: 'KMS keys are not disabled or scheduled for deletion',
  description:
    'No customer-managed KMS key was disabled (`DisableKey`) or scheduled for deletion (`ScheduleKeyDeletion`) in CloudTrail. Data encrypted under a deleted key is lost for good, and a disabled key stops every service that uses it: each of these calls needs an approved change (CIS AWS Foundations 4.7). Failed calls are not findings.',
  inputs: { events: 'aws/cloudtrail-logs' },
  metrics: { key_deletions: 'Successful DisableKey and ScheduleKeyDeletion calls.' },
  remediation:
    'Check each key against an approved change; if it was not approved, cancel the deletion (`aws kms cancel-key-deletion`) within the waiting period and enable the key again. Restrict `kms:ScheduleKeyDeletion` and `kms:DisableKey` in key policies to key administrators, and alert on them.',
  criteria: {
    'cis-aws-3': ['4.7'],
    soc2: ['CC6.1', 'CC7.2'],
    'pci-dss-4': ['3.7.5', '10.2.1.7'],
    'iso27001-2022': ['A.8.24', 'A.8.16'],
  },
  visitor: {
    visits: ['ScheduleKeyDeletion', 'DisableKey'],
    init: initMatches,
    visit(state, record) {
      if (!isKeyRemoval(record) || !succeeded(record)) return;
      const key = keyArn(record);
      state.matches.push(eventFinding(record, key, `KMS key ${key} ${removal(record)} ${eventContext(record)}`));
    },
    merge: mergeMatches,
    finish: (state, { records }) => finishMatches(state, records, 'key_deletions'),
  },
});
