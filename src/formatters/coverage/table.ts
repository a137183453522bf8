import { Chalk, type ChalkInstance } from 'chalk';
import type { CoverageView } from '../../report/coverage-view.js';
import type { FrameworkCoverage } from '../../report/model.js';
import { defineFormatter, type FormatOptions } from '../define-formatter.js';
import { asOfText } from '../exceptions/columns.js';
import { COLUMN_GAP, MAX_WIDTH, plural, renderTable, TABLE_INDENT, wrap, wrapParts } from '../text/layout.js';
import { verdict } from '../text/tones.js';
import { controlCounts, criteriaCounts, filterText, frameworkHeading, gapsByGroup, matrixRows, STATUS_LEGEND } from './columns.js';

const HEAD = ['criterion', 'status', 'control', 'exists', 'works', 'assurance', 'title'];
/** The title column takes what the others leave, but never less than this. */
const MIN_TITLE_WIDTH = 24;

/** A criterion status in the report's tones: assured green, unassured yellow, a gap red. */
function statusCell(chalk: ChalkInstance, status: string): string {
  if (status === 'unassured') return chalk.yellow(status);
  return status === 'gap' ? chalk.red(status) : verdict(chalk, status);
}

function matrixLines(framework: FrameworkCoverage, chalk: ChalkInstance): string[] {
  const rows = matrixRows(framework);
  if (rows.length === 0) return ['  No control is mapped to any of its criteria.'];
  const cells = rows.map((row) => [row.criterion, row.status, row.control, row.exists, row.works, row.assurance]);
  const widths = HEAD.slice(0, -1).map((title, column) => Math.max(title.length, ...cells.map((row) => (row[column] ?? '').length)));
  const used = TABLE_INDENT.length + widths.reduce((total, width) => total + width + COLUMN_GAP.length, 0);
  const table = rows.map((row, index) => [
    ...(cells[index] ?? []).map((cell, column) => (column === 1 ? statusCell(chalk, cell) : column >= 3 ? verdict(chalk, cell) : cell)),
    row.title,
  ]);
  return renderTable(chalk, HEAD, table, { widths: [...widths, Math.max(MIN_TITLE_WIDTH, MAX_WIDTH - used)] });
}

function gapLines(framework: FrameworkCoverage, chalk: ChalkInstance): string[] {
  const groups = gapsByGroup(framework);
  if (groups.length === 0) return [];
  return [
    chalk.bold(`Gaps (${framework.summary.gap}): no control is mapped to`),
    ...groups.flatMap(({ group, ids }) => wrapParts(group === '' ? ids : [`${group}:`, ...ids], ' ', 2, 2)),
  ];
}

function frameworkLines(framework: FrameworkCoverage, chalk: ChalkInstance): string[] {
  return [
    chalk.bold(frameworkHeading(framework)),
    criteriaCounts(framework),
    controlCounts(framework),
    ...matrixLines(framework, chalk),
    ...gapLines(framework, chalk),
  ];
}

function warningLines(view: CoverageView, chalk: ChalkInstance): string[] {
  if (view.warnings.length === 0) return [];
  return [
    chalk.bold(`Warnings (${view.warnings.length})`),
    ...view.warnings.flatMap((warning) => [`  ${chalk.yellow('!')} ${warning.message}`, ...(warning.hint ? [`    ${chalk.dim(warning.hint)}`] : [])]),
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
  const filters = filterText(view);
  const header = [
    `${chalk.bold(`Framework coverage of ${view.catalog.name}`)} ${chalk.dim(`(${view.catalog.path})`)}`,
    `as of ${asOfText(view.as_of)} · ${plural(view.frameworks.length, 'framework')}${filters === undefined ? '' : ` · ${filters}`}`,
    ...wrap(STATUS_LEGEND, 0, 0).map((line) => chalk.dim(line)),
  ];
  const blocks = [
    header,
    ...(view.frameworks.length === 0 ? [['No control is mapped to a framework, and the catalog declares none.']] : view.frameworks.map((framework) => frameworkLines(framework, chalk))),
    warningLines(view, chalk),
  ].filter((block) => block.length > 0);
  return `${blocks.map((block) => block.join('\n')).join('\n\n')}\n`;
}

