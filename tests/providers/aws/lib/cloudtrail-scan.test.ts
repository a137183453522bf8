import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/core/errors.js';
import { runStreamPass, passResults, type StreamTest } from '../../../../src/engine/stream/pass.js';
import { RecordSummary, type RecordFilter } from '../../../../src/kit/define-source.js';
import { decodeText } from '../../../../src/kit/files/decode-text.js';
import rootActivity from '../../../../src/providers/aws/checks/ct-root-activity.js';
import consoleLogins from '../../../../src/providers/aws/checks/ct-console-login-without-mfa.js';
import coverage from '../../../../src/providers/aws/checks/ct-coverage.js';
import cloudTrailLogs, { scanCloudTrailLog, streamCloudTrailFile, type CloudTrailRecord } from '../../../../src/providers/aws/sources/cloudtrail-logs.js';
import { fixturesDir, repoRoot } from '../../../support/paths.js';
import { removeTempDirs, tempTree } from '../../../support/workspace.js';

afterAll(removeTempDirs);

const NOTHING: RecordFilter = { keys: new Set(), mentions: [] };
const SIGN_INS: RecordFilter = { keys: new Set(['ConsoleLogin']), mentions: [] };
const ROOT: RecordFilter = { keys: new Set(), mentions: ['Root'] };
const FILTERS = [NOTHING, SIGN_INS, ROOT, { keys: new Set(['ConsoleLogin', 'StopLogging', 'PutRolePolicy']), mentions: ['Root'] }];

function fullRead(bytes: Buffer): CloudTrailRecord[] {
  return streamCloudTrailFile({ display: 'file.json', text: decodeText(bytes, 'file.json') });
}

/**
 * Reads `bytes` both ways and expects the fast path to agree with the full parse record for record: each entry the
 * full record, or a summary of its time, id and coverage point; and every record `filter` lets through in full.
 * Returns how many records were only summarised, or null when the fast path left the file to the full parse.
 */
function agreement(bytes: Buffer, filter: RecordFilter): number | null {
  const fast = scanCloudTrailLog(bytes, filter);
  if (fast === undefined) return null;
  const full = fullRead(bytes);
  expect(fast).toHaveLength(full.length);
  let summarised = 0;
  fast.forEach((entry, index) => {
    const record = full[index];
    if (!record) throw new Error(`no record ${index}`);
    if (entry instanceof RecordSummary) {
      summarised += 1;
      expect(filter.keys.has(record.eventName)).toBe(false);
      expect(entry).toEqual(new RecordSummary(record.eventTime, record.eventID, cloudTrailLogs.coverage?.(record)));
    } else expect(entry).toEqual(record);
  });
  return summarised;
}

const text = (value: string): Buffer => Buffer.from(value, 'utf8');

const EVENT = {
  eventVersion: '1.08',
  userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: 'arn:aws:iam::210987654321:user/alice', accountId: '210987654321', userName: 'alice' },
  eventTime: '2026-10-05T08:12:09Z',
  eventSource: 'iam.amazonaws.com',
  eventName: 'GetUser',
  awsRegion: 'eu-west-1',
  sourceIPAddress: '198.51.100.7',
  userAgent: 'aws-cli/2.17.50',
  requestParameters: { userName: 'alice' },
  responseElements: null,
  eventID: '3f1c9a2e-0b4d-4e6f-8a1b-000000000001',
  readOnly: true,
  eventType: 'AwsApiCall',
  recipientAccountId: '210987654321',
};

const file = (...records: unknown[]): string => JSON.stringify({ Records: records });

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((name) => statSync(name).isFile())
    .sort();
}

const unpacked = (name: string): Buffer => {
  const raw = readFileSync(name);
  return name.endsWith('.gz') ? gunzipSync(raw) : raw;
};

