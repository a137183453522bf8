// When a stretch without CloudTrail events is an outage and when it is a quiet spell: judged from the region's own
// activity either side of it, never from a fixed hour count. A region with nothing to log delivers nothing.

const HOUR_MS = 3_600_000;

/** One clock hour with events: the earliest and latest event in it (epoch ms). */
export interface HourSpan {
  min: number;
  max: number;
}

/** How silences are judged: the window, the improbability that makes one a gap, and the bounds on its length. */
export interface SilenceRule {
  windowStart: number;
  windowEnd: number;
  /** A silence is a gap when the chance of it under the region's own activity rate is below this. */
  probability: number;
  /** Shorter silences are never gaps (deliveries are minutes apart, and events arrive late). */
  minGapMs: number;
  /** Longer silences are always gaps, whatever the rate; undefined: no such cap. */
  maxGapMs: number | undefined;
}

/** A silence judged to be a gap: where it lies, and why. */
export interface Gap {
  from: number;
  to: number;
  /** The window's start or as-of bounds it, rather than an event. */
  edge: 'start' | 'end' | undefined;
  /** The hourly Poisson rate fitted to the region's busy hours next to the silence (the quieter side). */
  ratePerHour: number;
  /** exp(-rate × hours): the chance of a silence this long if logging had worked. */
  probability: number;
  /** The length from which a silence is a gap at this rate, after min_gap and max_gap. */
  thresholdMs: number;
}

/** Distinct clock hours with events that a region needs before it is judged under `regions: active`. */
export const ACTIVE_HOURS = 3;

export function hourOf(time: number): number {
  return Math.floor(time / HOUR_MS);
}

/**
 * The hourly rate of a Poisson process whose chance of an empty hour matches the share of empty clock hours
 * in a span (with one empty and one busy hour added, so a span of only busy hours does not claim certainty).
 * Counting busy hours, not events, keeps a burst of a thousand calls from passing for a busy day.
 */
export function occupancyRate(hours: number, busyHours: number): number {
  return -Math.log((hours - busyHours + 1) / (hours + 2));
}

/** Clock hours a span from `from` to `to` touches; none when it is empty. */
function hoursTouched(from: number, to: number): number {
  return to > from ? hourOf(to) - hourOf(from) + 1 : 0;
}

/** The lower rate of the two sides of a silence (only sides that exist count); 0 when neither does. */
function sideRate(sides: readonly { hours: number; busy: number }[]): number {
  const rates = sides.filter((side) => side.hours > 0).map((side) => occupancyRate(side.hours, side.busy));
  return rates.length === 0 ? 0 : Math.min(...rates);
}

interface Candidate {
  from: number;
  to: number;
  edge: Gap['edge'];
  before: { hours: number; busy: number };
  after: { hours: number; busy: number };
}

/** Every stretch without events in the window, with the activity either side of it inside the window. */
function candidates(spans: readonly HourSpan[], rule: SilenceRule): Candidate[] {
  const { windowStart, windowEnd } = rule;
  const count = spans.length;
  const first = spans[0];
  const last = spans[count - 1];
  if (!first || !last) return [];
  const result: Candidate[] = [
    { from: windowStart, to: first.min, edge: 'start', before: { hours: 0, busy: 0 }, after: { hours: hoursTouched(first.min, windowEnd), busy: count } },
  ];
  for (let index = 1; index < count; index++) {
    const before = spans[index - 1];
    const after = spans[index];
    if (!before || !after) continue;
    result.push({
      from: before.max,
      to: after.min,
      edge: undefined,
      before: { hours: hoursTouched(windowStart, before.max), busy: index },
      after: { hours: hoursTouched(after.min, windowEnd), busy: count - index },
    });
  }
  result.push({ from: last.max, to: windowEnd, edge: 'end', before: { hours: hoursTouched(windowStart, last.max), busy: count }, after: { hours: 0, busy: 0 } });
  return result;
}

/**
 * The gaps among a region's silences in the window. A silence of t hours is a gap when exp(-λ·t) < probability,
 * λ being the lower of the occupancy rates (see `occupancyRate`) of the window before and after it: silence is
 * improbable only where the region is busy on both sides. `spans` are the region's busy hours inside the window.
 */
export function judgeSilences(spans: readonly HourSpan[], rule: SilenceRule): Gap[] {
  const sorted = [...spans].sort((x, y) => x.min - y.min);
  const gaps: Gap[] = [];
  for (const candidate of candidates(sorted, rule)) {
    const length = candidate.to - candidate.from;
    if (length <= rule.minGapMs) continue;
    const rate = sideRate([candidate.before, candidate.after]);
    const improbableMs = rate > 0 ? (Math.log(1 / rule.probability) / rate) * HOUR_MS : Number.POSITIVE_INFINITY;
    const thresholdMs = Math.min(Math.max(rule.minGapMs, improbableMs), rule.maxGapMs ?? Number.POSITIVE_INFINITY);
    if (length <= thresholdMs) continue;
    gaps.push({ from: candidate.from, to: candidate.to, edge: candidate.edge, ratePerHour: rate, probability: Math.exp((-rate * length) / HOUR_MS), thresholdMs });
  }
  return gaps;
}
