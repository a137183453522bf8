import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import source, { isoDurationMs, lastUseOf, type OktaApiToken } from '../../../../src/providers/okta/sources/api-tokens.js';
import { SourceTester } from '../../../../src/testing/index.js';
import { readText } from '../../../../src/testing/source-tester.js';
import { fixturesDir } from '../../../support/paths.js';

const page = readFileSync(path.join(fixturesDir, 'okta/api-tokens/page-0001.json'), 'utf8');
const minimal = (fields: Record<string, unknown> = {}) => JSON.stringify({ id: '00T1', name: 'ci', userId: '00u1', created: '2026-08-14T10:02:11.000Z', ...fields });
const token = (fields: Partial<OktaApiToken> = {}): OktaApiToken => ({
  id: '00T1',
  name: 'ci',
  userId: '00u1',
  clientName: null,
  created: new Date('2026-08-14T10:02:11.000Z'),
  lastUpdated: null,
  expiresAt: null,
  tokenWindow: null,
  tokenWindowMs: null,
  networkConnection: null,
  ...fields,
});

new SourceTester(source).run({
  read: [
    { name: 'a token with only the fields checks need', text: `[${minimal()}]`, records: [token()] },
    { name: 'a window in days', text: `[${minimal({ tokenWindow: 'P1DT12H' })}]`, records: [token({ tokenWindow: 'P1DT12H', tokenWindowMs: 36 * 3_600_000 })] },
    { name: 'an empty page', text: '[]', records: [] },
  ],
  reject: [
    { name: 'an empty file', text: '', error: 'File is empty: expected an Okta API token listing', line: 1, col: 1 },
    { name: 'a token without its user', text: `[\n${minimal({ userId: undefined })}\n]`, error: '[0].userId: missing (expected string)', line: 2, col: 1 },
    { name: 'a window in months', text: `[${minimal({ tokenWindow: 'P1M' })}]`, error: '[0].tokenWindow: expected an ISO 8601 duration like PT720H, found "P1M"', line: 1 },
    { name: 'an impossible expiry', text: `[${minimal({ expiresAt: '2026-11-31T00:00:00.000Z' })}]`, error: '[0].expiresAt: expected a date-time like 2021-10-14T09:04:48.000Z, found "2026-11-31T00:00:00.000Z"', line: 1 },
    { name: 'a wrapper object instead of a page', text: `{"tokens":[${minimal()}]}`, error: 'expected array, found an object', line: 1, col: 1 },
  ],
});

describe('okta/api-tokens', () => {
  it('reads the fixture page', () => {
    const tokens = readText(source, page, 'page-0001.json') as OktaApiToken[];
    expect(tokens.map((entry) => [entry.id, entry.userId, entry.tokenWindow, entry.networkConnection])).toEqual([
      ['00T1terraform0000001', '00u1alice00000000001', 'PT720H', 'ZONE'],
      ['00T1hrsync000000002', '00u1dana000000000011', 'PT720H', 'ANYWHERE'],
      ['00T1salesrep0000003', '00u1frank00000000007', 'PT720H', 'ANYWHERE'],
      ['00T1monitor00000004', '00u1gina000000000008', 'P90D', 'ANYWHERE'],
      ['00T1orphan000000005', '00u1gone000000000099', 'PT720H', 'ANYWHERE'],
    ]);
    expect(tokens[0] && lastUseOf(tokens[0])).toEqual(new Date('2026-10-30T10:02:11.000Z'));
  });

  it('reads ISO 8601 durations of fixed length only', () => {
    expect([isoDurationMs('PT720H'), isoDurationMs('P30D'), isoDurationMs('P2W'), isoDurationMs('PT5M30S')]).toEqual([2_592_000_000, 2_592_000_000, 1_209_600_000, 330_000]);
    expect([isoDurationMs('P'), isoDurationMs('PT'), isoDurationMs('P1DT'), isoDurationMs('P1Y'), isoDurationMs('30d')]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('has no last use without an expiry or a window', () => {
    expect(lastUseOf(token({ expiresAt: new Date('2026-11-29T00:00:00Z') }))).toBeNull();
    expect(lastUseOf(token({ tokenWindowMs: 1000 }))).toBeNull();
  });
});
