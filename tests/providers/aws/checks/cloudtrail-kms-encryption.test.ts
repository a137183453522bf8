import check from '../../../../src/providers/aws/checks/cloudtrail-kms-encryption.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { trail } from './trails.js';

new CheckTester(check).run({
  pass: [{ name: 'the trail uses a KMS key', records: [trail()], examined: 1 }],
  fail: [
    {
      name: 'the demo trail: logging with validation, but S3-managed encryption only',
      records: [trail({ kmsKeyId: null })],
      examined: 1,
      findings: [
        {
          resource: 'arn:aws:cloudtrail:eu-west-1:210987654321:trail/main-trail',
          message: 'trail main-trail (eu-west-1) stores its logs in s3://audit-logs-210987654321 without a KMS key: only S3-managed encryption',
        },
      ],
    },
    {
      name: 'two trails, one without a bucket name in the export',
      records: [trail({ kmsKeyId: null }), trail({ name: 'other', kmsKeyId: null, s3BucketName: null })],
      examined: 2,
      findings: [
        { resource: 'arn:aws:cloudtrail:eu-west-1:210987654321:trail/main-trail', message: /^trail main-trail \(eu-west-1\) stores its logs in s3:/ },
        { resource: 'arn:aws:cloudtrail:eu-west-1:210987654321:trail/other', message: 'trail other (eu-west-1) stores its logs without a KMS key: only S3-managed encryption' },
      ],
    },
  ],
  vacuous: [{ name: 'no trails', records: [] }],
});
