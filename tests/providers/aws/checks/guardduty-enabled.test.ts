import check from '../../../../src/providers/aws/checks/guardduty-enabled.js';
import guardDuty, { type GuardDutyDetector, type GuardDutyRegion } from '../../../../src/providers/aws/sources/guardduty-detectors.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { recordsOf } from './export-records.js';

function detector(detectorId: string, status: string | null): GuardDutyDetector {
  return { detectorId, status, createdAt: null, updatedAt: null, findingPublishingFrequency: status === null ? null : 'SIX_HOURS' };
}

function region(name: string, detectors: readonly GuardDutyDetector[], accountId: string | null = '210987654321'): GuardDutyRegion {
  return { accountId, region: name, detectors };
}

const demo = recordsOf(guardDuty, 'aws/210987654321/eu-west-1/guardduty-detectors.json', 'aws/210987654321/us-east-1/guardduty-detectors.json');

new CheckTester(check).run({
  pass: [
    { name: 'an enabled detector in every exported region', records: [region('eu-west-1', [detector('d1', 'ENABLED')]), region('us-east-1', [detector('d2', 'ENABLED')])], examined: 2 },
    { name: 'the demo export, when only eu-west-1 is required', records: demo, params: { regions: ['eu-west-1'] }, examined: 1 },
  ],
  fail: [
    {
      name: 'the demo export: GuardDuty enabled in eu-west-1 only',
      records: demo,
      examined: 2,
      findings: [{ resource: '210987654321/us-east-1', message: 'GuardDuty is not enabled in us-east-1 of account 210987654321: no detector' }],
    },
    {
      name: 'a suspended detector, one of unknown status, and a required region that was not exported',
      records: [region('eu-west-1', [detector('d1', 'DISABLED')]), region('us-east-1', [detector('d2', null)], null)],
      params: { regions: ['eu-west-1', 'eu-central-1'] },
      examined: 4,
      findings: [
        { resource: '210987654321/eu-west-1', message: 'GuardDuty is not enabled in eu-west-1 of account 210987654321: detector d1 DISABLED' },
        { resource: '210987654321/eu-central-1', message: 'GuardDuty in eu-central-1 of account 210987654321 was not exported; expected an enabled detector' },
        { resource: 'unknown-account/eu-west-1', message: 'GuardDuty in eu-west-1 of account unknown-account was not exported; expected an enabled detector' },
        { resource: 'unknown-account/eu-central-1', message: 'GuardDuty in eu-central-1 of account unknown-account was not exported; expected an enabled detector' },
      ],
    },
    {
      name: 'a detector of unknown status (only list-detectors exported)',
      records: [region('us-east-1', [detector('d2', null)])],
      examined: 1,
      findings: [
        { resource: '210987654321/us-east-1', message: 'GuardDuty is not enabled in us-east-1 of account 210987654321: detector d2 of unknown status (get-detector not exported)' },
      ],
    },
  ],
  vacuous: [{ name: 'no exported region', records: [] }],
});
