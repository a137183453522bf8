import { UserError, type Position } from '../../../core/errors.js';
import { parseInstant } from '../../../core/time.js';
import { parseCsv, type CsvTable } from '../../../kit/formats/csv.js';
import { splitPlainCsv, type RowReader } from '../../../kit/formats/csv-split.js';
import { defineSource, type SourceText } from '../../../kit/define-source.js';
import type { IdentityAccount } from '../../../kit/views/identity/accounts.js';
import { parseJsonText } from '../../../kit/formats/json.js';
import { assertNotEmpty } from '../../../kit/formats/text.js';
import { isObject } from '../lib/export-file.js';

/** A date column: `null` for `N/A`, `no_information` and `not_supported` (never epoch 0). */
export type ReportDate = Date | null;

export interface AccessKeySlot {
  slot: 1 | 2;
  active: boolean;
  lastRotated: ReportDate;
  lastUsedDate: ReportDate;
  lastUsedRegion: string | null;
  lastUsedService: string | null;
}

/** One row of the IAM credential report, typed. */
export interface CredentialReportRow {
  user: string;
  arn: string;
  /** The `<root_account>` row. */
  isRoot: boolean;
  userCreationTime: ReportDate;
  /** `null` for root, whose value is `not_supported`. */
  passwordEnabled: boolean | null;
  passwordLastUsed: ReportDate;
  passwordLastChanged: ReportDate;
  passwordNextRotation: ReportDate;
  mfaActive: boolean;
  accessKeys: readonly [AccessKeySlot, AccessKeySlot];
}

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'aws/iam-credential-report': CredentialReportRow;
  }
}

/** The 22 columns of the report, in the order IAM writes them. */
export const REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

type ReportColumn = (typeof REPORT_COLUMNS)[number];

/** Values that mean "no value here": none of them is a date, and none is epoch 0. */
const NO_VALUE_TOKENS = new Set(['N/A', 'no_information', 'not_supported']);
const ROOT_USER = '<root_account>';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const NOT_BASE64 = /[^A-Za-z0-9+/=\s]/;
const EXPORT_HINT = 'Export the report unchanged with `aws iam get-credential-report` (the JSON, its base64 Content, or the decoded CSV).';

/** One data row: its cells by column, and where a bad cell is. */
interface RowCells {
  value(column: ReportColumn): string;
  positionOf(column: ReportColumn): Position;
}

/**
 * The report as CSV text, from any of the three shapes a user may save: the decoded CSV, the base64
 * `Content` alone, or the whole `aws iam get-credential-report` JSON. Positions in decoded text name it so.
 */
function decodeReport(source: SourceText): SourceText {
  assertNotEmpty(source, 'an IAM credential report');
  const trimmed = source.text.trim();
  if (trimmed.startsWith('{')) {
    const content = cliContent(parseJsonText(source.text, source.display, EXPORT_HINT), source.display);
    return { display: `${source.display} (decoded Content)`, text: fromBase64(content) };
  }
  // A CSV fails the first test at its first comma, before the whole text is copied without its white space.
  const compact = NOT_BASE64.test(trimmed) ? '' : trimmed.replace(/\s+/g, '');
  if (BASE64.test(compact) && compact.length % 4 === 0) {
    return { display: `${source.display} (decoded base64)`, text: fromBase64(compact) };
  }
  return source;
}

function cliContent(document: unknown, file: string): string {
  const found = isObject(document) ? Object.entries(document) : [];
  const content = found.find(([key]) => key === 'Content')?.[1];
  const format = found.find(([key]) => key === 'ReportFormat')?.[1];
  if (typeof content !== 'string' || !BASE64.test(content.replace(/\s+/g, ''))) {
    throw new UserError('Expected the JSON of `aws iam get-credential-report` with a base64 "Content" string', {
      position: { file, line: 1, col: 1 },
      hint: EXPORT_HINT,
    });
  }
  if (format !== undefined && format !== 'text/csv') {
    throw new UserError(`Expected ReportFormat "text/csv", found ${JSON.stringify(format)}`, {
      position: { file, line: 1, col: 1 },
      hint: EXPORT_HINT,
    });
  }
  return content;
}

function fromBase64(content: string): string {
  return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
}

/** Requires every one of the 22 columns; extra columns are ignored. */
function checkHeader(table: CsvTable, file: string): void {
  const missing = REPORT_COLUMNS.filter((column) => !table.header.includes(column));
  if (missing.length === 0) return;
  const known = new Set<string>(REPORT_COLUMNS);
  const unexpected = table.header.find((column) => !known.has(column));
  const found = unexpected === undefined ? '' : `; found unexpected column "${unexpected}"`;
  throw new UserError(`Expected the ${REPORT_COLUMNS.length} credential report columns, missing ${missing.join(', ')}${found}`, {
    position: unexpected === undefined ? { file, line: 1, col: 1 } : table.positionOf('header', unexpected),
    hint: EXPORT_HINT,
  });
}

function invalidCell(row: RowCells, column: ReportColumn, expected: string): UserError {
  return new UserError(`Invalid ${column} "${row.value(column)}" for user ${row.value('user')}: expected ${expected}`, {
    position: row.positionOf(column),
    hint: EXPORT_HINT,
  });
}

function text(row: RowCells, column: ReportColumn): string {
  const value = row.value(column);
  if (value === '') throw invalidCell(row, column, 'a value');
  return value;
}

function optionalText(row: RowCells, column: ReportColumn): string | null {
  const value = row.value(column);
  return NO_VALUE_TOKENS.has(value) ? null : value;
}

