// The top of the Markdown report: what was audited, both lenses counted apart, the exists × works matrix, works by function.
import { ASSURANCE, EXISTS, FUNCTIONS, TEST_STATUSES, WORKS } from '../../../core/vocabulary.js';
import type { Report } from '../../../report/model.js';
import { asOfText } from '../../exceptions/columns.js';
import { plural, sum } from '../../text/layout.js';
import { markdownCode, markdownTable, markdownText } from '../../text/markdown.js';

const COUNT_ALIGN: readonly ('left' | 'right')[] = ['left', ...WORKS.map((): 'right' => 'right'), 'right'];

/** The title, then catalog, as-of (and where it came from), the number of controls and the filters of the run. */
export function headerLines(report: Report): string[] {
  const { controls, framework } = report.filters;
  const filters = [...(controls === undefined ? [] : [`--control ${controls.join(',')}`]), ...(framework === undefined ? [] : [`--framework ${framework}`])];
  const facts = [
    `Catalog ${markdownCode(report.catalog.path)}`,
    `as of ${asOfText(report.as_of)}${report.as_of_source === 'catalog' ? ' (pinned by the catalog\'s as\\_of)' : ''}`,
    plural(report.summary.controls, 'control'),
    ...(filters.length > 0 ? [`only ${markdownCode(filters.join(' '))}`] : []),
    `exceptions expiring within ${report.warn_days} days`,
  ];
  return [`# controlproof: ${markdownText(report.catalog.name)}`, '', facts.join(' · ')];
}

function countsLine<K extends string>(label: string, keys: readonly K[], counts: Record<K, number>): string {
  return `**${label}:** ${keys.map((key) => `${counts[key]} ${key}`).join(' · ')}`;
}

function countRow(label: string, counts: readonly number[]): string[] {
  return [label, ...counts.map(String), String(sum(counts))];
}

/** Each lens counted on its own line, then the matrix with totals and the works lens per control function. */
export function summaryLines(report: Report): string[] {
  const { summary } = report;
  const matrixRows = EXISTS.map((exists) => WORKS.map((works) => summary.matrix[exists][works]));
  const columnTotals = WORKS.map((_, column) => sum(matrixRows.map((row) => row[column] ?? 0)));
  return [
    '## Summary',
    '',
    countsLine('Exists', EXISTS, summary.exists),
    '',
    countsLine('Works', WORKS, summary.works),
    '',
    countsLine('Assurance', ASSURANCE, summary.assurance),
    '',
    countsLine('Tests', TEST_STATUSES, summary.tests),
    '',
    ...markdownTable(['exists \\ works', ...WORKS, 'total'], COUNT_ALIGN, [
      ...EXISTS.map((exists, row) => countRow(exists, matrixRows[row] ?? [])),
      countRow('total', columnTotals),
    ]),
    '',
    ...markdownTable(['works by function', ...WORKS, 'total'], COUNT_ALIGN, FUNCTIONS.map((fn) => countRow(fn, WORKS.map((works) => summary.by_function[fn][works])))),
  ];
}
