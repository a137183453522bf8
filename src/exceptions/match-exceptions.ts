import picomatch from 'picomatch';
import type { LoadedException } from '../catalog/model.js';
import type { Finding } from '../kit/define-check.js';
import { daysToExpiry } from './exception-status.js';

/** Tests whether an exception covers a resource id; `*` spans any characters, `/` and `:` included. */
export function resourceMatcher(exception: LoadedException): (resource: string) => boolean {
  const patterns = exception.spec.resources;
  if (!patterns) return () => true;
  // bash mode: a single star crosses "/", which resource ids such as ARNs are full of.
  const matchers = patterns.map((pattern) => picomatch(pattern, { bash: true, dot: true }));
  return (resource) => matchers.some((match) => match(resource));
}

/** A finding with the exception that covers it, or the expired one that would have. */
export interface ExceptedFinding extends Finding {
  /** Id of the active exception that covers this finding, if any. */
  excepted_by?: string;
  /** Id of an expired exception that would have covered it: the finding counts as a failure again. */
  expired_exception?: string;
}

export interface ExceptedFindings {
  findings: ExceptedFinding[];
  excepted: number;
  /** Exception id → resources it matched (in force or not). */
  matched: Map<string, string[]>;
}

/**
 * Marks the findings of one control that its exceptions cover. An exception in force (not past its expiry day)
 * excepts the finding; an expired one suppresses nothing and is only named on it.
 */
export function applyExceptions(findings: readonly Finding[], exceptions: readonly LoadedException[], asOf: Date): ExceptedFindings {
  const candidates = exceptions.map((exception) => ({
    exception,
    matches: resourceMatcher(exception),
    inForce: daysToExpiry(exception, asOf) >= 0,
  }));
  const matched = new Map<string, string[]>();
  let excepted = 0;
  const marked = findings.map((finding): ExceptedFinding => {
    const hits = candidates.filter((candidate) => candidate.matches(finding.resource));
    for (const hit of hits) matched.set(hit.exception.spec.id, [...(matched.get(hit.exception.spec.id) ?? []), finding.resource]);
    const active = hits.find((hit) => hit.inForce);
    const expired = hits.find((hit) => !hit.inForce);
    if (active) {
      excepted++;
      return { ...finding, excepted_by: active.exception.spec.id };
    }
    return expired ? { ...finding, expired_exception: expired.exception.spec.id } : { ...finding };
  });
  return { findings: marked, excepted, matched };
}
