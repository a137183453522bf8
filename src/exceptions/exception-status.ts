import type { LoadedException } from '../catalog/load-exceptions.js';
import { daysBetween, startOfDay } from '../time.js';

export type DateStatus = 'active' | 'expiring' | 'expired';

/**
 * Calendar days from as-of to the expiry date, in UTC: 0 on the last valid day, negative once
 * overdue. An exception expiring on 2026-12-31 is active through that day and expired from
 * 2027-01-01T00:00Z.
 */
export function daysToExpiry(exception: Pick<LoadedException, 'expires'>, asOf: Date): number {
  return daysBetween(startOfDay(asOf), startOfDay(exception.expires));
}

/** Status by date alone: expiring when it ends within `warnDays`. */
export function dateStatus(exception: Pick<LoadedException, 'expires'>, asOf: Date, warnDays: number): DateStatus {
  const left = daysToExpiry(exception, asOf);
  if (left < 0) return 'expired';
  return left <= warnDays ? 'expiring' : 'active';
}

/** Whole days from approval to as-of. */
export function ageDays(exception: Pick<LoadedException, 'approved'>, asOf: Date): number {
  return daysBetween(startOfDay(exception.approved), startOfDay(asOf));
}
