import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { ExceptionsView } from '../engine/audit-exceptions.js';
import type { ExceptionStatus } from '../report/model.js';
import { asOfText, byUrgency, dataText, exceptionCount, LIST_ALIGN, LIST_HEAD, listCells, statusCounts, TIER_ALIGN, TIER_HEAD, tierCells } from './exceptions.js';

const OWNER_MAX_WIDTH = 20;
const BORDERLESS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '',
  middle: '  ',
};

const TONES: Partial<Record<ExceptionStatus, 'red' | 'yellow' | 'dim'>> = { expired: 'red', expiring: 'yellow', unused: 'dim' };

/** Long e-mail owners break before the domain rather than mid-word. */
function ownerCell(owner: string): string {
  const at = owner.indexOf('@');
  return owner.length > OWNER_MAX_WIDTH && at > 0 ? `${owner.slice(0, at)}\n${owner.slice(at)}` : owner;
}

function renderTable(chalk: ChalkInstance, head: readonly string[], rows: string[][], align: readonly Table.HorizontalAlignment[]): string[] {
  const table = new Table({
    head: head.map((title) => chalk.bold(title)),
    chars: BORDERLESS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    colAligns: [...align],
  });
  table.push(...rows);
  return table
    .toString()
    .split('\n')
    .map((line) => `  ${line}`.trimEnd());
}

function listLines(view: ExceptionsView, chalk: ChalkInstance): string[] {
  const rows = byUrgency(view.exceptions).map((exception) => {
    const cells = listCells(exception, view.ran_tests);
    const tone = TONES[exception.status];
    return cells.map((cell, column) => {
      if (column === 2 && tone) return chalk[tone](cell);
      return column === 3 ? ownerCell(cell) : cell;
    });
  });
  return [`${chalk.bold(exceptionCount(view))}  ${statusCounts(view)}`, ...renderTable(chalk, LIST_HEAD, rows, LIST_ALIGN)];
}

function tierLines(view: ExceptionsView, chalk: ChalkInstance): string[] {
  const rows = view.summary.exception_tiers.map((tier) => tierCells(tier, 'd'));
  return [
    chalk.bold('Exception age by risk (days since approval)'),
    ...renderTable(chalk, TIER_HEAD, rows, TIER_ALIGN),
  ];
}

function warningLines(view: ExceptionsView, chalk: ChalkInstance): string[] {
  if (view.warnings.length === 0) return [];
  return [
    chalk.bold(`Warnings (${view.warnings.length})`),
    ...view.warnings.flatMap((warning) => [`  ${chalk.yellow('!')} ${warning.message}`, ...(warning.hint ? [`    ${chalk.dim(warning.hint)}`] : [])]),
  ];
}

/** Terminal text: the status counts, every exception most urgent first, the age per risk tier, then warnings. */
export function exceptionsTable(view: ExceptionsView, options: { color: boolean }): string {
  // A private instance, not global chalk: colour follows the option only, so output is deterministic.
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const header = [
    `${chalk.bold(`Exceptions of ${view.catalog.name}`)} ${chalk.dim(`(${view.catalog.path})`)}`,
    `as of ${asOfText(view.as_of)} · expiring within ${view.warn_days} days · ${dataText(view)}`,
  ];
  const blocks = [
    header,
    ...(view.exceptions.length === 0 ? [['No exceptions.']] : [listLines(view, chalk), tierLines(view, chalk)]),
    warningLines(view, chalk),
  ].filter((block) => block.length > 0);
  return `${blocks.map((block) => block.join('\n')).join('\n\n')}\n`;
}
