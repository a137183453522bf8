// The exceptions part of the report: counts by status, those that need a decision, and their age per risk tier.
import type { ChalkInstance } from 'chalk';
import { type ExceptionResult, type ExceptionTier, type Report } from '../../../report/model.js';
import { tierCells, tierTable } from '../../exceptions/columns.js';
import { ownerCell, plural, renderTable, visibleLength } from '../../text/layout.js';
import { count, verdict } from '../../text/tones.js';
import { EXCEPTION_STATUSES } from '../../../core/vocabulary.js';
import type { TableContext } from './context.js';
import { countLines } from './summary.js';

function dueText(exception: ExceptionResult): string {
  const days = Math.abs(exception.days_to_expiry);
  return exception.days_to_expiry < 0 ? `${plural(days, 'day')} overdue` : `${plural(days, 'day')} left`;
}

/** The counts by status, then a table of the exceptions that need a decision: expired, expiring and unused. */
export function exceptionLines(report: Report, context: TableContext): string[] {
  const { chalk, width } = context;
  // Expired and expiring need a decision; unused ones are candidates to retire.
  const due = report.exceptions.filter((exception) => exception.status !== 'active');
  const dueTable = (owner: (text: string) => string): string[] =>
    renderTable(
      chalk,
      ['status', 'id', 'control', 'owner', 'expires', 'due'],
      due.map((exception) => [verdict(chalk, exception.status), exception.id, exception.control, owner(exception.owner), exception.expires, dueText(exception)]),
    );
  const counts = countLines('Exceptions', EXCEPTION_STATUSES, report.summary.exceptions, context);
  if (due.length === 0) return counts;
  const oneLine = dueTable((owner) => owner);
  // Owners break before their domain only when the table would not fit otherwise.
  return [...counts, ...(oneLine.every((line) => visibleLength(line) <= width) ? oneLine : dueTable(ownerCell))];
}

/** A tier's row with its expired count in red and expiring count in yellow, unless zero. */
function colouredTierCells(tier: ExceptionTier, chalk: ChalkInstance): string[] {
  return [
    ...tierCells(tier, 'd').slice(0, 4),
    tier.expired === 0 ? count(chalk, 0) : chalk.red(String(tier.expired)),
    tier.expiring === 0 ? count(chalk, 0) : chalk.yellow(String(tier.expiring)),
  ];
}

/** Exception age per risk tier; nothing when the catalog has no exceptions. */
export function tierLines(report: Report, { chalk }: TableContext): string[] {
  const tiers = report.summary.exception_tiers;
  if (tiers.length === 0) return [];
  return tierTable(chalk, 'Exception age by risk', tiers.map((tier) => colouredTierCells(tier, chalk)));
}
