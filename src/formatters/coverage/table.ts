import { Chalk, type ChalkInstance } from 'chalk';
import type { CoverageView } from '../../report/coverage-view.js';
import type { FrameworkCoverage } from '../../report/model.js';
import { defineFormatter, type FormatOptions } from '../define-formatter.js';
import { asOfText } from '../exceptions/columns.js';
import { COLUMN_GAP, DEFAULT_WIDTH, plural, renderTable, TABLE_INDENT, wrap, wrapParts } from '../text/layout.js';
import { verdict } from '../text/tones.js';
import { controlCounts, criteriaCounts, filterText, frameworkHeading, gapsByGroup, matrixRows, STATUS_LEGEND } from './columns.js';
import { warningLines } from '../text/warnings.js';

const HEAD = ['criterion', 'status', 'control', 'exists', 'works', 'assurance', 'title'];
/** The title column takes what the others leave; with less than this left, the table has no title column. */
const MIN_TITLE_WIDTH = 24;

/** A criterion status in the report's tones: assured green, unassured yellow, a gap red. */
function statusCell(chalk: ChalkInstance, status: string): string {
  if (status === 'unassured') return chalk.yellow(status);
  return status === 'gap' ? chalk.red(status) : verdict(chalk, status);
}

function matrixLines(framework: FrameworkCoverage, chalk: ChalkInstance, width: number): string[] {
  const rows = matrixRows(framework);
  if (rows.length === 0) return ['  No control is mapped to any of its criteria.'];
  const cells = rows.map((row) => [row.criterion, row.status, row.control, row.exists, row.works, row.assurance]);
  const widths = HEAD.slice(0, -1).map((title, column) => Math.max(title.length, ...cells.map((row) => (row[column] ?? '').length)));
  const used = TABLE_INDENT.length + widths.reduce((total, width) => total + width + COLUMN_GAP.length, 0);
  const styled = rows.map((_, index) => (cells[index] ?? []).map((cell, column) => (column === 1 ? statusCell(chalk, cell) : column >= 3 ? verdict(chalk, cell) : cell)));
  // Too narrow for titles: the lenses stay, the titles are in the Markdown and CSV formats.
  if (width - used < MIN_TITLE_WIDTH) return renderTable(chalk, HEAD.slice(0, -1), styled, { widths });
  return renderTable(chalk, HEAD, styled.map((row, index) => [...row, rows[index]?.title ?? '']), { widths: [...widths, width - used] });
}

function gapLines(framework: FrameworkCoverage, chalk: ChalkInstance, width: number): string[] {
  const groups = gapsByGroup(framework);
  if (groups.length === 0) return [];
  return [
    chalk.bold(`Gaps (${framework.summary.gap}): no control is mapped to`),
    ...groups.flatMap(({ group, ids }) => wrapParts(group === '' ? ids : [...`${group}:`.split(' '), ...ids], ' ', { width, indent: 2 })),
  ];
}

function frameworkLines(framework: FrameworkCoverage, chalk: ChalkInstance, width: number): string[] {
  return [
    chalk.bold(frameworkHeading(framework)),
    ...wrap(criteriaCounts(framework), { width, indent: 0 }),
    ...wrap(controlCounts(framework), { width, indent: 0 }),
    ...matrixLines(framework, chalk, width),
    ...gapLines(framework, chalk, width),
  ];
}


export default defineFormatter({
  name: 'table',
  view: 'coverage',
  description:
    'Terminal text: per framework, its counts, the criteria some control is mapped to (registry order) with each control\'s exists, works and assurance, then the gaps by group, then warnings.',
  extension: 'txt',
  format: coverageTable,
});

function coverageTable(view: CoverageView, options: FormatOptions): string {
  // A private instance, not global chalk: colour follows the option only, so output is deterministic.
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const width = options.width ?? DEFAULT_WIDTH;
  const filters = filterText(view);
  const header = [
    `${chalk.bold(`Framework coverage of ${view.catalog.name}`)} ${chalk.dim(`(${view.catalog.path})`)}`,
    `as of ${asOfText(view.as_of)} · ${plural(view.frameworks.length, 'framework')}${filters === undefined ? '' : ` · ${filters}`}`,
    ...wrap(STATUS_LEGEND, { width, indent: 0, hang: 0 }).map((line) => chalk.dim(line)),
  ];
  const blocks = [
    header,
    ...(view.frameworks.length === 0 ? [['No control is mapped to a framework, and the catalog declares none.']] : view.frameworks.map((framework) => frameworkLines(framework, chalk, width))),
    warningLines(view.warnings, chalk, width),
  ].filter((block) => block.length > 0);
  return `${blocks.map((block) => block.join('\n')).join('\n\n')}\n`;
}