function date(row: RowCells, column: ReportColumn): ReportDate {
  const value = row.value(column);
  if (NO_VALUE_TOKENS.has(value)) return null;
  const parsed = parseInstant(value);
  if (parsed) return parsed;
  throw invalidCell(row, column, 'a timestamp like 2024-03-05T14:22:07+00:00, N/A, no_information or not_supported');
}

function bool(row: RowCells, column: ReportColumn): boolean {
  const value = row.value(column).toLowerCase();
  if (value === 'true' || value === 'false') return value === 'true';
  throw invalidCell(row, column, 'true or false');
}

function optionalBool(row: RowCells, column: ReportColumn): boolean | null {
  return NO_VALUE_TOKENS.has(row.value(column)) ? null : bool(row, column);
}

function accessKey(row: RowCells, slot: 1 | 2): AccessKeySlot {
  return {
    slot,
    active: bool(row, `access_key_${slot}_active`),
    lastRotated: date(row, `access_key_${slot}_last_rotated`),
    lastUsedDate: date(row, `access_key_${slot}_last_used_date`),
    lastUsedRegion: optionalText(row, `access_key_${slot}_last_used_region`),
    lastUsedService: optionalText(row, `access_key_${slot}_last_used_service`),
  };
}

/**
 * A kept cell as a string of its own. Cells split from the report are slices of its text, and one slice kept alive
 * keeps the whole text: hundreds of megabytes for a large account. A one-character prefix makes V8 copy the cell.
 */
function ownCopy(cell: string): string {
  return ` ${cell}`.slice(1);
}

function toRow(row: RowCells): CredentialReportRow {
  const user = ownCopy(text(row, 'user'));
  return {
    user,
    arn: ownCopy(text(row, 'arn')),
    isRoot: user === ROOT_USER,
    userCreationTime: date(row, 'user_creation_time'),
    passwordEnabled: optionalBool(row, 'password_enabled'),
    passwordLastUsed: date(row, 'password_last_used'),
    passwordLastChanged: date(row, 'password_last_changed'),
    passwordNextRotation: date(row, 'password_next_rotation'),
    mfaActive: bool(row, 'mfa_active'),
    accessKeys: [accessKey(row, 1), accessKey(row, 2)],
  };
}

/** Typed rows of one credential report file, in any of its three shapes. */
function readCredentialReport(source: SourceText): CredentialReportRow[] {
  const csv = decodeReport(source);
  return fastRows(csv) ?? parsedRows(csv);
}

/**
 * The rows from the CSV split fast (see `splitPlainCsv`), or undefined when it cannot vouch for them or a cell is
 * invalid: `parsedRows` then reads the file again and throws the error at its exact position.
 */
function fastRows(csv: SourceText): CredentialReportRow[] | undefined {
  try {
    return splitPlainCsv(csv, rowReader);
  } catch (error) {
    if (error instanceof UserError) return undefined;
    throw error;
  }
}

/** Where each column is in the report's own order, for looking cells up without a map. */
const COLUMN_INDEX: Readonly<Partial<Record<ReportColumn, number>>> = Object.fromEntries(REPORT_COLUMNS.map((column, index) => [column, index]));

/** How to type a row of cells in the order of `header`; undefined when a column is missing (checkHeader names it). */
function rowReader(header: readonly string[]): RowReader<CredentialReportRow> | undefined {
  const cellIndex = REPORT_COLUMNS.map((column) => header.indexOf(column));
  if (cellIndex.includes(-1)) return undefined;
  let cells: readonly string[] = [];
  const row: RowCells = { value: (column) => cells[cellIndex[COLUMN_INDEX[column] ?? -1] ?? -1] ?? '', positionOf: () => ({ file: '' }) };
  return (rowCells) => {
    cells = rowCells;
    return toRow(row);
  };
}

/** The rows from csv-parse, every cell with its position for errors. */
function parsedRows(csv: SourceText): CredentialReportRow[] {
  const table = parseCsv(csv);
  checkHeader(table, csv.display);
  return table.rows.map((cells, index) => toRow({ value: (column) => cells[column] ?? '', positionOf: (column) => table.positionOf(index, column) }));
}

/** The latest of the dates a user's password or access keys were last used. */
function lastUsed(row: CredentialReportRow): Date | null {
  const dates = [row.passwordLastUsed, ...row.accessKeys.map((key) => key.lastUsedDate)].filter((date): date is Date => date !== null);
  return dates.length === 0 ? null : new Date(Math.max(...dates.map((date) => date.getTime())));
}

/**
 * IAM users as `identity/accounts`: active while a console password or an access key is enabled (an IAM user
 * without either cannot sign in). The root user is left out: it is the account itself, covered by aws/iam-root-*.
 */
export function identityAccounts(rows: readonly CredentialReportRow[]): IdentityAccount[] {
  return rows
    .filter((row) => !row.isRoot)
    .map((row) => ({
      provider: 'aws',
      id: row.arn,
      login: row.user,
      emails: row.user.includes('@') ? [row.user.toLowerCase()] : [],
      employeeId: null,
      displayName: null,
      status: row.passwordEnabled === true || row.accessKeys.some((key) => key.active) ? 'active' : 'suspended',
      created: row.userCreationTime,
      lastSignIn: lastUsed(row),
      statusChanged: null,
      // The report says whether MFA is active, not which device.
      mfaFactors: row.mfaActive ? [{ kind: 'unknown', strength: 'unknown' }] : [],
      adminRoles: [],
    }));
}

export default defineSource({
  type: 'aws/iam-credential-report',
  kind: 'batch',
  description:
    'AWS IAM credential report: the `aws iam get-credential-report` JSON, its base64 Content, or the decoded CSV. Its IAM users (not root) are offered as `identity/accounts`.',
  read: (files) => files.flatMap(readCredentialReport),
  views: { 'identity/accounts': identityAccounts },
});
