import { z } from 'zod';
import { UserError } from '../../../core/errors.js';
import { parseDate } from '../../../core/time.js';
import { defineSource, type SourceText } from '../../../kit/define-source.js';
import { csvRows, type CsvRow } from '../lib/csv-rows.js';

/** One person who has left, from the latest employment episode in the HR export. */
export interface HrLeaver {
  /** As the HR system writes it, trimmed; null when the export has no employee id column or the cell is empty. */
  employeeId: string | null;
  /** Work e-mail, lower-case; null when the row has only an employee id. */
  email: string | null;
  /** When employment ended: the instant written, or for a date alone the end of that day (00:00 UTC of the next). */
  terminated: Date;
  /** The manager as the export names them (usually an e-mail), lower-case; null when absent. */
  manager: string | null;
}

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'hr/leavers': HrLeaver;
  }
}

const DEFAULT_COLUMNS = { employee_id_column: 'employee_id', email_column: 'email', terminated_column: 'termination_date', manager_column: 'manager_email' } as const;
type ColumnParam = keyof typeof DEFAULT_COLUMNS;

const column = (param: ColumnParam, what: string): z.ZodDefault<z.ZodString> =>
  z.string().min(1).default(DEFAULT_COLUMNS[param]).describe(`The column holding ${what}.`);

const params = z.strictObject({
  employee_id_column: column('employee_id_column', "each person's employee id (optional: absent means e-mail joins only)"),
  email_column: column('email_column', "each person's work e-mail, the join key to identity providers"),
  terminated_column: column('terminated_column', 'the termination date (YYYY-MM-DD, taken as the end of that day in UTC) or date-time with a zone; empty while employed'),
  manager_column: column('manager_column', "the person's manager (optional)"),
});

type LeaverParams = z.output<typeof params>;

const HINT =
  'Export one row per person (or per employment episode) with a header row; name the columns with the source\'s params (email_column, employee_id_column, terminated_column, manager_column). Dates are YYYY-MM-DD or ISO 8601 with a zone.';
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** The end of employment a cell states; a date alone ends when that day does, in UTC. */
function terminationOf(row: CsvRow, columnName: string): Date | null {
  const value = row.cell(columnName);
  if (value === '') return null;
  const date = parseDate(value);
  if (!date) {
    throw new UserError(`Invalid ${columnName} "${value}": expected a calendar date like 2026-10-02 or a date-time with a zone like 2026-10-02T17:30:00Z`, {
      position: row.positionOf(columnName),
      hint: HINT,
    });
  }
  return DATE_ONLY.test(value) ? new Date(date.getTime() + DAY_MS) : date;
}

/** The columns a file must have: the termination one, any set to another name than its default, and an e-mail or employee id. */
function requiredColumns(settings: LeaverParams): { column: string; param: string }[] {
  return (Object.keys(DEFAULT_COLUMNS) as ColumnParam[])
    .filter((param) => param === 'terminated_column' || settings[param] !== DEFAULT_COLUMNS[param])
    .map((param) => ({ column: settings[param], param }));
}

interface Episode {
  leaver: HrLeaver | null;
  key: string;
}

function episodeOf(row: CsvRow, settings: LeaverParams): Episode {
  const employeeId = row.cell(settings.employee_id_column) || null;
  const email = row.cell(settings.email_column).toLowerCase() || null;
  if (employeeId === null && email === null) {
    throw new UserError(`Expected an e-mail (${settings.email_column}) or an employee id (${settings.employee_id_column}), found neither`, {
      position: row.positionOf(settings.email_column),
      hint: HINT,
    });
  }
  if (email !== null && !email.includes('@')) {
    throw new UserError(`Invalid ${settings.email_column} "${email}": expected an e-mail address`, { position: row.positionOf(settings.email_column), hint: HINT });
  }
  const terminated = terminationOf(row, settings.terminated_column);
  const key = employeeId === null ? `email:${email ?? ''}` : `id:${employeeId}`;
  return { key, leaver: terminated === null ? null : { employeeId, email, terminated, manager: row.cell(settings.manager_column).toLowerCase() || null } };
}

/**
 * Leavers, one per person: a person with a row that is still employed (no termination: a rehire) is not one; of
 * several terminated episodes the latest counts.
 */
function readLeavers(files: readonly SourceText[], settings: LeaverParams): HrLeaver[] {
  const people = new Map<string, HrLeaver | 'employed'>();
  for (const file of files) {
    for (const row of csvRows(file, requiredColumns(settings), HINT)) {
      const { key, leaver } = episodeOf(row, settings);
      const known = people.get(key);
      if (leaver === null) people.set(key, 'employed');
      else if (known === undefined || (known !== 'employed' && known.terminated < leaver.terminated)) people.set(key, leaver);
    }
  }
  return [...people.values()].filter((person): person is HrLeaver => person !== 'employed');
}

export default defineSource({
  type: 'hr/leavers',
  kind: 'batch',
  description:
    'An HR export of people and their termination, as CSV with a header row: one row per person or per employment episode; which columns hold the employee id, e-mail, termination and manager is set by params. A termination date alone ends at the end of that day (UTC); an invalid date is an error at its cell. One record per person who has left (employee id, lower-case e-mail, termination instant, manager): a person with a row still employed (rehired) is not one, and of several terminations the latest counts.',
  params,
  read: readLeavers,
});
