// CloudTrail log file validation, offline: what `aws cloudtrail validate-logs` checks, from an export. Digest N's
// signature lives in S3 object metadata, which a download does not keep, but digest N+1 repeats it as
// `previousDigestSignature`: so every digest but the newest of a chain can be verified from the files alone.
import { createPublicKey, verify } from 'node:crypto';
import type { Finding } from '../../../kit/define-check.js';
import type { CloudTrailDigest } from '../sources/cloudtrail-digests.js';
import type { CloudTrailPublicKey } from '../sources/cloudtrail-public-keys.js';

const HOUR_MS = 3_600_000;
/** Digests follow each other without a break (each starts where the last ended): more than this between them is a missing one. */
const DIGEST_SLACK_MS = 5 * 60_000;
/** The digest of the hour before as-of may not be delivered yet. */
const LAST_DIGEST_ALLOWANCE_MS = 2 * HOUR_MS;

/** What the digests say about one account and region: the stretches of the window no digest covers. */
export interface DigestCoverage {
  account: string;
  region: string;
  gaps: { from: number; to: number; edge: 'start' | 'end' | undefined }[];
}

export interface DigestVerdict {
  coverage: DigestCoverage[];
  /** Deleted or modified log files and digests, broken links, signatures that do not verify. */
  problems: Finding[];
  digests: number;
  logFiles: number;
  signaturesVerified: number;
  /** The newest digest of each chain (its signature is only in S3 metadata), or every digest without public keys. */
  signaturesUnverified: number;
}

export interface DigestInputs {
  digests: readonly CloudTrailDigest[];
  /** Log file name (the last part of its S3 key) → hex SHA-256 of its uncompressed content, for every exported log file. */
  logHashes: ReadonlyMap<string, string>;
  keys: readonly CloudTrailPublicKey[];
  windowStart: number;
  windowEnd: number;
}

const s3Url = (bucket: string, key: string): string => `s3://${bucket}/${key}`;
const fileName = (key: string): string => key.slice(key.lastIndexOf('/') + 1);

/** The string CloudTrail signs (see "Custom implementations of CloudTrail log file integrity validation"). */
export function signedString(digest: CloudTrailDigest): string {
  return `${digest.digestEndTime}\n${digest.digestS3Bucket}/${digest.digestS3Object}\n${digest.contentSha256}\n${digest.previousDigestSignature ?? 'null'}`;
}

/** Whether `signature` (hex) is CloudTrail's SHA256withRSA signature of `digest` under `key` (base64 DER PKCS #1). */
export function signatureVerifies(digest: CloudTrailDigest, signature: string, key: CloudTrailPublicKey): boolean {
  try {
    const publicKey = createPublicKey({ key: Buffer.from(key.value, 'base64'), format: 'der', type: 'pkcs1' });
    return verify('sha256', Buffer.from(signedString(digest), 'utf8'), publicKey, Buffer.from(signature, 'hex'));
  } catch {
    return false;
  }
}

function inWindow(digest: CloudTrailDigest, input: DigestInputs): boolean {
  return Date.parse(digest.digestEndTime) >= input.windowStart && Date.parse(digest.digestStartTime) <= input.windowEnd;
}

function logFileProblems(digest: CloudTrailDigest, logHashes: ReadonlyMap<string, string>): Finding[] {
  const url = s3Url(digest.digestS3Bucket, digest.digestS3Object);
  return digest.logFiles.flatMap((log): Finding[] => {
    const found = logHashes.get(fileName(log.s3Object));
    const resource = s3Url(log.s3Bucket, log.s3Object);
    if (found === undefined) return [{ resource, message: `log file ${resource}, listed by digest ${url}, is not in the export: deleted after delivery, or not exported`, details: { digest: url } }];
    if (found !== log.hashValue) {
      return [{ resource, message: `log file ${resource} was modified after delivery: the SHA-256 of its content is ${found}, digest ${url} lists ${log.hashValue}`, details: { digest: url, sha256: found, expected: log.hashValue } }];
    }
    return [];
  });
}

