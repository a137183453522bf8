import { z } from 'zod';
import { UserError, type Position } from '../../../core/errors.js';
import { parseInstant } from '../../../core/time.js';
import type { SourceText } from '../../../kit/define-source.js';
import { stripBom } from '../../../kit/files/read-file.js';
import { parseCsv } from '../../../kit/formats/csv.js';
import { parseJsonText, validateJson } from '../../../kit/formats/json.js';
import { ndjsonRecords } from '../../../kit/formats/ndjson.js';
import { assertNotEmpty } from '../../../kit/formats/text.js';

/** One audit log event, the fields checks read. */
export interface GithubAuditEvent {
  /** `_document_id`, unique per event; null in an export that has none. */
  documentId: string | null;
  /** Epoch milliseconds: `@timestamp`, or `created_at` where it is absent. */
  time: number;
  /** `category.operation`: `git.clone`, `org.remove_member`, `repo.create`, … */
  action: string;
  /** `create, modify, remove, access, authentication, restore, transfer`. */
  operationType: string | null;
  /** Who acted; null for events GitHub records without one. */
  actor: string | null;
  actorId: number | null;
  /** The user the action affected. */
  user: string | null;
  org: string | null;
  repo: string | null;
  /** Only when the organisation disclosed IP addresses in its audit log. */
  actorIp: string | null;
  countryCode: string | null;
  /** How the actor authenticated outside the web UI (`personal access token`, `OAuth access`, …); null in the web UI. */
  programmaticAccessType: string | null;
  tokenId: number | null;
  /** SHA-256 of the token used (base64): identifies the token, reveals nothing of it. */
  hashedToken: string | null;
}

export const AUDIT_LOG_HINT =
  'Save the audit log as GitHub writes it: the JSON or CSV of Settings > Audit log > Export, the pages of GET /orgs/{org}/audit-log (`gh api --paginate --slurp`, e.g. with src/providers/github/export.sh), or the NDJSON audit log streaming writes.';

const CONCATENATED_HINT =
  'This looks like `gh api --paginate` without `--slurp`, which prints the pages back to back: add `--slurp` (gh 2.48 or later) so the file is one JSON value, an array of pages.';

const epochMs = z.number().int().positive();
const optionalText = z.string().nullable().optional();
const optionalId = z.number().int().nullable().optional();

const eventSchema = z
  .looseObject({
    '@timestamp': epochMs.optional(),
    created_at: epochMs.optional(),
    _document_id: optionalText,
    action: z.string().min(1),
    operation_type: optionalText,
    actor: optionalText,
    actor_id: optionalId,
    user: optionalText,
    org: optionalText,
    repo: optionalText,
    actor_ip: optionalText,
    actor_location: z.looseObject({ country_code: optionalText }).nullable().optional(),
    programmatic_access_type: optionalText,
    token_id: optionalId,
    hashed_token: optionalText,
  })
  .refine((event) => event['@timestamp'] !== undefined || event.created_at !== undefined, {
    message: 'missing @timestamp (expected epoch milliseconds, as is created_at)',
    path: ['@timestamp'],
  });

type EventJson = z.output<typeof eventSchema>;

function fromJson(event: EventJson): GithubAuditEvent {
  return {
    documentId: event._document_id || null,
    time: event['@timestamp'] ?? event.created_at ?? 0,
    action: event.action,
    operationType: event.operation_type || null,
    actor: event.actor || null,
    actorId: event.actor_id ?? null,
    user: event.user || null,
    org: event.org || null,
    repo: event.repo || null,
    actorIp: event.actor_ip || null,
    countryCode: event.actor_location?.country_code || null,
    programmaticAccessType: event.programmatic_access_type || null,
    tokenId: event.token_id ?? null,
    hashedToken: event.hashed_token || null,
  };
}

