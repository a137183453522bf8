// The top of the report: catalog and date, the exists × works matrix, assurance and test counts, works by function.
import type Table from 'cli-table3';
import { ASSURANCE, EXISTS, FUNCTIONS, TEST_STATUSES, WORKS } from '../../../core/vocabulary.js';
import { type Report } from '../../../report/model.js';
import { asOfText } from '../../exceptions/columns.js';
import { plural, renderTable, sum, wrapParts } from '../../text/layout.js';
import { count, verdict } from '../../text/tones.js';
import type { TableContext } from './context.js';

/** The first lines: catalog name and path, the as-of date, how many controls were audited, then each log's window. */
export function headerLines(report: Report, context: TableContext): string[] {
  const { chalk, width } = context;
  const catalog = `${chalk.bold(report.catalog.name)} ${chalk.dim(`(${report.catalog.path})`)}`;
  const asOf = `as of ${asOfText(report.as_of)}${report.as_of_source === 'catalog' ? chalk.yellow(' (pinned by the catalog\'s as_of)') : ''}`;
  const { controls, framework } = report.filters;
  const filters = [
    ...(controls === undefined ? [] : [`--control ${controls.join(',')}`]),
    ...(framework === undefined ? [] : [`--framework ${framework}`]),
  ];
  return [
    ...wrapParts([catalog, asOf, plural(report.summary.controls, 'control'), ...(filters.length > 0 ? [`only ${filters.join(' ')}`] : [])], ' · ', { width, indent: 0 }),
    ...report.sources.flatMap((source) => windowLines(source, context)),
  ];
}

/** For a log: the window its records were judged in, what fell outside it and the duplicate deliveries dropped. */
function windowLines(source: Report['sources'][number], { chalk, width }: TableContext): string[] {
  const { window } = source;
  if (!window || source.status !== 'ok') return [];
  const outside = window.records_before + window.records_after;
  const notes = [
    `${plural(source.records, 'record')} judged`,
    ...(outside > 0 ? [chalk.yellow(`${plural(outside, 'record')} outside the window, not judged`)] : []),
    ...(source.duplicates ? [`${plural(source.duplicates, 'duplicate delivery', 'duplicate deliveries')} dropped`] : []),
  ];
  return wrapParts([`${source.name}: ${window.from.slice(0, 10)} to ${window.to.slice(0, 10)} (window ${window.length})`, ...notes], ' · ', { width, indent: 0 });
}

/** `label  1 a · 0 b`, one count per word of a fixed vocabulary, wrapped under its first count. */
export function countLines<K extends string>(label: string, keys: readonly K[], counts: Record<K, number>, { chalk, width }: TableContext): string[] {
  const parts = keys.map((key) => `${counts[key]} ${verdict(chalk, key)}`);
  const [first = '', ...rest] = parts;
  return wrapParts([`${chalk.bold(label)}  ${first}`, ...rest], chalk.dim(' · '), { width, indent: 0, hang: label.length + 2 });
}

/** The exists × works matrix with totals, assurance and test counts, then the works lens per control function. */
export function summaryLines(report: Report, context: TableContext): string[] {
  const { chalk } = context;
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
    ...countLines('Assurance', ASSURANCE, summary.assurance, context),
    ...countLines('Tests', TEST_STATUSES, summary.tests, context),
    '',
    ...byFunction,
  ];
}
