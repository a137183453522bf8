import check from '../../../../src/providers/aws/checks/cloudtrail-log-validation.js';
import { CheckTester } from '../../../../src/testing/index.js';
import trails from '../../../../src/providers/aws/sources/cloudtrail-trails.js';
import { recordsOf } from './export-records.js';
import { trail } from './trails.js';

const demo = recordsOf(trails, 'aws/210987654321/eu-west-1/cloudtrail-trails.json', 'aws/210987654321/us-east-1/cloudtrail-trails.json');

new CheckTester(check).run({
  pass: [
    { name: 'validation on every trail', records: [trail(), trail({ name: 'legacy', homeRegion: 'us-east-1', multiRegion: false })], examined: 2 },
    { name: 'the demo export: a multi-region trail listed by two regions counts once', records: demo, examined: 1 },
  ],
  fail: [
    {
      name: 'one trail without validation',
      records: [trail(), trail({ name: 'legacy', homeRegion: 'us-east-1', multiRegion: false, logFileValidation: false })],
      examined: 2,
      findings: [
        {
          resource: 'arn:aws:cloudtrail:us-east-1:210987654321:trail/legacy',
          message: 'trail legacy (us-east-1) has log file validation disabled: no digest files, so altered or deleted log files go unnoticed',
        },
      ],
    },
  ],
  vacuous: [{ name: 'no trails', records: [] }],
});
