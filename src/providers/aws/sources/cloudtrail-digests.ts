import { createHash } from 'node:crypto';
import { z } from 'zod';
import { defineSource, pathInCatalog, type SourceText } from '../../../kit/define-source.js';
import { readAwsDocument } from '../lib/export-file.js';

/** One log file a digest lists: where CloudTrail delivered it and the SHA-256 of its uncompressed content. */
export interface DigestLogFile {
  s3Bucket: string;
  s3Object: string;
  hashValue: string;
  hashAlgorithm: string;
}

/** One CloudTrail digest file (log file integrity validation): an hour of a trail's deliveries in one region. */
export interface CloudTrailDigest {
  /** The file, relative to the catalog's folder. */
  file: string;
  /** Hex SHA-256 of the digest's uncompressed content: what the next digest's `previousDigestHashValue` must be. */
  contentSha256: string;
  awsAccountId: string;
  /** The region that delivered it, from `digestS3Object` (`.../CloudTrail-Digest/<region>/...`). */
  region: string;
  /** As written: the signed string quotes it verbatim. */
  digestStartTime: string;
  digestEndTime: string;
  digestS3Bucket: string;
  digestS3Object: string;
  digestPublicKeyFingerprint: string;
  digestSignatureAlgorithm: string;
  /** All null in a starting digest (validation turned on or logging restarted). */
  previousDigestS3Bucket: string | null;
  previousDigestS3Object: string | null;
  previousDigestHashValue: string | null;
  previousDigestHashAlgorithm: string | null;
  previousDigestSignature: string | null;
  logFiles: readonly DigestLogFile[];
}

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'aws/cloudtrail-digests': CloudTrailDigest;
  }
}

const DESCRIPTION = {
  expected: 'a CloudTrail digest file ({"digestStartTime", "digestEndTime", "logFiles", ...})',
  hint: 'Point the source at the digest files a trail with log file validation delivers to S3: AWSLogs/<account>/CloudTrail-Digest/<region>/YYYY/MM/DD/*.json.gz (aws s3 sync keeps them as they are).',
};

const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const instant = z.string().regex(UTC_INSTANT, 'Expected a UTC timestamp like 2015-08-17T15:01:31Z');
const nullable = z.string().nullable().optional().transform((value) => value ?? null);
const REGION_IN_KEY = /(?:^|\/)CloudTrail-Digest\/([a-z]{2}(?:-[a-z]+)+-\d+)\//;

const digestSchema = z.object({
  awsAccountId: z.string().min(1),
  digestStartTime: instant,
  digestEndTime: instant,
  digestS3Bucket: z.string().min(1),
  digestS3Object: z.string().regex(REGION_IN_KEY, 'Expected the digest\'s S3 key, .../CloudTrail-Digest/<region>/...'),
  digestPublicKeyFingerprint: z.string().min(1),
  digestSignatureAlgorithm: z.string().min(1),
  previousDigestS3Bucket: nullable,
  previousDigestS3Object: nullable,
  previousDigestHashValue: nullable,
  previousDigestHashAlgorithm: nullable,
  previousDigestSignature: nullable,
  logFiles: z.array(z.object({ s3Bucket: z.string(), s3Object: z.string(), hashValue: z.string(), hashAlgorithm: z.string() })),
});

function readDigest(file: SourceText): CloudTrailDigest {
  const digest = readAwsDocument(file, [{ key: 'digestStartTime', schema: digestSchema }], DESCRIPTION);
  return {
    file: pathInCatalog(file),
    // The text is the file's UTF-8 content (CloudTrail writes ASCII JSON without a byte order mark), so its hash is the file's.
    contentSha256: createHash('sha256').update(file.text, 'utf8').digest('hex'),
    region: REGION_IN_KEY.exec(digest.digestS3Object)?.[1] ?? '',
    ...digest,
    logFiles: digest.logFiles.map(({ s3Bucket, s3Object, hashValue, hashAlgorithm }) => ({ s3Bucket, s3Object, hashValue, hashAlgorithm })),
  };
}

export default defineSource({
  type: 'aws/cloudtrail-digests',
  kind: 'batch',
  description:
    'CloudTrail digest files (log file integrity validation), one record per file: the hour of deliveries it covers, the log files with the SHA-256 of their uncompressed content, and the link to the previous digest (its S3 key, SHA-256 and signature). Reads the .json.gz files under AWSLogs/<account>/CloudTrail-Digest/ as a trail delivers them.',
  read: (files) => files.map(readDigest),
});
