import { UserError } from '../../../core/errors.js';
import { parseInstant } from '../../../core/time.js';
import { defineSource, type SourceText } from '../../../kit/define-source.js';
import { parseCsv, type CsvTable } from '../../../kit/formats/csv.js';
import { employeeIdOf, identityAccounts, uniqueUsers, unlessNever, type GoogleWorkspaceUser } from '../lib/users.js';

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'google-workspace/gam-users': GoogleWorkspaceUser;
  }
}

const HINT =
  'Export with `gam print users allfields > users.csv` (GAM7 or GAMADV-XTD3), or at least `gam print users fields primaryemail,id,suspended,archived,admin,isenrolledin2sv,lastlogintime,creationtime,name,emails,externalids`; keep GAM\'s column names.';

/** Without these the status and admin roles of a user would be guesses. */
const REQUIRED = ['primaryEmail', 'id', 'suspended', 'isAdmin', 'isDelegatedAdmin'] as const;

/** What GAM writes for a time that never happened (its `never_time` setting, default `Never`), besides the epoch itself. */
const NEVER = new Set(['', 'never']);

interface Row {
  cell(column: string): string;
  has(column: string): boolean;
  invalid(column: string, expected: string): UserError;
}

function rowsOf(table: CsvTable): Row[] {
  const header = new Set(table.header);
  return table.rows.map((cells, index) => {
    const cell = (column: string): string => (header.has(column) ? (cells[column] ?? '').trim() : '');
    return {
      cell,
      has: (column) => header.has(column),
      invalid: (column, expected) =>
        new UserError(`Invalid ${column} "${cell(column)}" for user ${cell('primaryEmail') || '?'}: expected ${expected}`, { position: table.positionOf(index, column), hint: HINT }),
    };
  });
}

function checkHeader(table: CsvTable): void {
  const missing = REQUIRED.filter((column) => !table.header.includes(column));
  if (missing.length === 0) return;
  throw new UserError(`Expected GAM's user columns ${missing.map((column) => `"${column}"`).join(', ')}, found ${table.header.map((name) => `"${name}"`).join(', ') || 'no columns'}`, {
    position: table.positionOf('header', ''),
    hint: HINT,
  });
}

/** GAM writes Python's `True` and `False`; empty is a field the API did not send. */
function bool(row: Row, column: string): boolean | null {
  const value = row.cell(column).toLowerCase();
  if (value === 'true' || value === 'false') return value === 'true';
  if (value === '') return null;
  throw row.invalid(column, 'True or False');
}

function requiredBool(row: Row, column: string): boolean {
  const value = bool(row, column);
  if (value === null) throw row.invalid(column, 'True or False');
  return value;
}

function requiredText(row: Row, column: string): string {
  const value = row.cell(column);
  if (value === '') throw row.invalid(column, 'a value');
  return value;
}

function time(row: Row, column: string): Date | null {
  const value = row.cell(column);
  if (NEVER.has(value.toLowerCase())) return null;
  const date = parseInstant(value);
  if (date === undefined) throw row.invalid(column, 'a date-time like 2024-01-15T10:20:30Z, or Never');
  return unlessNever(date);
}

/** The values of GAM's flattened list columns, in order: `emails.0.address`, `emails.1.address`, … */
function listed(row: Row, header: readonly string[], list: string, field: string): string[] {
  const pattern = new RegExp(`^${list}\\.(\\d+)\\.${field}$`);
  return header
    .flatMap((column) => {
      const index = pattern.exec(column)?.[1];
      return index === undefined ? [] : [{ index: Number(index), value: row.cell(column) }];
    })
    .sort((a, b) => a.index - b.index)
    .map(({ value }) => value);
}

function externalIds(row: Row, header: readonly string[]): { type: string | null; value: string | null }[] {
  const types = listed(row, header, 'externalIds', 'type');
  const values = listed(row, header, 'externalIds', 'value');
  return values.map((value, index) => ({ type: types[index] || null, value: value || null }));
}

function toUser(row: Row, header: readonly string[]): GoogleWorkspaceUser {
  return {
    id: requiredText(row, 'id'),
    primaryEmail: requiredText(row, 'primaryEmail'),
    fullName: row.cell('name.fullName') || null,
    emails: listed(row, header, 'emails', 'address').filter(Boolean),
    employeeId: employeeIdOf(externalIds(row, header)),
    suspended: requiredBool(row, 'suspended'),
    archived: bool(row, 'archived') ?? false,
    deleted: time(row, 'deletionTime'),
    isAdmin: requiredBool(row, 'isAdmin'),
    isDelegatedAdmin: requiredBool(row, 'isDelegatedAdmin'),
    isEnrolledIn2Sv: row.has('isEnrolledIn2Sv') ? requiredBool(row, 'isEnrolledIn2Sv') : null,
    isEnforcedIn2Sv: row.has('isEnforcedIn2Sv') ? requiredBool(row, 'isEnforcedIn2Sv') : null,
    created: time(row, 'creationTime'),
    lastLogin: row.has('lastLoginTime') ? time(row, 'lastLoginTime') : null,
    lastLoginExported: row.has('lastLoginTime'),
    orgUnitPath: row.cell('orgUnitPath') || null,
  };
}

function readFile(file: SourceText): GoogleWorkspaceUser[] {
  const table = parseCsv(file);
  checkHeader(table);
  return rowsOf(table).map((row) => toUser(row, table.header));
}

export default defineSource({
  type: 'google-workspace/gam-users',
  kind: 'batch',
  description:
    'Google Workspace users as GAM prints them: the CSV of `gam print users allfields` (GAM7 or GAMADV-XTD3; add `deleted_only` in a second file for deleted users), with GAM\'s flattened column names (`primaryEmail`, `id`, `name.fullName`, `suspended`, `archived`, `isAdmin`, `isDelegatedAdmin`, `isEnrolledIn2Sv`, `lastLoginTime`, `creationTime`, `deletionTime`, `emails.0.address`, `externalIds.0.type`/`value`, …). `primaryEmail`, `id`, `suspended`, `isAdmin` and `isDelegatedAdmin` are required; booleans are True or False; a time of `Never` (GAM\'s never_time) or 1970-01-01T00:00:00Z is never. Without an `isEnrolledIn2Sv` column the users\' 2-Step Verification is unknown, not absent; without a `lastLoginTime` column their sign-ins are unknown (the view then leaves out the creation time too, so no account reads as never signed in). Offered as `identity/accounts` exactly as google-workspace/users is.',
  read: (files) => uniqueUsers(files.flatMap(readFile)),
  views: { 'identity/accounts': identityAccounts },
});
