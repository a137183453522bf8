import type { LoadedException } from '../catalog/model.js';
import { daysBetween, startOfDay } from '../core/time.js';

export type DateStatus = 'active' | 'expiring' | 'expired';

/**
 * Calendar days from as-of to the expiry date, in UTC: 0 on the last valid day, negative once
 * overdue. An exception expiring on 2026-12-31 is active through that day and expired from
 * 2027-01-01T00:00Z.
 */
export function daysToExpiry(exception: Pick<LoadedException, 'expires'>, asOf: Date): number {
  return daysBetween(startOfDay(asOf), startOfDay(exception.expires));
}

/**
 * Whether an exception still in force ends within `warnDays`: with 30, one with 29 days left after
 * today is expiring, one with 30 is not; with 0, nothing is expiring (not even on its last day).
 */
export function isExpiringSoon(daysLeft: number, warnDays: number): boolean {
  return daysLeft >= 0 && daysLeft < warnDays;
}

/** Status by date alone. */
export function dateStatus(exception: Pick<LoadedException, 'expires'>, asOf: Date, warnDays: number): DateStatus {
  const left = daysToExpiry(exception, asOf);
  if (left < 0) return 'expired';
  return isExpiringSoon(left, warnDays) ? 'expiring' : 'active';
}

/** Whole days from approval to as-of. */
export function ageDays(exception: Pick<LoadedException, 'approved'>, asOf: Date): number {
  return daysBetween(startOfDay(exception.approved), startOfDay(asOf));
}
