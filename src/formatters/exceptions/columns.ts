import type { ChalkInstance } from 'chalk';
import type Table from 'cli-table3';
import type { ExceptionsView } from '../../report/exceptions-view.js';
import { renderTable } from '../text/layout.js';
import { type ExceptionResult, type ExceptionTier } from '../../report/model.js';
import { EXCEPTION_STATUSES } from '../../core/vocabulary.js';
import { compareText } from '../../core/compare.js';

/** Column titles of the exception list and of the per-risk-tier age table. */
export const LIST_HEAD = ['id', 'control', 'status', 'owner', 'risk', 'approved', 'expires', 'days', 'matched'];
export const TIER_HEAD = ['risk', 'count', 'median age', 'oldest age', 'expired', 'expiring'];
export const LIST_ALIGN: readonly ('left' | 'right')[] = ['left', 'left', 'left', 'left', 'left', 'left', 'left', 'right', 'right'];
export const TIER_ALIGN: readonly ('left' | 'right')[] = ['left', 'right', 'right', 'right', 'right', 'right'];

/** `1 exception`, `4 exceptions`. */
export function exceptionCount(view: ExceptionsView): string {
  return `${view.exceptions.length} exception${view.exceptions.length === 1 ? '' : 's'}`;
}

/** Most urgent first: the most overdue, then the soonest to expire. */
export function byUrgency(exceptions: readonly ExceptionResult[]): ExceptionResult[] {
  return [...exceptions].sort((a, b) => a.days_to_expiry - b.days_to_expiry || compareText(a.id, b.id));
}

/** `32 overdue`, `0 left`: days until (or since) the expiry date. */
export function daysText(exception: Pick<ExceptionResult, 'days_to_expiry'>): string {
  const days = exception.days_to_expiry;
  return days < 0 ? `${-days} overdue` : `${days} left`;
}

/** The as-of date alone when it is midnight UTC, else the instant to the second: `2026-11-01 14:30:05 UTC`. */
export function asOfText(asOf: string): string {
  return asOf.endsWith('T00:00:00.000Z') ? asOf.slice(0, 10) : `${asOf.slice(0, 10)} ${asOf.slice(11, 19)} UTC`;
}

/** Says whether statuses come from this run's findings or from dates alone. */
export function dataText(view: ExceptionsView): string {
  return view.ran_tests ? 'statuses from this run\'s findings' : 'dates only (--no-data): unused exceptions are not detected';
}

/** `1 active · 1 expiring · …`; `unused` is left out when no tests ran, since it cannot be known. */
export function statusCounts(view: ExceptionsView): string {
  const shown = EXCEPTION_STATUSES.filter((status) => view.ran_tests || status !== 'unused');
  return shown.map((status) => `${view.summary.exceptions[status]} ${status}`).join(' · ');
}

/** One row of the age-by-risk table; ages in days, with `unit` after each. */
export function tierCells(tier: ExceptionTier, unit: string): string[] {
  const age = (days: number | null): string => (days === null ? '–' : `${Math.round(days * 10) / 10}${unit}`);
  return [tier.risk, String(tier.count), age(tier.median_age_days), age(tier.oldest_age_days), String(tier.expired), String(tier.expiring)];
}

/** One row of the exception list; `matched` is unknown (–) when no tests ran. */
export function listCells(exception: ExceptionResult, ranTests: boolean): string[] {
  return [
    exception.id,
    exception.control,
    exception.status,
    exception.owner,
    exception.risk,
    exception.approved,
    exception.expires,
    daysText(exception),
    ranTests ? String(exception.matched.length) : '–',
  ];
}

/** The bold `heading`, then the age-by-risk table of `rows` (see tierCells); shared with `controlproof exceptions`. */
export function tierTable(chalk: ChalkInstance, heading: string, rows: Table.Cell[][]): string[] {
  return [chalk.bold(heading), ...renderTable(chalk, TIER_HEAD, rows, { align: TIER_ALIGN })];
}
