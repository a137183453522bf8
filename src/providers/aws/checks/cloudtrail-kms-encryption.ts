import { defineCheck } from '../../../kit/define-check.js';

export default defineCheck({
  id: 'aws/cloudtrail-kms-encryption',
  title: 'CloudTrail logs are encrypted with a KMS key',
  description:
    'Every CloudTrail trail encrypts its log files with a KMS key (`KmsKeyId`, SSE-KMS) rather than only the S3-managed default, so reading the logs needs a key policy grant as well as bucket access. ' +
    'A multi-region trail listed by several regions counts once. Covers CIS AWS Foundations 3.0 recommendation 3.5.',
  inputs: { records: 'aws/cloudtrail-trails' },
  resourceExample: 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/main-trail',
  remediation:
    'Create a symmetric customer managed key whose key policy lets cloudtrail.amazonaws.com encrypt and your log readers decrypt, then run `aws cloudtrail update-trail --name TRAIL --kms-key-id KEY_ARN` in the trail\'s home region.',
  criteria: {
    'cis-aws-3': ['3.5'],
    soc2: ['CC6.1'],
    'pci-dss-4': ['10.3.1', '10.3.2'],
    'iso27001-2022': ['A.8.15', 'A.8.24'],
  },
  run({ inputs: { records } }) {
    return {
      examined: records.length,
      findings: records
        .filter((trail) => trail.kmsKeyId === null)
        .map((trail) => {
          const bucket = trail.s3BucketName ? ` in s3://${trail.s3BucketName}` : '';
          return {
            resource: trail.arn,
            message: `trail ${trail.name} (${trail.homeRegion}) stores its logs${bucket} without a KMS key: only S3-managed encryption`,
          };
        }),
    };
  },
});
