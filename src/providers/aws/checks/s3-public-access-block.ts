import type { PublicAccessBlock, S3Bucket } from '../sources/s3-buckets.js';
import { defineCheck } from '../../../kit/define-check.js';

const FLAGS = [
  ['blockPublicAcls', 'BlockPublicAcls'],
  ['ignorePublicAcls', 'IgnorePublicAcls'],
  ['blockPublicPolicy', 'BlockPublicPolicy'],
  ['restrictPublicBuckets', 'RestrictPublicBuckets'],
] as const satisfies readonly (readonly [keyof PublicAccessBlock, string])[];

export default defineCheck({
  id: 'aws/s3-public-access-block',
  title: 'S3 buckets block public access',
  description:
    'Every S3 bucket has all four Block Public Access settings in effect (BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets), each set on the bucket or on the whole account (s3control), since S3 applies whichever is stricter. ' +
    'A bucket with no configuration of its own in an account with none fails. Covers CIS AWS Foundations 3.0 recommendation 2.1.4.',
  inputs: { records: 'aws/s3-buckets' },
  resourceExample: 'arn:aws:s3:::example-bucket',
  remediation:
    'Block public access for the whole account with `aws s3control put-public-access-block --account-id ACCOUNT --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`; ' +
    'serve public content through CloudFront with origin access control instead of a public bucket. For a bucket that must stay public, record an exception.',
  criteria: {
    'cis-aws-3': ['2.1.4'],
    soc2: ['CC6.1', 'CC6.6'],
    'pci-dss-4': ['1.4.4'],
    'iso27001-2022': ['A.5.15', 'A.8.3'],
  },
  run({ inputs: { records } }) {
    return { examined: records.length, findings: records.flatMap(bucketFinding) };
  },
});

function bucketFinding(bucket: S3Bucket) {
  if (!bucket.bucketBlock && !bucket.accountBlock) {
    return [{ resource: bucket.arn, message: `bucket ${bucket.name} has no Block Public Access configuration, neither its own nor its account's` }];
  }
  const off = FLAGS.filter(([flag]) => !bucket.bucketBlock?.[flag] && !bucket.accountBlock?.[flag]).map(([, name]) => name);
  if (off.length === 0) return [];
  const where = bucket.accountBlock ? 'on the bucket and on the account' : 'on the bucket, and the account has no configuration';
  return [{ resource: bucket.arn, message: `bucket ${bucket.name} does not block public access: ${joinAnd(off)} off ${where}`, details: { off } }];
}

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
