import { defineFormatter } from '../define-formatter.js';
import type { ExceptionsView } from '../../report/exceptions-view.js';
import type { ExceptionResult } from '../../report/model.js';
import { csvDocument } from '../text/csv.js';
import { byUrgency } from './columns.js';

const HEAD = ['id', 'control', 'status', 'owner', 'risk', 'approved_by', 'approved', 'expires', 'days_to_expiry', 'age_days', 'reason', 'ticket', 'resources', 'file', 'matched', 'control_exists', 'control_works'];

function exceptionCells(exception: ExceptionResult, ranTests: boolean): (string | number)[] {
  return [
    exception.id,
    exception.control,
    exception.status,
    exception.owner,
    exception.risk,
    exception.approved_by,
    exception.approved,
    exception.expires,
    exception.days_to_expiry,
    exception.age_days,
    exception.reason,
    exception.ticket ?? '',
    (exception.resources ?? []).join(' '),
    exception.file,
    // Without tests nothing was matched or not: the count is unknown, not zero.
    ranTests ? exception.matched.length : '',
    exception.control_exists ?? '',
    exception.control_works ?? '',
  ];
}

export default defineFormatter({
  name: 'csv',
  view: 'exceptions',
  description:
    'A spreadsheet: one row per exception, most urgent first; days_to_expiry is negative when overdue, matched is the number of resources it matched (empty with --no-data). ' +
    'The same cell rules as run --format csv: RFC 4180, formula-safe, UTF-8 with a byte order mark for Excel.',
  extension: 'csv',
  format(view: ExceptionsView) {
    return csvDocument(HEAD, byUrgency(view.exceptions).map((exception) => exceptionCells(exception, view.ran_tests)));
  },
});
