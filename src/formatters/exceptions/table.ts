import { Chalk, type ChalkInstance } from 'chalk';
import { defineFormatter, type FormatOptions } from '../define-formatter.js';
import type { ExceptionsView } from '../../report/exceptions-view.js';
import type { ExceptionStatus } from '../../core/vocabulary.js';
import { asOfText, byUrgency, dataText, exceptionCount, LIST_ALIGN, LIST_HEAD, listCells, statusCounts, tierCells, tierTable } from './columns.js';
import { DEFAULT_WIDTH, MIN_WIDTH, ownerCell, renderTable, wrap, wrapParts } from '../text/layout.js';
import { verdict } from '../text/tones.js';
import { warningLines } from '../text/warnings.js';

/** The status in the report's tones; unused exceptions are dimmed here, as ones to retire rather than act on. */
function statusCell(chalk: ChalkInstance, status: ExceptionStatus): string {
  return status === 'unused' ? chalk.dim(status) : verdict(chalk, status);
}

function listLines(view: ExceptionsView, chalk: ChalkInstance): string[] {
  const rows = byUrgency(view.exceptions).map((exception) => {
    const cells = listCells(exception, view.ran_tests);
    return cells.map((cell, column) => {
      if (column === 2) return statusCell(chalk, exception.status);
      return column === 3 ? ownerCell(cell) : cell;
    });
  });
  return [`${chalk.bold(exceptionCount(view))}  ${statusCounts(view)}`, ...renderTable(chalk, LIST_HEAD, rows, { align: LIST_ALIGN })];
}

function tierLines(view: ExceptionsView, chalk: ChalkInstance): string[] {
  const rows = view.summary.exception_tiers.map((tier) => tierCells(tier, 'd'));
  return tierTable(chalk, 'Exception age by risk (days since approval)', rows);
}


export default defineFormatter({
  name: 'table',
  view: 'exceptions',
  description: 'Terminal text: the status counts, every exception most urgent first, the age per risk tier, then warnings wrapped at the width.',
  extension: 'txt',
  format: exceptionsTable,
});

function exceptionsTable(view: ExceptionsView, options: FormatOptions): string {
  // A private instance, not global chalk: colour follows the option only, so output is deterministic.
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  // The tables keep their columns whole; the prose around them wraps at the width.
  const width = Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH);
  const header = [
    ...wrap(`${chalk.bold(`Exceptions of ${view.catalog.name}`)} ${chalk.dim(`(${view.catalog.path})`)}`, { width, indent: 0 }),
    ...wrapParts([`as of ${asOfText(view.as_of)}`, `expiring within ${view.warn_days} days`, dataText(view)], ' · ', { width, indent: 0 }),
  ];
  const blocks = [
    header,
    ...(view.exceptions.length === 0 ? [['No exceptions.']] : [listLines(view, chalk), tierLines(view, chalk)]),
    warningLines(view.warnings, chalk, width),
  ].filter((block) => block.length > 0);
  return `${blocks.map((block) => block.join('\n')).join('\n\n')}\n`;
}
