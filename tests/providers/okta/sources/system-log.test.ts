import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import source, { EVENT_READER, signIn, type OktaLogEvent } from '../../../../src/providers/okta/sources/system-log.js';
import { SourceTester } from '../../../../src/testing/index.js';
import { readText } from '../../../../src/testing/source-tester.js';
import { fixturesDir } from '../../../support/paths.js';
import { expectFastPathAgrees } from '../../../support/record-readers.js';

const page = readFileSync(path.join(fixturesDir, 'okta/system-log/logs-page-0001.json'), 'utf8');
const ndjson = readFileSync(path.join(fixturesDir, 'okta/system-log/logs-2026-10-30.ndjson'), 'utf8');
const gina = { id: '00u1gina000000000008', type: 'User', alternateId: 'Gina.Ruiz@example.com', displayName: 'Gina Ruiz' };
const minimal = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({ uuid: 'u-1', published: '2025-01-20T10:14:33.512Z', eventType: 'user.session.start', actor: { id: '00u1', type: 'User' }, ...fields });

new SourceTester(source).run({
  read: [
    {
      name: 'an event with only the fields checks need, as NDJSON',
      text: `${minimal()}\n\n`,
      records: [{ uuid: 'u-1', published: Date.parse('2025-01-20T10:14:33.512Z'), eventType: 'user.session.start', outcome: null, outcomeReason: null, actor: { id: '00u1', type: 'User', alternateId: null, displayName: null }, clientIp: null, targets: [] }],
    },
  ],
  reject: [
    { name: 'an empty file', text: '', error: 'File is empty: expected Okta System Log events', line: 1, col: 1 },
    { name: 'an impossible date in a page', text: `[${minimal({ published: '2025-02-30T10:00:00.000Z' })}]`, error: '[0].published: expected a date-time like 2025-01-20T10:14:33.512Z, found "2025-02-30T10:00:00.000Z"', line: 1 },
    { name: 'an event without a uuid, on its NDJSON line', text: `${minimal()}\n${minimal({ uuid: undefined })}\n`, error: 'uuid: missing (expected string)', line: 2, col: 1 },
  ],
});

describe('okta/system-log, the fixture files', () => {
  const events = readText(source, page, 'logs-page-0001.json') as OktaLogEvent[];

  it('reads a page and an NDJSON file into the same shape', () => {
    expect(events.map((event) => [event.eventType, event.outcome])).toEqual([
      ['user.lifecycle.deactivate', 'SUCCESS'],
      ['user.session.start', 'SUCCESS'],
      ['user.authentication.sso', 'SUCCESS'],
      ['user.session.start', 'FAILURE'],
    ]);
    const lines = readText(source, ndjson, 'logs.ndjson') as OktaLogEvent[];
    expect(lines[1]).toEqual(events[1]);
    expect(source.kind === 'stream' && lines.map((event) => source.recordId?.(event))).toEqual(['5b0c2f7e-0000-11ef-8000-000000000105', '5b0c2f7e-0000-11ef-8000-000000000102']);
  });

  it('offers sign-ins to Okta and to apps as identity/sign-ins, and nothing else', () => {
    expect(events.map(signIn)).toEqual([
      undefined,
      { provider: 'okta', eventId: '5b0c2f7e-0000-11ef-8000-000000000102', time: Date.parse('2026-10-28T19:03:51.512Z'), accountId: gina.id, login: gina.alternateId, success: true, mfaUsed: null, sourceIp: '203.0.113.9', application: 'Okta' },
      { provider: 'okta', eventId: '5b0c2f7e-0000-11ef-8000-000000000103', time: Date.parse('2026-10-28T19:04:10.007Z'), accountId: gina.id, login: gina.alternateId, success: true, mfaUsed: null, sourceIp: '203.0.113.9', application: 'AWS IAM Identity Center' },
      expect.objectContaining({ login: 'carol.ng@example.com', success: false, sourceIp: '203.0.113.77' }),
    ]);
  });
});

describe('okta/system-log, the fast path', () => {
  const samples = [...(JSON.parse(page) as unknown[]), ...ndjson.split('\n').filter((line) => line.trim() !== '').map((line): unknown => JSON.parse(line)), JSON.parse(minimal())];

  it('reads what the schema reads, the same, and leaves everything else to it', () => {
    expect(expectFastPathAgrees(EVENT_READER, samples, ['outcome', 'client', 'target'])).toBeGreaterThan(100);
  });

  it('reads an event published with a zone offset, its outcome without a reason', () => {
    const offset = readText(source, `[${minimal({ published: '2025-01-20 12:14:33.512+02:00', outcome: { result: 'SUCCESS' } })}]`, 'page.json') as OktaLogEvent[];
    expect(offset.map((event) => [event.published, event.outcome])).toEqual([[Date.parse('2025-01-20T10:14:33.512Z'), 'SUCCESS']]);
  });

  it('places the first invalid event of a page as the whole page validated would', () => {
    const text = `[${minimal()},${minimal({ actor: { id: 1, type: 'User' } })},${minimal({ uuid: '' })}]`;
    expect(() => readText(source, text, 'page.json')).toThrow(expect.objectContaining({ message: '[1].actor.id: expected string, found 1', position: expect.objectContaining({ line: 1 }) }));
  });
});
