import type { CloudTrailTrail } from '../sources/cloudtrail-trails.js';
import { formatDate } from '../../../core/time.js';
import { defineCheck, type Finding } from '../../../kit/define-check.js';

const EXPECTED = 'multi-region trail that is logging, with read and write management events';

export default defineCheck({
  id: 'aws/cloudtrail-multi-region',
  title: 'A multi-region trail logs every management event',
  description:
    'Each account has at least one CloudTrail trail that covers every region (`IsMultiRegionTrail`), is logging now (`IsLogging` from get-trail-status) and records both read and write management events (its event selectors, or the defaults when it has none). ' +
    'A trail whose status or custom selectors were not exported does not count: it has not been shown to log. A trail exported before `HasCustomEventSelectors` existed has the default selectors. An export with no trail at all fails. Covers CIS AWS Foundations 3.0 recommendation 3.1.',
  inputs: { records: 'aws/cloudtrail-trails' },
  resourceExample: '123456789012',
  remediation:
    'Create a trail with `aws cloudtrail create-trail --name main-trail --s3-bucket-name BUCKET --is-multi-region-trail --enable-log-file-validation --kms-key-id KEY`, then `aws cloudtrail start-logging --name main-trail`; ' +
    'keep the default event selectors (all read and write management events). If a trail exists but stopped, find out who stopped it (StopLogging in CloudTrail) before starting it again.',
  criteria: {
    'cis-aws-3': ['3.1'],
    soc2: ['CC7.2'],
    'pci-dss-4': ['10.2.1'],
    'iso27001-2022': ['A.8.15', 'A.8.16'],
  },
  run({ inputs: { records } }) {
    if (records.length === 0) {
      return { examined: 1, findings: [{ resource: 'unknown-account', message: `no CloudTrail trail in the export; expected a ${EXPECTED}` }] };
    }
    const accounts = groupByAccount(records);
    return { examined: accounts.size, findings: [...accounts].flatMap(([account, trails]) => accountFinding(account, trails)) };
  },
});

function groupByAccount(trails: readonly CloudTrailTrail[]): Map<string, CloudTrailTrail[]> {
  const accounts = new Map<string, CloudTrailTrail[]>();
  for (const trail of trails) {
    const account = trail.accountId ?? 'unknown-account';
    accounts.set(account, [...(accounts.get(account) ?? []), trail]);
  }
  return accounts;
}

function accountFinding(account: string, trails: readonly CloudTrailTrail[]): Finding[] {
  const shortfalls = trails.map((trail) => ({ trail: trail.name, shortfalls: trailShortfalls(trail) }));
  if (shortfalls.some((entry) => entry.shortfalls.length === 0)) return [];
  const summary = shortfalls.map((entry) => `${entry.trail}: ${entry.shortfalls.join(', ')}`).join('; ');
  return [{ resource: account, message: `account ${account} has no ${EXPECTED} (${summary})`, details: { trails: shortfalls } }];
}

/** Why a trail is not the one the check looks for; empty when it is. */
function trailShortfalls(trail: CloudTrailTrail): string[] {
  const shortfalls: string[] = [];
  if (!trail.multiRegion) shortfalls.push(`single-region (${trail.homeRegion})`);
  if (!trail.status) shortfalls.push('logging status not exported');
  else if (!trail.status.isLogging) {
    shortfalls.push(trail.status.stopLoggingTime ? `not logging since ${formatDate(trail.status.stopLoggingTime)}` : 'not logging');
  }
  const events = trail.managementEvents;
  if (!events) shortfalls.push('custom event selectors not exported');
  else if (!events.read && !events.write) shortfalls.push('records no management events');
  else if (!events.read) shortfalls.push('records no read management events');
  else if (!events.write) shortfalls.push('records no write management events');
  return shortfalls;
}
