import { describe, expect, it } from 'vitest';
import adapter from '../../../../src/providers/aws/sources/s3-buckets.js';
import { displayOf, fixtures, userErrorOf } from './export-fixtures.js';

const FULL = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

describe('aws/s3-buckets', () => {
  it('reads the CLI v2 export: one record per bucket, the account has no configuration (null)', async () => {
    expect(adapter.read(await fixtures('aws/210987654321/global/s3-buckets.json'))).toEqual([
      { name: 'app-data-210987654321', arn: 'arn:aws:s3:::app-data-210987654321', accountId: '210987654321', bucketBlock: FULL, accountBlock: null },
      { name: 'audit-logs-210987654321', arn: 'arn:aws:s3:::audit-logs-210987654321', accountId: '210987654321', bucketBlock: FULL, accountBlock: null },
      {
        name: 'marketing-site-210987654321',
        arn: 'arn:aws:s3:::marketing-site-210987654321',
        accountId: '210987654321',
        bucketBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false },
        accountBlock: null,
      },
    ]);
  });

  it('reads the CLI v1 export: an account-level block and a bucket without its own (null)', async () => {
    const buckets = adapter.read(await fixtures('aws/v1/210987654321/global/s3-buckets.json'));
    expect(buckets.map((bucket) => [bucket.name, bucket.bucketBlock, bucket.accountBlock])).toEqual([
      ['app-data-210987654321', null, FULL],
      ['audit-logs-210987654321', FULL, FULL],
    ]);
  });

  it('takes the account from the path when the file does not name it, and treats a missing flag as off', () => {
    const text = '{"BucketPublicAccessBlock": {"logs": {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true}}}}';
    expect(adapter.read([{ display: 'exports/109876543210/global/s3-buckets.json', text }])).toEqual([
      {
        name: 'logs',
        arn: 'arn:aws:s3:::logs',
        accountId: '109876543210',
        bucketBlock: { blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false },
        accountBlock: null,
      },
    ]);
  });

  it('reports a malformed file at the line and column of the JSON error', async () => {
    const error = userErrorOf(adapter, await fixtures('aws/bad/s3-buckets.json'));
    expect(error.located).toBe(`${displayOf('aws/bad/s3-buckets.json')}:10:5: Invalid JSON: expected a property name in double quotes, found "}"`);
  });

  it('refuses an empty file', async () => {
    expect(userErrorOf(adapter, await fixtures('aws/bad/s3-buckets-empty.json')).located).toMatch(
      new RegExp(`^${displayOf('aws/bad/s3-buckets-empty.json')}:1:1: File is empty: expected the \\{"AccountId"`),
    );
  });

  it('refuses a bare get-public-access-block output, which names no bucket', () => {
    const text = '{"PublicAccessBlockConfiguration": {"BlockPublicAcls": true}}';
    expect(userErrorOf(adapter, [{ display: 'pab.json', text }]).message).toMatch(/; found an object with keys PublicAccessBlockConfiguration$/);
  });
});
