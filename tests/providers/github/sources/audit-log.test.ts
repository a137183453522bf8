import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import source, { accountUse, auditEventId, type GithubAuditEvent } from '../../../../src/providers/github/sources/audit-log.js';
import { SourceTester } from '../../../../src/testing/index.js';
import { readText } from '../../../../src/testing/source-tester.js';
import { decodeExportFile } from '../../../../src/kit/files/read-file.js';
import { fixturesDir } from '../../../support/paths.js';

const fixture = (name: string): string => readFileSync(path.join(fixturesDir, 'github/audit-log', name), 'utf8');
const minimal = (fields: Record<string, unknown> = {}) => JSON.stringify({ '@timestamp': 1792484102114, _document_id: 'd-1', action: 'git.clone', actor: 'carol-ng', ...fields });
const event = (fields: Partial<GithubAuditEvent> = {}): GithubAuditEvent => ({
  documentId: 'd-1',
  time: 1792484102114,
  action: 'git.clone',
  operationType: null,
  actor: 'carol-ng',
  actorId: null,
  user: null,
  org: null,
  repo: null,
  actorIp: null,
  countryCode: null,
  programmaticAccessType: null,
  tokenId: null,
  hashedToken: null,
  ...fields,
});
const CSV_HEADER = '@timestamp,_document_id,action,actor,actor_id';

new SourceTester(source).run({
  read: [
    { name: 'an event with only the fields checks need, as NDJSON', text: `${minimal()}\n\n`, records: [event()] },
    { name: 'created_at where @timestamp is absent', text: `[${minimal({ '@timestamp': undefined, created_at: 1792484102000 })}]`, records: [event({ time: 1792484102000 })] },
    { name: 'an array of pages (gh api --paginate --slurp)', text: `[[${minimal()}],[${minimal({ _document_id: 'd-2', actor: null })}]]`, records: [event(), event({ documentId: 'd-2', actor: null })] },
    { name: 'an empty page', text: '[]', records: [] },
    {
      name: 'a CSV export with a BOM, CRLF and no _document_id column',
      text: '\uFEFF@timestamp,action,actor,actor_id,actor_location.country_code\r\n1792484102114,git.clone,carol-ng,5550103,US\r\n',
      records: [event({ documentId: null, actorId: 5550103, countryCode: 'US' })],
    },
    { name: 'a CSV time as a date-time with its zone', text: 'created_at,action,actor\n2026-10-20T08:15:02.114Z,git.clone,carol-ng\n', records: [event({ documentId: null })] },
  ],
  reject: [
    { name: 'an empty file', text: '', error: 'File is empty: expected GitHub audit log events', line: 1, col: 1 },
    { name: 'an event without any time', text: `[${minimal({ '@timestamp': undefined })}]`, error: '[0].@timestamp: missing @timestamp (expected epoch milliseconds, as is created_at)', line: 1, col: 2 },
    { name: 'a time as an ISO string in JSON', text: `[\n${minimal({ '@timestamp': '2026-10-20T08:15:02Z' })}\n]`, error: /^\[0\]\.@timestamp: expected number, found "2026-10-20T08:15:02Z"/, line: 2, col: 15 },
    { name: 'an event without an action, on its NDJSON line', text: `${minimal()}\n${minimal({ action: undefined })}\n`, error: 'action: missing (expected string)', line: 2, col: 1 },
    { name: 'pages back to back (gh api --paginate without --slurp)', text: `[${minimal()}]\n[${minimal()}]`, error: 'Invalid JSON: expected end of file after the JSON value, found "["', line: 2, col: 1 },
    { name: 'a CSV without an action column', text: '@timestamp,actor\n1792484102114,carol-ng\n', error: /^Expected a column "action" in the audit log CSV, found "@timestamp", "actor"$/, line: 1, col: 1 },
    { name: 'a CSV without a time column', text: 'action,actor\ngit.clone,carol-ng\n', error: /^Expected a column "@timestamp or created_at"/, line: 1, col: 1 },
    { name: 'a CSV time in epoch seconds, at its cell', text: `${CSV_HEADER}\n1792484102114,d-1,git.clone,carol-ng,5550103\n1792484102,d-2,git.clone,carol-ng,5550103\n`, error: '@timestamp: expected epoch milliseconds like 1737368073512, found "1792484102"', line: 3, col: 1 },
    { name: 'a CSV actor_id that is not a number, at its cell', text: `${CSV_HEADER}\n1792484102114,d-1,git.clone,carol-ng,carol\n`, error: 'actor_id: expected a numeric id, found "carol"', line: 2, col: 38 },
    { name: 'a CSV row without an action', text: `${CSV_HEADER}\n1792484102114,d-1,,carol-ng,5550103\n`, error: 'action: expected an action like git.clone, found an empty cell', line: 2, col: 19 },
    { name: 'a ragged CSV row', text: `${CSV_HEADER}\n1792484102114,d-1,git.clone\n`, error: 'Expected 5 fields as in the header, found 3', line: 2 },
  ],
});

