// aws/ct-coverage with digest files, end to end: log files, digests signed with a key made here, and the public
// key as `aws cloudtrail list-public-keys` prints it, read by the engine from a temporary export.
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../../src/catalog/load-catalog.js';
import { runAudit } from '../../../../src/engine/run-audit.js';
import type { Report } from '../../../../src/report/model.js';
import { removeTempDirs, tempTree } from '../../../support/workspace.js';

afterAll(removeTempDirs);

const ACCOUNT = '210987654321';
const REGION = 'eu-west-1';
const BUCKET = 'audit-trail-logs';
const HOURS = ['2026-10-31T06', '2026-10-31T07', '2026-10-31T08', '2026-10-31T09'];
const AS_OF = new Date('2026-10-31T10:30:00Z');
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const FINGERPRINT = createHash('md5').update(publicKey.export({ format: 'der', type: 'pkcs1' })).digest('hex');

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const compact = (hour: string): string => hour.replace(/[-:]/g, '');

function logKey(hour: string): string {
  return `AWSLogs/${ACCOUNT}/CloudTrail/${REGION}/${hour.slice(0, 10).replace(/-/g, '/')}/${ACCOUNT}_CloudTrail_${REGION}_${compact(hour)}05Z_a1b2c3d4e5f6a7b8.json.gz`;
}

function digestKey(hour: string): string {
  return `AWSLogs/${ACCOUNT}/CloudTrail-Digest/${REGION}/${hour.slice(0, 10).replace(/-/g, '/')}/${ACCOUNT}_CloudTrail-Digest_${REGION}_main_${REGION}_${compact(hour)}5959Z.json.gz`;
}

