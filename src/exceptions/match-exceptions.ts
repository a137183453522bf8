import picomatch from 'picomatch';
import type { LoadedException } from '../catalog/load-exceptions.js';
import type { Finding } from '../checks/define-check.js';
import type { FindingResult } from '../report/model.js';
import { maskText, maskValue } from '../report/mask-secrets.js';
import { daysToExpiry } from './exception-status.js';

function maskDetails(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).map(([key, value]) => [key, maskValue(value, key)]));
}

/** Tests whether an exception covers a resource id; `*` spans any characters, `/` and `:` included. */
export function resourceMatcher(exception: LoadedException): (resource: string) => boolean {
  const patterns = exception.spec.resources;
  if (!patterns) return () => true;
  // bash mode: a single star crosses "/", which resource ids such as ARNs are full of.
  const matchers = patterns.map((pattern) => picomatch(pattern, { bash: true, dot: true }));
  return (resource) => matchers.some((match) => match(resource));
}

export interface ExceptedFindings {
  findings: FindingResult[];
  excepted: number;
  /** Exception id → resources it matched (in force or not). */
  matched: Map<string, string[]>;
}

/**
 * Marks the findings of one control that its exceptions cover. An exception in force (not past its
 * expiry day) excepts the finding; an expired one suppresses nothing and is only named on it.
 */
export function applyExceptions(
  findings: readonly Finding[],
  exceptions: readonly LoadedException[],
  asOf: Date,
): ExceptedFindings {
  const candidates = exceptions.map((exception) => ({
    exception,
    matches: resourceMatcher(exception),
    inForce: daysToExpiry(exception, asOf) >= 0,
  }));
  const matched = new Map<string, string[]>();
  let excepted = 0;
  const results = findings.map((finding): FindingResult => {
    const hits = candidates.filter((candidate) => candidate.matches(finding.resource));
    for (const hit of hits) matched.set(hit.exception.spec.id, [...(matched.get(hit.exception.spec.id) ?? []), finding.resource]);
    const active = hits.find((hit) => hit.inForce);
    const expired = hits.find((hit) => !hit.inForce);
    // Findings quote export data: secrets in it never reach a report.
    const result: FindingResult = { resource: maskText(finding.resource), message: maskText(finding.message) };
    if (finding.details) result.details = maskDetails(finding.details);
    if (active) {
      excepted++;
      result.excepted_by = active.exception.spec.id;
    } else if (expired) {
      result.expired_exception = expired.exception.spec.id;
    }
    return result;
  });
  return { findings: results, excepted, matched };
}
