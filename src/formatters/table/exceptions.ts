// The exceptions part of the report: counts by status, those that need a decision, and their age per risk tier.
import type { ChalkInstance } from 'chalk';
import type Table from 'cli-table3';
import { type ExceptionResult, type ExceptionTier, type Report } from '../../report/model.js';
import { TIER_ALIGN, TIER_HEAD, tierCells } from '../exceptions.js';
import { clean, plural, renderTable } from './layout.js';
import { count, countsLine, verdict } from './tones.js';
import { EXCEPTION_STATUSES } from '../../core/vocabulary.js';

function dueText(exception: ExceptionResult): string {
  const days = Math.abs(exception.days_to_expiry);
  return exception.days_to_expiry < 0 ? `${plural(days, 'day')} overdue` : `${plural(days, 'day')} left`;
}

/** The counts by status, then a table of the exceptions that need a decision: expired, expiring and unused. */
export function exceptionLines(report: Report, chalk: ChalkInstance): string[] {
  // Expired and expiring need a decision; unused ones are candidates to retire.
  const due = report.exceptions.filter((exception) => exception.status !== 'active');
  const dueTable = renderTable(
    chalk,
    ['status', 'id', 'control', 'owner', 'expires', 'due'],
    due.map((exception) => [
      verdict(chalk, exception.status),
      clean(exception.id),
      clean(exception.control),
      clean(exception.owner),
      clean(exception.expires),
      dueText(exception),
    ]),
  );
  return [countsLine(chalk, 'Exceptions', EXCEPTION_STATUSES, report.summary.exceptions), ...(due.length > 0 ? dueTable : [])];
}

/** The bold `heading`, then the age-by-risk table of `rows` (see tierCells); shared with `controlproof exceptions`. */
export function tierTable(chalk: ChalkInstance, heading: string, rows: Table.Cell[][]): string[] {
  return [chalk.bold(heading), ...renderTable(chalk, TIER_HEAD, rows, { align: TIER_ALIGN })];
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
export function tierLines(report: Report, chalk: ChalkInstance): string[] {
  const tiers = report.summary.exception_tiers;
  if (tiers.length === 0) return [];
  return tierTable(chalk, 'Exception age by risk', tiers.map((tier) => colouredTierCells(tier, chalk)));
}
