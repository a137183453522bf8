import { UserError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import { isExpiringSoon } from '../exceptions/exception-status.js';
import type { ExceptionResult } from './model.js';

/** What `controlproof exceptions --fail-on` can fail on. */
export const EXCEPTION_FAIL_ON_CONDITIONS = ['expired', 'expiring'] as const;

export type ExceptionFailOnCondition = (typeof EXCEPTION_FAIL_ON_CONDITIONS)[number];

export const DEFAULT_EXCEPTION_FAIL_ON = 'expired';

/** Parses `exceptions --fail-on`: `expired`, `expiring`, a comma list of both, or `none`. */
export function parseExceptionFailOn(text: string): ExceptionFailOnCondition[] {
  const items = text.split(',').map((item) => item.trim()).filter(Boolean);
  if (items.length === 1 && items[0] === 'none') return [];
  return items.map((item) => {
    const condition = EXCEPTION_FAIL_ON_CONDITIONS.find((known) => known === item);
    if (!condition) {
      throw new UserError(`Unknown --fail-on condition "${item}": expected expired, expiring or none`, {
        hint: didYouMean(item, [...EXCEPTION_FAIL_ON_CONDITIONS, 'none'], 'Use --fail-on expired, --fail-on expired,expiring or --fail-on none.'),
      });
    }
    return condition;
  });
}

/**
 * One line per exception in the fail-on set, naming it, its owner and how long it is overdue (or how
 * soon it ends); empty means exit 0. Expiring counts by date, so an unused exception that ends soon counts too.
 */
export function exceptionFailReasons(
  exceptions: readonly ExceptionResult[],
  warnDays: number,
  conditions: readonly ExceptionFailOnCondition[],
): string[] {
  return exceptions.flatMap((exception) => {
    const who = `exception ${exception.id} (control ${exception.control}, owner: ${exception.owner})`;
    const left = exception.days_to_expiry;
    if (conditions.includes('expired') && left < 0) return [`${who} expired on ${exception.expires}, ${-left} day(s) overdue`];
    if (conditions.includes('expiring') && isExpiringSoon(left, warnDays)) return [`${who} expires on ${exception.expires}, in ${left} day(s)`];
    return [];
  });
}