/** A JSON array: one page or the whole UI export (events), or `gh api --paginate --slurp`'s array of pages. */
function readJsonArray(file: SourceText): GithubAuditEvent[] {
  const value = parseJsonText(file.text, file.display, { hint: AUDIT_LOG_HINT, extraValueHint: CONCATENATED_HINT });
  const slurped = Array.isArray(value) && value.length > 0 && value.every(Array.isArray);
  const events = slurped
    ? validateJson(z.array(z.array(eventSchema)), value, file.text, file.display, AUDIT_LOG_HINT).flat()
    : validateJson(z.array(eventSchema), value, file.text, file.display, AUDIT_LOG_HINT);
  return events.map(fromJson);
}

function* readNdjson(file: SourceText): Iterable<GithubAuditEvent> {
  for (const event of ndjsonRecords(file, eventSchema, AUDIT_LOG_HINT)) yield fromJson(event);
}

const TIME_COLUMNS = ['@timestamp', 'created_at'] as const;

/** A CSV time cell: epoch milliseconds as GitHub writes them, or a date-time with its zone. */
function csvTime(cell: string): number | undefined {
  if (/^\d{13}$/.test(cell)) return Number(cell);
  return parseInstant(cell)?.getTime();
}

function csvId(cell: string, column: string, at: () => Position): number | null {
  if (cell === '') return null;
  if (/^\d{1,15}$/.test(cell)) return Number(cell);
  throw new UserError(`${column}: expected a numeric id, found ${JSON.stringify(cell)}`, { position: at(), hint: AUDIT_LOG_HINT });
}

/** The CSV export: a header row of the JSON keys (nested keys dotted), one event per row. */
function readCsv(file: SourceText): GithubAuditEvent[] {
  const table = parseCsv(file);
  const timeColumns = TIME_COLUMNS.filter((column) => table.header.includes(column));
  for (const [required, present] of [['action', table.header.includes('action')], ['@timestamp or created_at', timeColumns.length > 0]] as const) {
    if (!present) {
      throw new UserError(`Expected a column "${required}" in the audit log CSV, found ${table.header.map((name) => `"${name}"`).join(', ')}`, {
        position: table.positionOf('header', ''),
        hint: AUDIT_LOG_HINT,
      });
    }
  }
  return table.rows.map((cells, row) => {
    const cell = (column: string): string => (Object.hasOwn(cells, column) ? (cells[column] ?? '').trim() : '');
    const at = (column: string) => (): Position => table.positionOf(row, column);
    const text = (column: string): string | null => cell(column) || null;
    const timeColumn = timeColumns.find((column) => cell(column) !== '') ?? timeColumns[0] ?? '@timestamp';
    const time = csvTime(cell(timeColumn));
    if (time === undefined) {
      throw new UserError(`${timeColumn}: expected epoch milliseconds like 1737368073512, found ${JSON.stringify(cell(timeColumn))}`, { position: at(timeColumn)(), hint: AUDIT_LOG_HINT });
    }
    const action = cell('action');
    if (action === '') throw new UserError('action: expected an action like git.clone, found an empty cell', { position: at('action')(), hint: AUDIT_LOG_HINT });
    return {
      documentId: text('_document_id'),
      time,
      action,
      operationType: text('operation_type'),
      actor: text('actor'),
      actorId: csvId(cell('actor_id'), 'actor_id', at('actor_id')),
      user: text('user'),
      org: text('org'),
      repo: text('repo'),
      actorIp: text('actor_ip'),
      countryCode: text('actor_location.country_code'),
      programmaticAccessType: text('programmatic_access_type'),
      tokenId: csvId(cell('token_id'), 'token_id', at('token_id')),
      hashedToken: text('hashed_token'),
    };
  });
}

/** The events of one file, by what it starts with: `[` a JSON array, `{` NDJSON, anything else the CSV export. */
export function readAuditLogFile(file: SourceText): Iterable<GithubAuditEvent> {
  assertNotEmpty(file, 'GitHub audit log events', AUDIT_LOG_HINT);
  const start = stripBom(file.text).trimStart();
  if (start.startsWith('[')) return readJsonArray(file);
  if (start.startsWith('{')) return readNdjson(file);
  return readCsv(file);
}