describe('the CloudTrail fast path agrees with the full parse', () => {
  const logs = filesUnder(path.join(fixturesDir, 'aws/cloudtrail')).filter((name) => !cloudTrailLogs.skipsFile?.(name));

  it.each(FILTERS.map((filter, index) => [index, filter] as const))('on every fixture log file, filter %i', (_, filter) => {
    expect(logs.length).toBeGreaterThan(10);
    const summarised = logs.map((name) => agreement(unpacked(name), filter));
    expect(summarised.every((count) => count !== null)).toBe(true);
    if (filter === NOTHING) expect(summarised.reduce<number>((sum, count) => sum + (count ?? 0), 0)).toBeGreaterThan(50);
  });

  const REAL = path.resolve(repoRoot, '../shared/real-exports/cloudtrail-logs');
  it.skipIf(!existsSync(REAL))('on every real CloudTrail export, read in place', () => {
    let vouched = 0;
    let summarised = 0;
    for (const [index, name] of filesUnder(REAL).entries()) {
      for (const filter of [index % 2 === 0 ? NOTHING : FILTERS[3] ?? ROOT]) {
        let count: number | null;
        try {
          count = agreement(unpacked(name), filter);
        } catch (error) {
          // A file the full parse rejects (the Grimoire capture) must be left to it.
          if (!(error instanceof UserError)) throw error;
          expect(scanCloudTrailLog(unpacked(name), filter)).toBeUndefined();
          continue;
        }
        if (count !== null) vouched += 1;
        summarised += count ?? 0;
      }
    }
    expect(vouched).toBeGreaterThan(1500);
    expect(summarised).toBeGreaterThan(5000);
  });

  it('summarises a record written as a trail writes it, and parses in full one whose keys are in another order', () => {
    const { recipientAccountId, eventID, ...rest } = EVENT;
    expect(agreement(text(file(EVENT, EVENT)), NOTHING)).toBe(2);
    expect(agreement(text(`${file(EVENT)}\n`), NOTHING)).toBe(1);
    expect(agreement(text(file({ recipientAccountId, eventID, ...rest }, EVENT)), NOTHING)).toBe(1);
    const { eventTime, ...timeFirst } = EVENT;
    expect(agreement(text(file({ eventTime, ...timeFirst })), NOTHING)).toBe(0);
  });

  it('parses in full a record with an escape, a field that is not a plain string, a missing field or a duplicated one', () => {
    const variants = [
      { ...EVENT, userAgent: 'say "hi"\\ \n' },
      { ...EVENT, requestParameters: { policyDocument: '{"Statement":[{"Effect":"Allow"}]}' } },
      { ...EVENT, recipientAccountId: null },
      (({ recipientAccountId: _, ...rest }) => rest)(EVENT),
      (({ readOnly: _, ...rest }) => rest)(EVENT),
    ];
    for (const variant of variants) expect(agreement(text(file(variant, EVENT)), NOTHING)).toBe(1);
    const duplicated = file(EVENT).replace('"eventName":"GetUser"', '"eventName":"GetUser","eventName":"ConsoleLogin"');
    expect(agreement(text(duplicated), SIGN_INS)).toBe(0);
    // Read by the source's own time parser: the same instant either way.
    expect(agreement(text(file({ ...EVENT, eventTime: '2026-10-05T08:12:09.123Z' })), NOTHING)).toBe(1);
  });

  it('takes only the record level fields: the same names nested inside a record, or inside strings, are data', () => {
    const nested = { ...EVENT, requestParameters: { eventName: 'ConsoleLogin', eventTime: 'soon', recipientAccountId: 'y' }, userAgent: 'awsRegion eventVersion' };
    expect(agreement(text(file(nested, EVENT)), SIGN_INS)).toBe(2);
    // A nested eventID is not followed by readOnly as the record's is: the record is parsed in full.
    expect(agreement(text(file({ ...nested, requestParameters: { more: 1, eventID: 'x', other: 2 } }, EVENT)), SIGN_INS)).toBe(1);
    expect(agreement(text(file({ ...EVENT, userAgent: 'Root' }, EVENT)), ROOT)).toBe(1);
    expect(agreement(text(file({ ...EVENT, userIdentity: { type: 'Root' } }, EVENT)), ROOT)).toBe(1);
    expect(agreement(text(file({ ...EVENT, userAgent: 'Rooted', sourceIPAddress: 'xRoot', eventSource: 'Root.example' })), ROOT)).toBe(1);
  });

  it('leaves a record split oddly (a nested object that looks like the next record) to the full parse', () => {
    const odd = { ...EVENT, requestParameters: { items: [{ a: 1 }, { eventVersion: '1.08', eventTime: '2026-10-05T08:12:09Z' }] } };
    expect(scanCloudTrailLog(text(file(EVENT, odd, EVENT)), NOTHING)).toBeUndefined();
  });

  it('leaves to the full parse a file of another shape, not ASCII, cut short, or with a record the source rejects', () => {
    const broken = [
      '',
      '{"Records":[]',
      file(EVENT).slice(0, -30),
      file(EVENT).replace(',"readOnly"', '"readOnly"'),
      file(EVENT).replace('}]}', '},]}'),
      file(EVENT).replace('aws-cli', 'aws\\xcli'),
      `${file(EVENT)}{}`,
      JSON.stringify({ Records: [EVENT], more: 1 }),
      JSON.stringify({ Records: [EVENT] }, null, 2),
      `\uFEFF${file(EVENT)}`,
      file({ ...EVENT, userAgent: 'café' }),
      JSON.stringify({ Events: [] }),
      JSON.stringify([EVENT]),
      file({ ...EVENT, eventSource: 5 }),
      file({ ...EVENT, eventTime: '2026-02-31T08:12:09Z' }),
      file(null),
      `${'['.repeat(600)}${']'.repeat(600)}`,
    ];
    for (const value of broken) expect(scanCloudTrailLog(text(value), NOTHING)).toBeUndefined();
    expect(scanCloudTrailLog(Buffer.from([...text(file(EVENT).replace('aws-cli', 'aws-')), 0xff]), NOTHING)).toBeUndefined();
  });
});

