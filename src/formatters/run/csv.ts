import { defineFormatter } from '../define-formatter.js';
import type { ControlResult, ExceptionResult, FindingResult, Report, TestResult } from '../../report/model.js';
import { csvDocument } from '../text/csv.js';
import { failedMetrics } from './table/test-details.js';

const HEAD = ['control', 'title', 'owner', 'risk', 'function', 'exists', 'works', 'assurance', 'check', 'source', 'status', 'resource', 'message', 'excepted_by', 'exception_status'];

/** What a test without findings says: its error, else the metrics that missed their bounds. */
function testMessage(test: TestResult): string {
  if (test.error !== undefined) return test.error;
  return failedMetrics(test).map(({ name, value, bounds }) => `metric ${name} = ${value} (${bounds})`).join('; ');
}

function findingCells(finding: FindingResult, statusOf: ReadonlyMap<string, ExceptionResult['status']>): string[] {
  const exception = finding.excepted_by ?? finding.expired_exception;
  return [finding.resource, finding.message, exception ?? '', exception === undefined ? '' : (statusOf.get(exception) ?? '')];
}

function controlRows(control: ControlResult, statusOf: ReadonlyMap<string, ExceptionResult['status']>): string[][] {
  const lenses = [control.id, control.title, control.owner, control.risk, control.function, control.exists, control.works, control.assurance];
  // A control without tests still gets its row: untested is a verdict the spreadsheet must show.
  if (control.tests.length === 0) return [[...lenses, '', '', '', '', '', '', '']];
  return control.tests.flatMap((test) => {
    const testCells = [...lenses, test.check, Object.values(test.inputs).flat().join(', '), test.status];
    if (test.findings.length === 0) return [[...testCells, '', testMessage(test), '', '']];
    return test.findings.map((finding) => [...testCells, ...findingCells(finding, statusOf)]);
  });
}

export default defineFormatter({
  name: 'csv',
  view: 'run',
  description:
    'A spreadsheet: one row per finding and one per test without findings (or control without tests), with both lenses on every row. ' +
    'RFC 4180 (CRLF, quoted fields); cells that would start a formula are prefixed with \'. ' +
    'UTF-8 with a byte order mark, since Excel decodes a CSV as UTF-8 only with one (other spreadsheets and csv-parse\'s bom option accept it).',
  extension: 'csv',
  format(report: Report) {
    const statusOf = new Map(report.exceptions.map((exception) => [exception.id, exception.status]));
    return csvDocument(HEAD, report.controls.flatMap((control) => controlRows(control, statusOf)));
  },
});
