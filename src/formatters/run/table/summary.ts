// The top of the report: catalog and date, the exists × works matrix, assurance and test counts, works by function.
import type { ChalkInstance } from 'chalk';
import type Table from 'cli-table3';
import { ASSURANCE, EXISTS, FUNCTIONS, TEST_STATUSES, WORKS } from '../../../core/vocabulary.js';
import { type Report } from '../../../report/model.js';
import { plural, renderTable, sum } from '../../text/layout.js';
import { count, countsLine, verdict } from '../../text/tones.js';

/** The first line: catalog name and path, the as-of date and how many controls were audited. */
export function headerLines(report: Report, chalk: ChalkInstance): string[] {
  const catalog = `${chalk.bold(report.catalog.name)} ${chalk.dim(`(${report.catalog.path})`)}`;
  const asOf = `as of ${report.as_of}${report.as_of_source === 'catalog' ? chalk.yellow(' (pinned by the catalog\'s as_of)') : ''}`;
  const { controls, framework } = report.filters;
  const filters = [
    ...(controls === undefined ? [] : [`--control ${controls.join(',')}`]),
    ...(framework === undefined ? [] : [`--framework ${framework}`]),
  ];
  return [
    [catalog, asOf, plural(report.summary.controls, 'control'), ...(filters.length > 0 ? [`only ${filters.join(' ')}`] : [])].join(' · '),
    ...report.sources.flatMap((source) => windowLine(source, chalk)),
  ];
}

/** For a log: the window its records were judged in, what fell outside it and the duplicate deliveries dropped. */
function windowLine(source: Report['sources'][number], chalk: ChalkInstance): string[] {
  const { window } = source;
  if (!window || source.status !== 'ok') return [];
  const outside = window.records_before + window.records_after;
  const notes = [
    `${plural(source.records, 'record')} judged`,
    ...(outside > 0 ? [chalk.yellow(`${plural(outside, 'record')} outside the window, not judged`)] : []),
    ...(source.duplicates ? [`${plural(source.duplicates, 'duplicate delivery', 'duplicate deliveries')} dropped`] : []),
  ];
  return [`${source.name}: ${window.from.slice(0, 10)} to ${window.to.slice(0, 10)} (window ${window.length}) · ${notes.join(' · ')}`];
}

/** The exists × works matrix with totals, assurance and test counts, then the works lens per control function. */
export function summaryLines(report: Report, chalk: ChalkInstance): string[] {
  const { summary } = report;
  const align: Table.HorizontalAlignment[] = ['left', ...WORKS.map((): Table.HorizontalAlignment => 'right'), 'right'];
  const countRow = (label: string, counts: readonly number[]): Table.Cell[] => [
    label,
    ...counts.map((value) => count(chalk, value)),
    count(chalk, sum(counts)),
  ];
  const matrixRows = EXISTS.map((exists) => WORKS.map((works) => summary.matrix[exists][works]));
  const columnTotals = WORKS.map((_, column) => sum(matrixRows.map((row) => row[column] ?? 0)));
  const matrix = renderTable(
    chalk,
    ['exists \\ works', ...WORKS, 'total'],
    [...EXISTS.map((exists, row) => countRow(verdict(chalk, exists), matrixRows[row] ?? [])), countRow('total', columnTotals)],
    { align },
  );
  const byFunction = renderTable(
    chalk,
    ['works by function', ...WORKS, 'total'],
    FUNCTIONS.map((fn) => countRow(fn, WORKS.map((works) => summary.by_function[fn][works]))),
    { align },
  );
  return [
    ...matrix,
    '',
    countsLine(chalk, 'Assurance', ASSURANCE, summary.assurance),
    countsLine(chalk, 'Tests', TEST_STATUSES, summary.tests),
    '',
    ...byFunction,
  ];
}
