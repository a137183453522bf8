import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.js';
import type { CheckResult, StreamCheck } from '../../../src/kit/define-check.js';
import type { SourceText, StreamSource } from '../../../src/kit/define-source.js';
import { defaultThreads, passResults, runStreamPass, type StreamPassOptions, type StreamTest } from '../../../src/engine/stream/pass.js';
import { batchSize } from '../../../src/engine/stream/worker-pool.js';
import cloudTrailLogs from '../../../src/providers/aws/sources/cloudtrail-logs.js';
import { Registry } from '../../../src/providers/registry.js';
import { repoRoot } from '../../support/paths.js';
import { countsRecords, throwsInMerge, throwsOnRoot } from './plugin.mjs';

const AS_OF = new Date('2026-11-01T00:00:00Z');
const PLUGIN = path.resolve('tests/engine/stream/plugin.mjs');
const FIXTURE_FILES = readdirSync(path.resolve('fixtures/aws/cloudtrail'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.json.gz'))
  .map((file) => path.resolve('fixtures/aws/cloudtrail', file))
  .sort();
const LOG_FILES = FIXTURE_FILES.filter((file) => !file.includes('CloudTrail-Digest'));

const registry = new Registry();
const streamChecks = (await Promise.all(registry.checkIds().map((id) => registry.check(id)))).filter(
  (check): check is StreamCheck => check?.kind === 'stream' && (check.inputs[check.stream] ?? []).includes('aws/cloudtrail-logs'),
);
const builtinTests: StreamTest[] = streamChecks.map((check) => ({
  key: check.id,
  check,
  params: check.params.parse(check.id === 'aws/ct-coverage' ? { window: '30d', max_gap: '5d' } : {}),
}));
const pluginTest = (check: StreamCheck, key = check.id): StreamTest => ({ key, check, params: {}, module: PLUGIN });

/** A pass over the CloudTrail source with its tests finished, as a test reading only it would be. */
async function pass(options: Omit<StreamPassOptions, 'source' | 'asOf' | 'coverageScope'> & { source?: StreamSource; gapThresholdHours?: number }) {
  const result = await runStreamPass({ source: cloudTrailLogs, asOf: AS_OF, coverageScope: ['account', 'region'], base: repoRoot, ...options });
  return { ...result, results: passResults(result, options.tests, AS_OF) };
}

type Pass = Awaited<ReturnType<typeof pass>>;

function resultOf(result: Pass, key: string): CheckResult {
  const value = result.results.get(key);
  if (!value || value instanceof Error) throw new Error(`expected a result for ${key}, found ${String(value)}`);
  return value;
}

function errorOf(result: Pass, key: string): Error {
  const value = result.results.get(key);
  if (!(value instanceof Error)) throw new Error(`expected an error for ${key}`);
  return value;
}

/** The CloudTrail source, counting how often each file is parsed. */
function countingSource(): { source: StreamSource; parsed: string[] } {
  const parsed: string[] = [];
  const source: StreamSource = {
    ...cloudTrailLogs,
    readFile: (file: SourceText) => {
      parsed.push(file.display);
      return cloudTrailLogs.readFile(file);
    },
  };
  return { source, parsed };
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'stream-pass-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A gzipped log file of minimal events at the given times in one account and region. */
function writeLog(name: string, events: readonly { time: string; region?: string; account?: string; id: string }[]): string {
  const records = events.map((event) => ({
    eventVersion: '1.11',
    userIdentity: { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' },
    eventTime: event.time,
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRole',
    awsRegion: event.region ?? 'eu-west-1',
    sourceIPAddress: 'ec2.amazonaws.com',
    userAgent: 'ec2.amazonaws.com',
    requestParameters: null,
    responseElements: null,
    eventID: event.id,
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: event.account ?? '210987654321',
    eventCategory: 'Management',
  }));
  const file = path.join(tmp, name);
  writeFileSync(file, gzipSync(JSON.stringify({ Records: records })));
  return file;
}

describe('runStreamPass: one pass', () => {
  it('parses each file once, however many tests read the source, and every test sees every record', async () => {
    const { source, parsed } = countingSource();
    const tests = [...builtinTests, { key: 'counter-a', check: countsRecords, params: {} }, { key: 'counter-b', check: countsRecords, params: {} }];
    const result = await pass({ source, files: FIXTURE_FILES, tests, workers: 0 });
    expect(parsed).toHaveLength(LOG_FILES.length);
    expect(new Set(parsed).size).toBe(LOG_FILES.length);
    expect(result.records).toBe(55);
    expect(resultOf(result, 'counter-a').examined).toBe(55);
    expect(resultOf(result, 'counter-b').examined).toBe(55);
    expect(resultOf(result, 'aws/ct-root-activity').examined).toBe(55);
  });

  it('lists each file read once, in file order, without the skipped digest file, with its size and hash', async () => {
    const result = await pass({ files: FIXTURE_FILES, tests: [], workers: 0 });
    expect(result.files.map((file) => path.resolve(repoRoot, file.path))).toEqual(LOG_FILES);
    const first = LOG_FILES[0] ?? '';
    const raw = readFileSync(first);
    expect(result.files[0]).toEqual({ path: path.relative(repoRoot, first), bytes: raw.length, sha256: createHash('sha256').update(raw).digest('hex') });
  });

  it('finds what the fixture story holds', async () => {
    const result = await pass({ files: FIXTURE_FILES, tests: builtinTests, workers: 0 });
    const counts = Object.fromEntries(streamChecks.map((check) => [check.id, resultOf(result, check.id).findings.length]));
    expect(counts).toEqual({
      'aws/ct-admin-grants': 1,
      'aws/ct-console-login-without-mfa': 3,
      'aws/ct-coverage': 0,
      'aws/ct-kms-key-deletion': 0,
      'aws/ct-logging-tampering': 1,
      'aws/ct-root-activity': 1,
      'aws/ct-security-change-failures': 1,
    });
    expect(resultOf(result, 'aws/ct-admin-grants').findings[0]?.resource).toBe('arn:aws:iam::210987654321:user/bob');
  });

  it('returns finish(init()) for every test when there is no file', async () => {
    const result = await pass({ files: [], tests: builtinTests });
    expect(result.records).toBe(0);
    expect(result.files).toEqual([]);
    expect(resultOf(result, 'aws/ct-console-login-without-mfa')).toEqual({ examined: 0, findings: [] });
  });
});

describe('runStreamPass: worker threads', () => {
  it('gives the same result with 0 and 2 workers, and on every run', async () => {
    const options = { files: FIXTURE_FILES, tests: [...builtinTests, pluginTest(countsRecords)] };
    const inThread = await pass({ ...options, workers: 0 });
    const twoWorkers = await pass({ ...options, workers: 2 });
    const again = await pass({ ...options, workers: 2 });
    expect(twoWorkers).toEqual(inThread);
    expect(again).toEqual(inThread);
    expect(resultOf(twoWorkers, 'test/counts-records').examined).toBe(55);
  });

  it('pairs a change with its revert when they are in two log files read by two workers', async () => {
    const day = FIXTURE_FILES.filter((file) => file.includes('/eu-west-1/2026/10/20/'));
    expect(day).toHaveLength(2);
    const result = await pass({ files: day, tests: builtinTests, workers: 2 });
    expect(resultOf(result, 'aws/ct-security-change-failures')).toMatchObject({
      examined: 1,
      findings: [{ resource: 'arn:aws:ec2:eu-west-1:210987654321:security-group/sg-0a1b2c3d4e5f60718' }],
      metrics: { security_changes: 1, security_changes_reverted: 1, security_change_failure_rate_pct: 100 },
    });
  });

  it('merges in file order, not completion order', async () => {
    const files = Array.from({ length: 40 }, (_, index) =>
      writeLog(`order-${String(index).padStart(2, '0')}.json.gz`, [{ time: '2026-10-31T10:00:00Z', id: `event-${String(index).padStart(2, '0')}` }]),
    );
    const result = await pass({ files, tests: [pluginTest(countsRecords)], workers: 2 });
    expect(result.files.map((file) => path.basename(file.path))).toEqual(files.map((file) => path.basename(file)));
    expect(resultOf(result, 'test/counts-records')).toEqual({ examined: 40, findings: [], metrics: { first: 3 } });
  });
});

describe('runStreamPass: failures stay where they belong', () => {
  for (const workers of [0, 2]) {
    it(`a check that throws is an error for its test only (workers: ${workers})`, async () => {
      const tests = [...builtinTests, pluginTest(throwsOnRoot)];
      const result = await pass({ files: FIXTURE_FILES, tests, workers });
      const rootFile = path.relative(repoRoot, LOG_FILES.find((file) => file.includes('/us-east-1/2026/10/18/')) ?? '');
      expect(errorOf(result, 'test/throws-on-root').message).toBe(`check test/throws-on-root (plugin tests/engine/stream/plugin.mjs) threw on a record of ${rootFile}: no root allowed (ConsoleLogin)`);
      expect(resultOf(result, 'aws/ct-root-activity').findings).toHaveLength(1);
      expect(resultOf(result, 'aws/ct-console-login-without-mfa').findings).toHaveLength(3);
    });

    it(`a malformed file rejects the pass with the first such file's position (workers: ${workers})`, async () => {
      const files = [...LOG_FILES.slice(0, 6), path.resolve('fixtures/aws/bad/cloudtrail-malformed.json.gz'), path.resolve('fixtures/aws/bad/cloudtrail-missing-event-time.json')];
      const error = await pass({ files, tests: builtinTests, workers }).then(
        () => undefined,
        (problem: unknown) => problem,
      );
      expect(error).toBeInstanceOf(UserError);
      expect(error instanceof UserError ? error.locatedFrom(repoRoot) : error).toBe(
        'fixtures/aws/bad/cloudtrail-malformed.json.gz:70:7: Invalid JSON: expected "," or "}" after the property value, found "\\""',
      );
    });
  }

  it('a check that throws in merge is an error for its test only', async () => {
    const result = await pass({ files: LOG_FILES, tests: [...builtinTests, pluginTest(throwsInMerge)], workers: 2 });
    expect(errorOf(result, 'test/throws-in-merge').message).toBe('check test/throws-in-merge (plugin tests/engine/stream/plugin.mjs) threw in merge: cannot merge');
    expect(resultOf(result, 'aws/ct-logging-tampering').findings).toHaveLength(1);
  });

  it('a check the workers cannot find rejects the pass', async () => {
    const stray = { ...countsRecords, id: 'test/not-exported' };
    await expect(pass({ files: LOG_FILES, tests: [pluginTest(stray)], workers: 2 })).rejects.toThrow(
      `No stream check "test/not-exported" in ${PLUGIN}`,
    );
  });
});

describe('runStreamPass: coverage', () => {
  it('reports first and last event per account and region, and gaps longer than the threshold', async () => {
    const files = [
      writeLog('coverage-1.json.gz', [
        { time: '2026-10-31T01:00:00Z', id: 'c1' },
        { time: '2026-10-31T04:00:00Z', id: 'c2' },
        { time: '2026-10-31T02:00:00Z', id: 'c3', region: 'us-east-1' },
      ]),
      writeLog('coverage-2.json.gz', [
        { time: '2026-10-31T13:30:00Z', id: 'c4' },
        { time: '2026-10-31T18:00:00Z', id: 'c5' },
        { time: '2026-10-31T03:00:00Z', id: 'c6', account: '109876543210' },
      ]),
    ];
    for (const workers of [0, 2]) {
      const result = await pass({ files, tests: [], workers });
      expect(result.coverage).toEqual([
        { scope: { account: '109876543210', region: 'eu-west-1' }, events: 1, first: '2026-10-31T03:00:00Z', last: '2026-10-31T03:00:00Z', gaps: [] },
        {
          scope: { account: '210987654321', region: 'eu-west-1' },
          events: 4,
          first: '2026-10-31T01:00:00Z',
          last: '2026-10-31T18:00:00Z',
          gaps: [{ from: '2026-10-31T04:00:00Z', to: '2026-10-31T13:30:00Z', hours: 9.5 }],
        },
        { scope: { account: '210987654321', region: 'us-east-1' }, events: 1, first: '2026-10-31T02:00:00Z', last: '2026-10-31T02:00:00Z', gaps: [] },
      ]);
    }
    const coarse = await pass({ files, tests: [], workers: 0, gapThresholdHours: 10 });
    expect(coarse.coverage[1]?.gaps).toEqual([]);
  });
});

describe('runStreamPass: the assessment window and duplicate deliveries', () => {
  // Forty files, so batches go to both worker threads; each of the last twenty delivers again an event of a
  // file twenty places earlier, and a few events fall before the 90-day window or after as-of.
  const files = Array.from({ length: 40 }, (_, index) =>
    writeLog(`window-${String(index).padStart(2, '0')}.json.gz`, [
      { time: '2026-10-20T10:00:00Z', id: `w${index}` },
      ...(index >= 20 ? [{ time: '2026-10-20T10:00:00Z', id: `w${index - 20}` }] : []),
      ...(index % 10 === 0 ? [{ time: '2026-07-01T00:00:00Z', id: `old${index}` }] : []),
      ...(index === 39 ? [{ time: '2026-11-01T00:00:01Z', id: 'later' }] : []),
    ]),
  );

  for (const workers of [0, 2]) {
    it(`visits only the window's records, counts the others, and counts an event delivered twice once (workers: ${workers})`, async () => {
      const result = await pass({ files, tests: [pluginTest(countsRecords)], workers });
      expect({ records: result.records, duplicates: result.duplicates, outside: result.outside }).toEqual({ records: 40, duplicates: 20, outside: { before: 4, after: 1 } });
      // The visitor sees every delivery in the window; `records`, which becomes `examined`, counts each event once.
      expect(resultOf(result, countsRecords.id).examined).toBe(60);
      expect(result.states.get(countsRecords.id)).toMatchObject({ ok: true, records: 40 });
      expect(result.coverage[0]).toMatchObject({ first: '2026-10-20T10:00:00Z', last: '2026-10-20T10:00:00Z' });
    });
  }

  it('takes the window back from as-of, both ends included', async () => {
    const edges = [writeLog('edges.json.gz', [
      { time: '2026-10-31T00:00:00Z', id: 'start' },
      { time: '2026-10-30T23:59:59.999Z', id: 'before' },
      { time: '2026-11-01T00:00:00Z', id: 'as-of' },
    ])];
    const result = await pass({ files: edges, tests: [], workers: 0, window: { amount: 1, unit: 'd', text: '1d' } });
    expect({ records: result.records, outside: result.outside }).toEqual({ records: 2, outside: { before: 1, after: 0 } });
  });
});

describe('defaultThreads', () => {
  it('reads a small log on the calling thread alone, and gives a larger one a thread per two megabytes, up to the cores', () => {
    expect(defaultThreads(FIXTURE_FILES)).toBe(1);
    const large = path.join(tmp, 'large.bin');
    writeFileSync(large, Buffer.alloc(5 * 1024 * 1024));
    expect(defaultThreads([large])).toBe(Math.min(os.availableParallelism(), 3));
    expect(defaultThreads([])).toBe(1);
  });
});

describe('batchSize', () => {
  it('hands out large batches while many files remain and single files at the end', () => {
    expect(batchSize(10_000, 2)).toBe(16);
    expect(batchSize(100, 2)).toBe(6);
    expect(batchSize(10, 2)).toBe(1);
    expect(batchSize(1, 8)).toBe(1);
  });

  it('sizes batches by the time a worker took per file: many small files at once, large files one by one', () => {
    expect(batchSize(100_000, 2, 0.1)).toBe(400);
    expect(batchSize(100_000, 2, 0.001)).toBe(1024);
    expect(batchSize(100_000, 2, 100)).toBe(1);
    expect(batchSize(1000, 2, 0.1)).toBe(62);
  });
});