describe('a stream pass gives the same results and the same errors with and without --strict', () => {
  const tests: StreamTest[] = [rootActivity, consoleLogins, coverage].map((check) => {
    if (check.kind !== 'stream') throw new Error(`${check.id} is not a stream check`);
    return { key: check.id, check, params: check.params.parse(check.id === 'aws/ct-coverage' ? { window: '30d' } : {}) };
  });
  const asOf = new Date('2026-11-01T00:00:00Z');
  const pass = async (files: readonly string[], strict: boolean): Promise<unknown> => {
    try {
      const result = await runStreamPass({ source: cloudTrailLogs, files, tests, asOf, coverageScope: ['account', 'region'], workers: 1, strict });
      const { states: _, ...rest } = result;
      return { ...rest, results: [...passResults(result, tests, asOf)] };
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return `${error.locatedFrom(repoRoot)}`;
    }
  };

  it('on the fixture logs', async () => {
    const files = filesUnder(path.join(fixturesDir, 'aws/cloudtrail'));
    const fast = await pass(files, false);
    expect(fast).toEqual(await pass(files, true));
    expect(JSON.stringify(fast)).toContain('root user');
  });

  it.each(['cloudtrail-malformed.json.gz', 'cloudtrail-truncated.json.gz', 'cloudtrail-empty.json.gz', 'cloudtrail-missing-event-time.json'])('on %s', async (name) => {
    const files = [path.join(fixturesDir, 'aws/bad', name)];
    const fast = await pass(files, false);
    expect(typeof fast).toBe('string');
    expect(fast).toEqual(await pass(files, true));
  });

  it('on a file cut short, one with a record the source rejects, and one with invalid UTF-8', async () => {
    const dir = await tempTree({});
    const written = [
      file(EVENT, EVENT).slice(0, -40),
      file(EVENT, { ...EVENT, eventID: 7 }),
      JSON.stringify({ Records: [EVENT, { ...EVENT, awsRegion: null }] }, null, 2),
    ].map((value, index) => {
      const name = path.join(dir, `log-${index}.json.gz`);
      writeFileSync(name, gzipSync(value));
      return name;
    });
    // Latin-1, not UTF-8: é is one byte.
    const latin1 = path.join(dir, 'latin1.json');
    writeFileSync(latin1, Buffer.from(file(EVENT).replace('aws-cli', 'caf\u00e9'), 'latin1'));
    for (const name of [...written, latin1]) {
      const fast = await pass([name], false);
      expect(typeof fast).toBe('string');
      expect(fast).toEqual(await pass([name], true));
    }
  });
});
