import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import csv from '../../../src/formatters/run/csv.js';
import exceptionsCsv from '../../../src/formatters/exceptions/csv.js';
import { inert } from '../../../src/formatters/text/inert.js';
import { exceptionsOfRun, type ExceptionsView } from '../../../src/report/exceptions-view.js';
import type { Report } from '../../../src/report/model.js';
import { HOSTILE, hostileReport } from '../hostile-report.js';
import { sampleReport } from '../sample-report.js';

const HEAD = ['control', 'title', 'owner', 'risk', 'function', 'exists', 'works', 'assurance', 'check', 'source', 'status', 'resource', 'message', 'excepted_by', 'exception_status'];

/** The cells as a spreadsheet shows them: BOM stripped, RFC 4180 quoting undone, strictly. */
function cellsOf(text: string): string[][] {
  expect(text.startsWith('\ufeff')).toBe(true);
  return parse(text, { bom: true, record_delimiter: '\r\n', relax_quotes: false, relax_column_count: false });
}

/** A data string as the CSV must hold it: inert, and with a formula start neutralised. */
function shown(value: string): string {
  const text = inert(value);
  return /^[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/.test(text) ? `'${text}` : text;
}

/** The rows the CSV must have, derived from the report field by field. */
function expectedRows(report: Report): string[][] {
  const statusOf = new Map(report.exceptions.map((exception) => [exception.id, exception.status]));
  return report.controls.flatMap((control) => {
    const lenses = [control.id, control.title, control.owner, control.risk, control.function, control.exists, control.works, control.assurance].map(shown);
    if (control.tests.length === 0) return [[...lenses, '', '', '', '', '', '', '']];
    return control.tests.flatMap((test) => {
      const testCells = [...lenses, shown(test.check), shown(Object.values(test.inputs).flat().join(', ')), test.status];
      if (test.findings.length === 0) {
        const metrics = Object.entries(test.metrics).filter(([, metric]) => metric.passed === false);
        const message = test.error ?? metrics.map(([name, metric]) => `metric ${name} = ${metric.value} (min ${metric.min})`).join('; ');
        return [[...testCells, '', shown(message), '', '']];
      }
      return test.findings.map((finding) => {
        const exception = finding.excepted_by ?? finding.expired_exception;
        return [...testCells, shown(finding.resource), shown(finding.message), exception === undefined ? '' : shown(exception), exception === undefined ? '' : (statusOf.get(exception) ?? '')];
      });
    });
  });
}

describe('run --format csv', () => {
  it('has one row per finding and per test without findings, every cell as the report says', () => {
    const [head, ...rows] = cellsOf(csv.format(sampleReport, { color: false }));
    expect(head).toEqual(HEAD);
    expect(rows).toEqual(expectedRows(sampleReport));
    // 8 findings of IAM-1's first test, its passing second test, and one row for every other test or finding.
    expect(rows).toHaveLength(8 + 1 + 1 + 1 + 1 + 1 + 2 + 1 + 1);
  });

  it('says why a test without findings failed or errored, and names the exception of a finding with its status', () => {
    const rows = cellsOf(csv.format(sampleReport, { color: false }));
    const row = (control: string, resource: string): string[] | undefined => rows.find((cells) => cells[0] === control && cells[11] === resource);
    expect(row('IR-1', '')?.slice(10, 13)).toEqual(['error', '', "check threw: Cannot read properties of undefined (reading 'Status')"]);
    expect(row('IAM-1', 'arn:aws:iam::210987654321:user/ci-deploy')?.slice(13)).toEqual(['EX-3', 'expired']);
    expect(row('KEY-3', 'arn:aws:iam::210987654321:user/ci-bot')?.slice(10)).toEqual([
      'pass',
      'arn:aws:iam::210987654321:user/ci-bot',
      'user ci-bot has access key 1 last rotated 958 days ago (max 90)',
      'EX-9',
      'expiring',
    ]);
  });

  it('a failing test without findings names the metrics that missed their bounds', () => {
    const report = structuredClone(sampleReport);
    const test = report.controls.find((control) => control.id === 'IAM-1')?.tests[0];
    if (!test) throw new Error('sample report changed');
    test.findings = [];
    const rows = cellsOf(csv.format(report, { color: false }));
    expect(rows.find((cells) => cells[0] === 'IAM-1' && cells[8] === 'aws/iam-console-mfa')?.[12]).toBe('metric mfa_coverage_pct = 81 (min 100)');
  });

  it('keeps hostile strings as data: quoted, inert, formula starts neutralised, unicode intact', () => {
    const report = hostileReport();
    const text = csv.format(report, { color: false });
    const [, ...rows] = cellsOf(text);
    expect(rows).toEqual(expectedRows(report));
    const flat = rows.flat();
    expect(flat).toContain(`'${inert(HOSTILE.title)}`);
    expect(flat).toContain(`'${HOSTILE.resource}`);
    expect(flat).toContain(`'${HOSTILE.message}`);
    expect(flat).toContain(`'${HOSTILE.owner}`);
    expect(flat).toContain(`'${HOSTILE.listTitle}`);
    expect(flat).toContain(HOSTILE.unicodeTitle);
    expect(flat).toContain(HOSTILE.exceptionId);
    // No cell a spreadsheet would evaluate, and one physical line per row.
    for (const cell of flat) expect(cell).not.toMatch(/^[=+\-@\t\r\n]/);
    expect(text.split('\r\n')).toHaveLength(rows.length + 2);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('gives identical bytes for the same report', () => {
    expect(csv.format(hostileReport(), { color: false })).toBe(csv.format(hostileReport(), { color: false }));
  });
});

describe('exceptions --format csv', () => {
  const HEAD_EXCEPTIONS = ['id', 'control', 'status', 'owner', 'risk', 'approved_by', 'approved', 'expires', 'days_to_expiry', 'age_days', 'reason', 'ticket', 'resources', 'file', 'matched', 'control_exists', 'control_works'];

  function rowsOf(view: ExceptionsView): string[][] {
    const [head, ...rows] = cellsOf(exceptionsCsv.format(view, { color: false }));
    expect(head).toEqual(HEAD_EXCEPTIONS);
    return rows;
  }

  it('has one row per exception, most overdue first, with negative days when overdue', () => {
    const rows = rowsOf(exceptionsOfRun(sampleReport));
    expect(rows.map((row) => [row[0], row[2], row[8], row[14]])).toEqual([
      ['EX-3', 'expired', '-35', '1'],
      ['EX-9', 'expiring', '14', '1'],
      ['EX-7', 'active', '144', '1'],
      ['EX-12', 'unused', '163', '0'],
    ]);
    expect(rows[2]).toEqual([
      'EX-7',
      'JML-2',
      'active',
      'it-operations@acme.example',
      'high',
      'ciso@acme.example',
      '2025-05-21',
      '2025-11-21',
      '144',
      '40',
      'Contractor account kept for the handover of the billing migration',
      'SEC-1042',
      '00u1a2b3c4d5e6f7g8h9',
      'exceptions/identity.yaml',
      '1',
      'stale',
      'ineffective',
    ]);
  });

  it('leaves matched empty when no tests ran, since it is unknown', () => {
    const view = { ...exceptionsOfRun(sampleReport), ran_tests: false };
    expect(rowsOf(view).map((row) => row[14])).toEqual(['', '', '', '']);
  });

  it('applies the same cell rules to hostile strings', () => {
    const rows = rowsOf(exceptionsOfRun(hostileReport()));
    expect(rows[0]?.slice(0, 4)).toEqual([HOSTILE.exceptionId, 'IAM-1', 'expired', `'${HOSTILE.owner}`]);
    expect(rows[0]?.[10]).toBe(inert(HOSTILE.reason));
  });
});
