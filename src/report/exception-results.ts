import type { LoadedException } from '../catalog/model.js';
import { shownFrom } from '../core/errors.js';
import { type ExistsVerdict, RISKS, type WorksVerdict } from '../core/vocabulary.js';
import type { ExceptionResult, ExceptionTier } from './model.js';
import { formatDate } from '../core/time.js';
import { ageDays, dateStatus, daysToExpiry } from '../exceptions/exception-status.js';

export interface ExceptionRunFacts {
  /** Exception id → resources it matched this run; undefined when no data was read (dates only). */
  matched: ReadonlyMap<string, readonly string[]> | undefined;
  /** Control id → its verdicts this run. */
  verdicts?: ReadonlyMap<string, { exists: ExistsVerdict; works: WorksVerdict }>;
}

/**
 * Each exception's lifecycle status at as-of: expired, expiring, active, or unused (in force but
 * matched nothing this run; a candidate to retire). Without run facts, statuses are by date only.
 */
export function exceptionResults(
  exceptions: readonly LoadedException[],
  /** The catalog's folder: each exception's file is shown relative to it. */
  dir: string,
  asOf: Date,
  warnDays: number,
  facts: ExceptionRunFacts,
): ExceptionResult[] {
  return exceptions.map((exception) => {
    const { spec } = exception;
    const matched = [...(facts.matched?.get(spec.id) ?? [])];
    const byDate = dateStatus(exception, asOf, warnDays);
    const unused = facts.matched !== undefined && byDate !== 'expired' && matched.length === 0;
    const verdicts = facts.verdicts?.get(spec.control);
    const result: ExceptionResult = {
      id: spec.id,
      control: spec.control,
      status: unused ? 'unused' : byDate,
      risk: spec.risk,
      owner: spec.owner,
      approved_by: spec.approved_by,
      approved: formatDate(exception.approved),
      expires: formatDate(exception.expires),
      reason: spec.reason,
      file: shownFrom(exception.file, dir),
      age_days: ageDays(exception, asOf),
      days_to_expiry: daysToExpiry(exception, asOf),
      matched,
    };
    if (spec.ticket !== undefined) result.ticket = spec.ticket;
    if (spec.resources !== undefined) result.resources = spec.resources;
    if (verdicts) {
      result.control_exists = verdicts.exists;
      result.control_works = verdicts.works;
    }
    return result;
  });
}

/** Age of accepted risk per tier: count, median and oldest age, and how many are expired or expiring. */
export function exceptionTiers(results: readonly ExceptionResult[]): ExceptionTier[] {
  return RISKS.flatMap((risk) => {
    const tier = results.filter((result) => result.risk === risk);
    if (tier.length === 0) return [];
    const ages = tier.map((result) => result.age_days).sort((a, b) => a - b);
    return [
      {
        risk,
        count: tier.length,
        median_age_days: median(ages),
        oldest_age_days: ages.at(-1) ?? null,
        expired: tier.filter((result) => result.status === 'expired').length,
        expiring: tier.filter((result) => result.status === 'expiring').length,
        active: tier.filter((result) => result.status === 'active').length,
        unused: tier.filter((result) => result.status === 'unused').length,
      },
    ];
  });
}

/** Median of sorted numbers; the mean of the two middle ones for an even count. */
export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}