function logText(hour: string, tampered = false): string {
  const event = {
    eventVersion: '1.09',
    userIdentity: { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' },
    eventTime: `${hour}:02:11Z`,
    eventSource: 'sts.amazonaws.com',
    eventName: tampered ? 'GetCallerIdentity' : 'AssumeRole',
    awsRegion: REGION,
    sourceIPAddress: 'ec2.amazonaws.com',
    eventID: `0a1b2c3d-0000-4000-8000-${compact(hour).slice(-6)}000000`,
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
  };
  return JSON.stringify({ Records: [event] });
}

interface Story {
  dropLog?: string;
  tamperLog?: string;
  dropDigest?: string;
  /** The digest whose successor records a wrong hash of it. */
  wrongHash?: string;
  /** The digest whose signature (kept by its successor) is not a valid one. */
  badSignature?: string;
  keys?: boolean;
}

/** The export of a trail that delivered one log file and one digest an hour, changed as the story says. */
async function exportTree(story: Story): Promise<string> {
  const files: Record<string, string | Uint8Array> = {};
  type Previous = { key: string; sha256: string; signature: string } | null;
  let previous: Previous = null;
  for (const hour of HOURS) {
    const log = logText(hour);
    if (hour !== story.dropLog) files[`export/${logKey(hour)}`] = gzipSync(hour === story.tamperLog ? logText(hour, true) : log);
    const link: Previous = previous;
    const digest: string = JSON.stringify({
      awsAccountId: ACCOUNT,
      digestStartTime: `${hour}:00:00Z`,
      digestEndTime: `${hour}:59:59Z`,
      digestS3Bucket: BUCKET,
      digestS3Object: digestKey(hour),
      digestPublicKeyFingerprint: FINGERPRINT,
      digestSignatureAlgorithm: 'SHA256withRSA',
      newestEventTime: `${hour}:02:11Z`,
      oldestEventTime: `${hour}:02:11Z`,
      previousDigestS3Bucket: link ? BUCKET : null,
      previousDigestS3Object: link?.key ?? null,
      previousDigestHashValue: link ? (link.key === digestKey(story.wrongHash ?? '') ? sha256('something else') : link.sha256) : null,
      previousDigestHashAlgorithm: link ? 'SHA-256' : null,
      previousDigestSignature: link?.signature ?? null,
      logFiles: [{ s3Bucket: BUCKET, s3Object: logKey(hour), hashValue: sha256(log), hashAlgorithm: 'SHA-256', newestEventTime: `${hour}:02:11Z`, oldestEventTime: `${hour}:02:11Z` }],
    });
    const signed: string = `${hour}:59:59Z\n${BUCKET}/${digestKey(hour)}\n${sha256(digest)}\n${link?.signature ?? 'null'}`;
    const signature: string = sign('sha256', Buffer.from(hour === story.badSignature ? `${signed}!` : signed), privateKey).toString('hex');
    if (hour !== story.dropDigest) files[`export/${digestKey(hour)}`] = gzipSync(digest);
    previous = { key: digestKey(hour), sha256: sha256(digest), signature };
  }
  const keys = { PublicKeyList: [{ Value: publicKey.export({ format: 'der', type: 'pkcs1' }).toString('base64'), ValidityStartTime: '2026-10-01T00:00:00+00:00', ValidityEndTime: '2026-12-01T00:00:00+00:00', Fingerprint: FINGERPRINT }] };
  files[`export/${ACCOUNT}/${REGION}/cloudtrail-public-keys.json`] = JSON.stringify(keys, null, 4);
  files['controls.yaml'] = `version: 1
name: Digests
sources:
  logs: { type: aws/cloudtrail-logs, path: 'export/AWSLogs/*/CloudTrail/**/*.json.gz' }
  digests: { type: aws/cloudtrail-digests, path: 'export/AWSLogs/*/CloudTrail-Digest/**/*.json.gz' }
  keys: { type: aws/cloudtrail-public-keys, path: 'export/*/*/cloudtrail-public-keys.json' }
controls:
  - id: LOG-01
    title: Logs are complete and intact
    owner: security@example.com
    risk: high
    function: detect
    tests:
      - check: aws/ct-coverage
        inputs: { events: logs, digests: digests${story.keys === false ? '' : ', keys: keys'} }
        params: { window: 4h }
`;
  return tempTree(files);
}

async function audit(story: Story): Promise<Report['controls'][number]['tests'][number]> {
  const dir = await exportTree(story);
  const report = await runAudit(await loadCatalog(path.join(dir, 'controls.yaml')), { asOf: AS_OF, warnDays: 30, workers: 0 });
  const test = report.controls[0]?.tests[0];
  if (!test) throw new Error('the audit ran no test');
  return test;
}

const digestUrl = (hour: string): string => `s3://${BUCKET}/${digestKey(hour)}`;
const logUrl = (hour: string): string => `s3://${BUCKET}/${logKey(hour)}`;
const metric = (test: Awaited<ReturnType<typeof audit>>, name: string): number | undefined => test.metrics?.[name]?.value;

describe('aws/ct-coverage with digest files', () => {
  it('passes a whole, intact chain and verifies every signature but the newest, which only S3 metadata holds', async () => {
    const test = await audit({});
    expect(test).toMatchObject({ status: 'pass', examined: 1, findings: [] });
    expect(metric(test, 'digests')).toBe(4);
    expect(metric(test, 'digest_log_files')).toBe(4);
    expect(metric(test, 'digest_signatures_verified')).toBe(3);
    expect(metric(test, 'digest_signatures_unverified')).toBe(1);
  });

  it('finds a log file the digest lists but the export lacks', async () => {
    const test = await audit({ dropLog: HOURS[1] });
    expect(test.status).toBe('fail');
    expect(test.findings.map((finding) => finding.message)).toEqual([`log file ${logUrl(HOURS[1] ?? '')}, listed by digest ${digestUrl(HOURS[1] ?? '')}, is not in the export: deleted after delivery, or not exported`]);
  });

  it('finds a log file changed after delivery', async () => {
    const test = await audit({ tamperLog: HOURS[2] });
    expect(test.findings).toHaveLength(1);
    expect(test.findings[0]).toMatchObject({ resource: logUrl(HOURS[2] ?? '') });
    expect(test.findings[0]?.message).toMatch(/was modified after delivery: the SHA-256 of its content is [0-9a-f]{64}, digest .* lists [0-9a-f]{64}$/);
  });

  it('finds the hour whose digest is missing as a gap, and the digest the chain names as deleted', async () => {
    const test = await audit({ dropDigest: HOURS[1] });
    expect(test.findings.map((finding) => finding.resource)).toEqual([`${ACCOUNT}/${REGION}`, digestUrl(HOURS[1] ?? '')]);
    expect(test.findings[0]?.message).toBe(`no CloudTrail digest covers ${ACCOUNT}/${REGION} from 2026-10-31T06:59:59Z to 2026-10-31T08:00:00Z: 1h; with log file validation on, CloudTrail delivers a digest every hour, even for an hour without events`);
    expect(test.findings[1]?.message).toContain('is not in the export: deleted, or not exported');
    expect(metric(test, 'coverage_gaps')).toBe(1);
  });

  it('finds a digest whose successor records another hash of it', async () => {
    const test = await audit({ wrongHash: HOURS[1] });
    expect(test.findings.map((finding) => finding.resource)).toEqual([digestUrl(HOURS[1] ?? '')]);
    expect(test.findings[0]?.message).toMatch(/^digest .* was modified after delivery: the SHA-256 of its content is [0-9a-f]{64}, the next digest .* records [0-9a-f]{64}$/);
  });

  it('finds a digest whose signature does not verify', async () => {
    const test = await audit({ badSignature: HOURS[0] });
    expect(test.findings.map((finding) => finding.message)).toEqual([`digest ${digestUrl(HOURS[0] ?? '')} does not verify: its signature (kept by the next digest) is not CloudTrail's over its content`]);
    expect(metric(test, 'digest_signatures_verified')).toBe(2);
  });

  it('without public keys, checks hashes and chain but no signature, and says so in its metrics', async () => {
    const test = await audit({ keys: false, badSignature: HOURS[0] });
    expect(test).toMatchObject({ status: 'pass', findings: [] });
    expect(metric(test, 'digest_signatures_verified')).toBe(0);
    expect(metric(test, 'digest_signatures_unverified')).toBe(4);
  });
});
