import check from '../../../../src/providers/aws/checks/config-recorder-enabled.js';
import configRecorders, { type ConfigRecorder, type ConfigRegion } from '../../../../src/providers/aws/sources/config-recorders.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { recordsOf } from './export-records.js';

function recorder(overrides: Partial<ConfigRecorder> = {}): ConfigRecorder {
  return {
    name: 'default',
    recording: true,
    lastStatus: 'SUCCESS',
    lastStatusChangeTime: new Date('2026-10-31T22:47:03.295Z'),
    lastStartTime: new Date('2024-06-03T08:12:40.611Z'),
    lastStopTime: null,
    lastErrorCode: null,
    lastErrorMessage: null,
    allSupported: true,
    includeGlobalResourceTypes: true,
    ...overrides,
  };
}

function region(name: string, recorders: readonly ConfigRecorder[]): ConfigRegion {
  return { accountId: '210987654321', region: name, recorders };
}

new CheckTester(check).run({
  pass: [
    {
      name: 'the demo export: recording in both regions',
      records: recordsOf(configRecorders, 'aws/210987654321/eu-west-1/config-recorders.json', 'aws/210987654321/us-east-1/config-recorders.json'),
      examined: 2,
    },
    {
      name: 'the CLI v1 demo export, one region a bare status output',
      records: recordsOf(configRecorders, 'aws/v1/210987654321/eu-west-1/config-recorders.json', 'aws/v1/210987654321/us-east-1/config-recorders.json'),
      examined: 2,
    },
    { name: 'a pending status (first delivery not done yet) counts as recording', records: [region('eu-west-1', [recorder({ lastStatus: 'Pending' })])], examined: 1 },
  ],
  fail: [
    {
      name: 'no recorder, a stopped one, a failing one (model spelling), one of unknown status',
      records: [
        region('eu-west-1', []),
        region('us-east-1', [recorder({ recording: false, lastStopTime: new Date('2026-09-30T17:00:00Z') })]),
        region('eu-central-1', [recorder({ lastStatus: 'Failure', lastErrorCode: 'AccessDenied', lastErrorMessage: 'Insufficient delivery policy to s3 bucket: config-bucket' })]),
        region('ap-south-1', [recorder({ recording: null, lastStatus: null })]),
      ],
      examined: 4,
      findings: [
        { resource: '210987654321/eu-west-1', message: 'AWS Config records nothing in eu-west-1 of account 210987654321: no configuration recorder' },
        { resource: '210987654321/us-east-1', message: 'AWS Config records nothing in us-east-1 of account 210987654321: recorder default is stopped since 2026-09-30' },
        {
          resource: '210987654321/eu-central-1',
          message:
            'AWS Config records nothing in eu-central-1 of account 210987654321: recorder default is recording but its last delivery failed (AccessDenied: Insufficient delivery policy to s3 bucket: config-bucket)',
        },
        { resource: '210987654321/ap-south-1', message: 'AWS Config records nothing in ap-south-1 of account 210987654321: recorder default has no exported status' },
      ],
    },
    {
      name: 'a required region that was not exported',
      records: [region('eu-west-1', [recorder()])],
      params: { regions: ['eu-west-1', 'us-west-2'] },
      examined: 2,
      findings: [{ resource: '210987654321/us-west-2', message: 'AWS Config in us-west-2 of account 210987654321 was not exported; expected a recording configuration recorder' }],
    },
  ],
  vacuous: [{ name: 'no exported region', records: [] }],
});