describe('github/audit-log, the fixture files', () => {
  const events = readText(source, fixture('export-2026-11-01.json'), 'export-2026-11-01.json') as GithubAuditEvent[];

  it('reads the JSON export, the CSV export and streamed NDJSON into the same events', () => {
    expect(events.map((entry) => [entry.action, entry.actor, entry.user])).toEqual([
      ['org.update_member', 'alice-example', 'bob-example'],
      ['git.clone', 'carol-ng', null],
      ['repo.download_zip', 'carol-ng', null],
      ['pull_request.create', 'dependabot[bot]', null],
      ['org.remove_member', 'alice-example', 'lee-example'],
    ]);
    expect(events[2]).toMatchObject({ programmaticAccessType: 'Personal access token (classic)', tokenId: 161195, countryCode: 'US', actorIp: '198.51.100.23' });
    expect(readText(source, fixture('export-2026-11-01.csv'), 'export.csv')).toEqual(events);
    expect(readText(source, fixture('stream-2026-10-20.json.log'), 'stream.json.log')).toEqual(events.slice(1, 3));
  });

  it('reads a gzipped stream file as the engine decodes it', () => {
    const bytes = gzipSync(Buffer.from(fixture('stream-2026-10-20.json.log')));
    const { text } = decodeExportFile(bytes, '/exports/stream.json.log.gz');
    expect(source.kind === 'stream' && [...source.readFile(text)]).toEqual(events.slice(1, 3));
  });

  it('tells pages printed back to back to add --slurp', () => {
    expect(() => readText(source, `[${minimal()}][${minimal()}]`)).toThrow(expect.objectContaining({ hint: expect.stringContaining('add `--slurp`') }));
  });

  it('identifies an event by its _document_id, or by what it is made of', () => {
    expect(events.map(auditEventId)[1]).toBe('Vn2pQe7HcR0dWm5tLk9ZsA');
    const withoutId = event({ documentId: null, user: 'lee-example' });
    expect(auditEventId(withoutId)).toBe(auditEventId({ ...withoutId }));
    expect(auditEventId(withoutId)).not.toBe(auditEventId({ ...withoutId, user: 'bob-example' }));
  });

  it('offers every event a person acted in as identity/sign-ins, not those of apps or without an actor', () => {
    expect(events.map(accountUse)).toEqual([
      { provider: 'github', eventId: 'qT3kXbVw0LmC8sZ1aYp4Rg', time: Date.parse('2026-10-02T09:12:44.318Z'), accountId: '5550101', login: 'alice-example', success: true, mfaUsed: null, sourceIp: null, application: 'org.update_member' },
      { provider: 'github', eventId: 'Vn2pQe7HcR0dWm5tLk9ZsA', time: Date.parse('2026-10-20T08:15:02.114Z'), accountId: '5550103', login: 'carol-ng', success: true, mfaUsed: null, sourceIp: '198.51.100.23', application: 'git.clone example-org/payments' },
      expect.objectContaining({ login: 'carol-ng', application: 'repo.download_zip example-org/payments' }),
      undefined,
      expect.objectContaining({ login: 'alice-example', application: 'org.remove_member' }),
    ]);
    expect(accountUse(event({ actor: null }))).toBeUndefined();
  });
});
