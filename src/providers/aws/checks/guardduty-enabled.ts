import { z } from 'zod';
import type { GuardDutyRegion } from '../sources/guardduty-detectors.js';
import { defineCheck } from '../../../kit/define-check.js';
import { regionScopes, regionsParam, type RegionScope } from '../lib/regional-scope.js';

const params = z.strictObject({ regions: regionsParam });

export default defineCheck({
  id: 'aws/guardduty-enabled',
  title: 'GuardDuty is enabled in every region',
  description:
    'Each region in `regions` (default: every exported region) of each account has a GuardDuty detector whose status is `ENABLED`. ' +
    'A region with no detector, only disabled (suspended) detectors, detectors of unknown status (only list-detectors exported) or no export at all fails: threat detection that is off in a region misses what happens there.',
  inputs: { records: 'aws/guardduty-detectors' },
  params,
  resourceExample: '123456789012/eu-west-1',
  remediation:
    'Run `aws guardduty create-detector --enable --region REGION` (or `update-detector --enable` for a suspended one) in each listed region; in AWS Organizations, let the delegated administrator auto-enable GuardDuty for every account and region.',
  criteria: {
    soc2: ['CC7.2', 'CC7.3'],
    'pci-dss-4': ['10.4.1.1', '11.5.1'],
    'iso27001-2022': ['A.8.16'],
  },
  run({ inputs: { records }, params: { regions } }) {
    const scopes = regionScopes(records, regions);
    return { examined: scopes.length, findings: scopes.flatMap(regionFinding) };
  },
});

function regionFinding(scope: RegionScope<GuardDutyRegion>) {
  const detectors = scope.records.flatMap((record) => record.detectors);
  if (detectors.some((detector) => detector.status === 'ENABLED')) return [];
  const where = `in ${scope.region} of account ${scope.account}`;
  if (scope.records.length === 0) return [{ resource: scope.resource, message: `GuardDuty ${where} was not exported; expected an enabled detector` }];
  if (detectors.length === 0) return [{ resource: scope.resource, message: `GuardDuty is not enabled ${where}: no detector` }];
  const states = detectors.map((detector) => `${detector.detectorId} ${detector.status ?? 'of unknown status (get-detector not exported)'}`);
  return [{ resource: scope.resource, message: `GuardDuty is not enabled ${where}: detector ${states.join(', ')}` }];
}
