import { UserError } from '../../../core/errors.js';
import { defineSource, type SourceText } from '../../../kit/define-source.js';
import { csvRows } from '../lib/csv-rows.js';

/** Another login or e-mail a person has, in one provider or in every one. */
export interface HrAlias {
  /** The person as HR knows them: their work e-mail (lower-case) or their employee id. */
  person: string;
  /** The provider the login belongs to (`okta`, `aws`, `github`, …); null for any provider. */
  provider: string | null;
  /** The other login or e-mail, lower-case. */
  login: string;
}

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'hr/aliases': HrAlias;
  }
}

const COLUMNS = ['person', 'provider', 'login'] as const;
const HINT = 'An alias table is CSV with the columns person (work e-mail or employee id), provider (empty for any) and login, one row per alias.';

function readAliases(file: SourceText): HrAlias[] {
  const rows = csvRows(
    file,
    COLUMNS.map((column) => ({ column, param: 'alias table' })),
    HINT,
  );
  return rows.map((row) => {
    for (const column of ['person', 'login'] as const) {
      if (row.cell(column) === '') throw new UserError(`Expected a ${column}, found an empty cell`, { position: row.positionOf(column), hint: HINT });
    }
    const person = row.cell('person');
    return { person: person.includes('@') ? person.toLowerCase() : person, provider: row.cell('provider').toLowerCase() || null, login: row.cell('login').toLowerCase() };
  });
}

export default defineSource({
  type: 'hr/aliases',
  kind: 'batch',
  description:
    'An alias table for people whose logins differ from their work e-mail, as CSV with the columns `person` (work e-mail or employee id), `provider` (`okta`, `aws`, …; empty for any provider) and `login` (the other login or e-mail). One record per row (person, provider or null for any, login); e-mails and logins are lower-cased, employee ids kept as written, so they compare case-insensitively.',
  read: (files) => files.flatMap(readAliases),
});