function linkProblems(digest: CloudTrailDigest, previous: CloudTrailDigest | undefined, input: DigestInputs): Finding[] {
  const { previousDigestS3Bucket: bucket, previousDigestS3Object: key } = digest;
  if (bucket === null || key === null) return [];
  const url = s3Url(digest.digestS3Bucket, digest.digestS3Object);
  const resource = s3Url(bucket, key);
  // A previous digest from before the window need not have been exported.
  if (previous === undefined) return Date.parse(digest.digestStartTime) - HOUR_MS >= input.windowStart ? [{ resource, message: `digest ${resource}, the previous digest of ${url}, is not in the export: deleted, or not exported`, details: { digest: url } }] : [];
  if (previous.contentSha256 === digest.previousDigestHashValue) return [];
  return [{ resource, message: `digest ${resource} was modified after delivery: the SHA-256 of its content is ${previous.contentSha256}, the next digest ${url} records ${digest.previousDigestHashValue ?? 'none'}`, details: { digest: url, sha256: previous.contentSha256, expected: digest.previousDigestHashValue } }];
}

/** Stretches of the window that no digest of one account and region covers. */
function uncovered(digests: readonly CloudTrailDigest[], input: DigestInputs): DigestCoverage['gaps'] {
  const spans = digests.map((digest) => ({ from: Date.parse(digest.digestStartTime), to: Date.parse(digest.digestEndTime) })).sort((x, y) => x.from - y.from);
  const gaps: DigestCoverage['gaps'] = [];
  let reached = input.windowStart;
  for (const span of spans) {
    if (span.from - reached > DIGEST_SLACK_MS) gaps.push({ from: reached, to: span.from, edge: reached === input.windowStart ? 'start' : undefined });
    reached = Math.max(reached, span.to);
  }
  if (input.windowEnd - reached > LAST_DIGEST_ALLOWANCE_MS) gaps.push({ from: reached, to: input.windowEnd, edge: 'end' });
  return gaps.filter((gap) => gap.to > input.windowStart && gap.from < input.windowEnd);
}

/** Validates the digests of the window, their log files and their chain, and what they cover, per account and region. */
export function judgeDigests(input: DigestInputs): DigestVerdict {
  const byKey = new Map(input.digests.map((digest) => [s3Url(digest.digestS3Bucket, digest.digestS3Object), digest]));
  const next = new Map(input.digests.flatMap((digest) => (digest.previousDigestS3Bucket && digest.previousDigestS3Object ? [[s3Url(digest.previousDigestS3Bucket, digest.previousDigestS3Object), digest] as const] : [])));
  const keys = new Map(input.keys.map((key) => [key.fingerprint, key]));
  const verdict: DigestVerdict = { coverage: [], problems: [], digests: 0, logFiles: 0, signaturesVerified: 0, signaturesUnverified: 0 };
  const streams = new Map<string, CloudTrailDigest[]>();
  for (const digest of input.digests) {
    const id = `${digest.awsAccountId}/${digest.region}`;
    const stream = streams.get(id) ?? [];
    stream.push(digest);
    streams.set(id, stream);
    if (!inWindow(digest, input)) continue;
    const url = s3Url(digest.digestS3Bucket, digest.digestS3Object);
    verdict.digests += 1;
    verdict.logFiles += digest.logFiles.length;
    verdict.problems.push(...logFileProblems(digest, input.logHashes));
    const previousKey = digest.previousDigestS3Bucket && digest.previousDigestS3Object ? s3Url(digest.previousDigestS3Bucket, digest.previousDigestS3Object) : undefined;
    verdict.problems.push(...linkProblems(digest, previousKey === undefined ? undefined : byKey.get(previousKey), input));
    const signature = next.get(url)?.previousDigestSignature ?? null;
    const key = keys.get(digest.digestPublicKeyFingerprint);
    if (signature === null || keys.size === 0) verdict.signaturesUnverified += 1;
    else if (!key) verdict.problems.push({ resource: url, message: `digest ${url} is signed with key ${digest.digestPublicKeyFingerprint}, which the exported public keys do not hold`, details: { fingerprint: digest.digestPublicKeyFingerprint } });
    else if (signatureVerifies(digest, signature, key)) verdict.signaturesVerified += 1;
    else verdict.problems.push({ resource: url, message: `digest ${url} does not verify: its signature (kept by the next digest) is not CloudTrail's over its content`, details: { fingerprint: digest.digestPublicKeyFingerprint } });
  }
  for (const [id, digests] of streams) {
    const [account = '', region = ''] = id.split('/');
    verdict.coverage.push({ account, region, gaps: uncovered(digests, input) });
  }
  return verdict;
}
