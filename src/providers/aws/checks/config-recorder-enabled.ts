import { z } from 'zod';
import type { ConfigRecorder, ConfigRegion } from '../sources/config-recorders.js';
import { formatDate } from '../../../core/time.js';
import { defineCheck } from '../../../kit/define-check.js';
import { regionScopes, regionsParam, type RegionScope } from '../lib/regional-scope.js';

const params = z.strictObject({ regions: regionsParam });

export default defineCheck({
  id: 'aws/config-recorder-enabled',
  title: 'AWS Config records configuration changes in every region',
  description:
    'Each region in `regions` (default: every exported region) of each account has an AWS Config configuration recorder that is recording (`recording` in describe-configuration-recorder-status) and whose last delivery did not fail (`lastStatus` other than FAILURE). ' +
    'A region with no recorder, a stopped or failing recorder, no exported status or no export at all fails. Covers CIS AWS Foundations 3.0 recommendation 3.3.',
  inputs: { records: 'aws/config-recorders' },
  params,
  resourceExample: '123456789012/eu-west-1',
  remediation:
    'Set up AWS Config in each listed region (console quick setup, or `aws configservice put-configuration-recorder` with a delivery channel, then `start-configuration-recorder`), recording all supported resource types; ' +
    'for a failing recorder, fix what `lastErrorCode` names (usually the role or the delivery bucket policy).',
  criteria: {
    'cis-aws-3': ['3.3'],
    soc2: ['CC7.1'],
    'pci-dss-4': ['10.2.1'],
    'iso27001-2022': ['A.8.9', 'A.8.16'],
  },
  run({ inputs: { records }, params: { regions } }) {
    const scopes = regionScopes(records, regions);
    return { examined: scopes.length, findings: scopes.flatMap(regionFinding) };
  },
});

function regionFinding(scope: RegionScope<ConfigRegion>) {
  const recorders = scope.records.flatMap((record) => record.recorders);
  if (recorders.some((recorder) => recorder.recording === true && !failed(recorder))) return [];
  const where = `in ${scope.region} of account ${scope.account}`;
  if (scope.records.length === 0) return [{ resource: scope.resource, message: `AWS Config ${where} was not exported; expected a recording configuration recorder` }];
  if (recorders.length === 0) return [{ resource: scope.resource, message: `AWS Config records nothing ${where}: no configuration recorder` }];
  return [{ resource: scope.resource, message: `AWS Config records nothing ${where}: ${recorders.map(describeRecorder).join('; ')}` }];
}

function failed(recorder: ConfigRecorder): boolean {
  return recorder.lastStatus?.toUpperCase() === 'FAILURE';
}

function describeRecorder(recorder: ConfigRecorder): string {
  const name = `recorder ${recorder.name}`;
  if (recorder.recording === null) return `${name} has no exported status`;
  if (!recorder.recording) return `${name} is stopped${recorder.lastStopTime ? ` since ${formatDate(recorder.lastStopTime)}` : ''}`;
  const error = [recorder.lastErrorCode, recorder.lastErrorMessage].filter((part) => part !== null).join(': ');
  return `${name} is recording but its last delivery failed${error ? ` (${error})` : ''}`;
}
