import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import digests from '../../../../src/providers/aws/sources/cloudtrail-digests.js';
import keys from '../../../../src/providers/aws/sources/cloudtrail-public-keys.js';
import { fixtures, userErrorOf } from './export-fixtures.js';

const KEY = 'AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2015/08/20/111122223333_CloudTrail-Digest_us-east-2_example-trail-name_us-east-2_20150820T180131Z.json.gz';

// The "empty" digest of the AWS documentation, previous signature shortened.
const EMPTY_HOUR = `{"awsAccountId":"111122223333","digestStartTime":"2015-08-20T17:01:31Z","digestEndTime":"2015-08-20T18:01:31Z","digestS3Bucket":"example-bucket-name","digestS3Object":"${KEY}","digestPublicKeyFingerprint":"31e8b5433410dfb61a9dc45cc65b22ff","digestSignatureAlgorithm":"SHA256withRSA","newestEventTime":null,"oldestEventTime":null,"previousDigestS3Bucket":"example-bucket-name","previousDigestS3Object":"AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2015/08/20/111122223333_CloudTrail-Digest_us-east-2_example-trail-name_us-east-2_20150820T170131Z.json.gz","previousDigestHashValue":"ed96c4bac9eaa8fe9716ca0e515da51938be651b1db31d781956416a9d05cdfa","previousDigestHashAlgorithm":"SHA-256","previousDigestSignature":"82705525fb0fe7f9","logFiles":[]}`;

describe('aws/cloudtrail-digests', () => {
  it('reads a digest with its region, verbatim times and the SHA-256 of its content', () => {
    const [record] = digests.read([{ display: '/x/digest.json', text: EMPTY_HOUR, path: 'digest.json' }]);
    expect(record).toMatchObject({
      file: 'digest.json',
      awsAccountId: '111122223333',
      region: 'us-east-2',
      digestEndTime: '2015-08-20T18:01:31Z',
      digestS3Object: KEY,
      previousDigestSignature: '82705525fb0fe7f9',
      logFiles: [],
      contentSha256: createHash('sha256').update(EMPTY_HOUR).digest('hex'),
    });
  });

  it('refuses a file that is not a digest, and a digest time it cannot read, at their place', () => {
    expect(userErrorOf(digests, [{ display: '/x/log.json', text: '{"Records": []}' }]).message).toMatch(/^Expected a CloudTrail digest file/);
    const error = userErrorOf(digests, [{ display: '/x/d.json', text: EMPTY_HOUR.replace('"2015-08-20T18:01:31Z"', '"yesterday"') }]);
    expect(error.message).toMatch(/Expected a UTC timestamp like 2015-08-17T15:01:31Z/);
    expect(error.position?.line).toBe(1);
  });
});

describe('aws/cloudtrail-public-keys', () => {
  it('reads list-public-keys output, one record per key', async () => {
    const records = keys.read(await fixtures('aws/210987654321/eu-west-1/cloudtrail-public-keys.json'));
    expect(records).toHaveLength(1);
    expect(records[0]?.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(records[0]?.validFrom).toEqual(new Date('2026-08-03T11:26:03Z'));
    expect(Buffer.from(records[0]?.value ?? '', 'base64').length).toBeGreaterThan(200);
  });
});
