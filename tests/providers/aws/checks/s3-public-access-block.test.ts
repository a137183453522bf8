import check from '../../../../src/providers/aws/checks/s3-public-access-block.js';
import s3Buckets, { type PublicAccessBlock, type S3Bucket } from '../../../../src/providers/aws/sources/s3-buckets.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { recordsOf } from './export-records.js';

const FULL: PublicAccessBlock = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const NONE: PublicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };

function bucket(name: string, bucketBlock: PublicAccessBlock | null, accountBlock: PublicAccessBlock | null = null): S3Bucket {
  return { name, arn: `arn:aws:s3:::${name}`, accountId: '210987654321', bucketBlock, accountBlock };
}

new CheckTester(check).run({
  pass: [
    { name: 'every bucket blocks public access itself', records: [bucket('a', FULL), bucket('b', FULL)], examined: 2 },
    { name: 'the account-level block covers a bucket without its own', records: [bucket('a', null, FULL), bucket('b', NONE, FULL)], examined: 2 },
    {
      name: 'flags combine across the two levels',
      records: [bucket('a', { ...NONE, blockPublicAcls: true, ignorePublicAcls: true }, { ...NONE, blockPublicPolicy: true, restrictPublicBuckets: true })],
      examined: 1,
    },
    { name: 'the CLI v1 demo export: account-level block', records: recordsOf(s3Buckets, 'aws/v1/210987654321/global/s3-buckets.json'), examined: 2 },
  ],
  fail: [
    {
      name: 'the demo export: the marketing bucket blocks ACLs only',
      records: recordsOf(s3Buckets, 'aws/210987654321/global/s3-buckets.json'),
      examined: 3,
      findings: [
        {
          resource: 'arn:aws:s3:::marketing-site-210987654321',
          message:
            'bucket marketing-site-210987654321 does not block public access: BlockPublicPolicy and RestrictPublicBuckets off on the bucket, and the account has no configuration',
          details: { off: ['BlockPublicPolicy', 'RestrictPublicBuckets'] },
        },
      ],
    },
    {
      name: 'no configuration at either level, and one flag off at both',
      records: [bucket('open', null), bucket('half', { ...FULL, ignorePublicAcls: false }, { ...NONE, blockPublicAcls: true })],
      examined: 2,
      findings: [
        { resource: 'arn:aws:s3:::open', message: "bucket open has no Block Public Access configuration, neither its own nor its account's" },
        { resource: 'arn:aws:s3:::half', message: 'bucket half does not block public access: IgnorePublicAcls off on the bucket and on the account' },
      ],
    },
  ],
  vacuous: [{ name: 'no buckets', records: [] }],
});
