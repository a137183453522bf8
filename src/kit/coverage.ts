// What a log covers over time, per scope (for AWS: per account and region), as mergeable state.
import { compareText } from '../core/compare.js';
import type { CoveragePoint } from './define-source.js';

const HOUR_MS = 3_600_000;

/** The earliest and latest event in one time bucket (epoch ms). */
interface BucketSpan {
  min: number;
  max: number;
}

/** The events of one scope (one account and region), as occupied time buckets. */
export interface StreamBuckets {
  /** The scope's values, in the order of the provider's `coverageScope`. */
  scope: readonly string[];
  events: number;
  /** Bucket index (event time / bucket width) → earliest and latest event in it. */
  buckets: Map<number, BucketSpan>;
}

/**
 * What a log covers, per scope, in memory bounded by the time span (not the event count): events are kept as
 * occupied buckets as wide as the gap threshold. Two events in one bucket are less than a threshold apart, so
 * every gap longer than the threshold lies between two occupied buckets and is found exactly from their latest
 * and earliest events. States merge by bucket union, in any split of the records.
 */
export interface CoverageState {
  bucketMs: number;
  /** Scope values joined by NUL → buckets. */
  streams: Map<string, StreamBuckets>;
  /** The stream of the last event added: the events of one log file nearly all share it. */
  last?: StreamBuckets;
}

/** A stretch longer than the threshold with no events (epoch ms of the events either side). */
export interface CoverageGap {
  from: number;
  to: number;
}

/** One scope's coverage, times in epoch ms. */
export interface StreamCoverage {
  scope: readonly string[];
  events: number;
  first: number;
  last: number;
  gaps: CoverageGap[];
}

/** Coverage as a report shows it: first and last event time per scope, and the gaps. */
export interface Coverage {
  /** Dimension name → value, e.g. `{ account: '210987654321', region: 'eu-west-1' }`. */
  scope: Record<string, string>;
  events: number;
  first: string;
  last: string;
  gaps: { from: string; to: string; hours: number }[];
}

export const DEFAULT_GAP_HOURS = 6;

export function createCoverage(gapMs: number): CoverageState {
  if (!(gapMs > 0)) throw new RangeError(`gap threshold must be positive, found ${gapMs} ms`);
  return { bucketMs: gapMs, streams: new Map() };
}

export function addToCoverage(state: CoverageState, point: CoveragePoint): void {
  addEvent(state, point.scope, point.time);
}

/** Adds one event of `scope` at `time` (epoch ms). */
export function addEvent(state: CoverageState, scope: readonly string[], time: number): void {
  const last = state.last;
  const stream = last && sameScope(last.scope, scope) ? last : streamOf(state, scope);
  state.last = stream;
  stream.events += 1;
  const index = Math.floor(time / state.bucketMs);
  const span = stream.buckets.get(index);
  if (!span) stream.buckets.set(index, { min: time, max: time });
  else if (time < span.min) span.min = time;
  else if (time > span.max) span.max = time;
}

function sameScope(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

function streamOf(state: CoverageState, scope: readonly string[]): StreamBuckets {
  const key = scope.join('\u0000');
  let stream = state.streams.get(key);
  if (!stream) {
    stream = { scope: [...scope], events: 0, buckets: new Map() };
    state.streams.set(key, stream);
  }
  return stream;
}

/** Adds `b`'s events to `a` and returns `a`; both must use the same threshold. */
export function mergeCoverage(a: CoverageState, b: CoverageState): CoverageState {
  if (a.bucketMs !== b.bucketMs) throw new RangeError(`cannot merge coverage with thresholds ${a.bucketMs} and ${b.bucketMs} ms`);
  for (const from of b.streams.values()) {
    const into = streamOf(a, from.scope);
    into.events += from.events;
    for (const [index, span] of from.buckets) {
      const existing = into.buckets.get(index);
      if (!existing) into.buckets.set(index, { ...span });
      else into.buckets.set(index, { min: Math.min(existing.min, span.min), max: Math.max(existing.max, span.max) });
    }
  }
  return a;
}

/** Each scope with events, sorted by its values in order (account, then region), with gaps longer than the threshold. */
export function coverageStreams(state: CoverageState): StreamCoverage[] {
  const streams = [...state.streams.values()].sort((x, y) => compareScopes(x.scope, y.scope));
  return streams.filter((stream) => stream.buckets.size > 0).map((stream) => streamCoverage(stream, state.bucketMs));
}

function compareScopes(a: readonly string[], b: readonly string[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const order = compareText(a[index] ?? '', b[index] ?? '');
    if (order !== 0) return order;
  }
  return 0;
}

function streamCoverage(stream: StreamBuckets, thresholdMs: number): StreamCoverage {
  const spans = [...stream.buckets.entries()].sort(([x], [y]) => x - y).map(([, span]) => span);
  const gaps: CoverageGap[] = [];
  for (let index = 1; index < spans.length; index++) {
    const [before, after] = [spans[index - 1], spans[index]];
    if (before && after && after.min - before.max > thresholdMs) gaps.push({ from: before.max, to: after.min });
  }
  return { scope: stream.scope, events: stream.events, first: spans[0]?.min ?? 0, last: spans[spans.length - 1]?.max ?? 0, gaps };
}

/** Coverage in report form: scopes named by `dimensions`, ISO times and gap lengths in hours (one decimal). */
export function coverageReport(state: CoverageState, dimensions: readonly string[]): Coverage[] {
  return coverageStreams(state).map((stream) => ({
    scope: Object.fromEntries(dimensions.map((dimension, index) => [dimension, stream.scope[index] ?? ''])),
    events: stream.events,
    first: isoTime(stream.first),
    last: isoTime(stream.last),
    gaps: stream.gaps.map((gap) => ({ from: isoTime(gap.from), to: isoTime(gap.to), hours: gapHours(gap) })),
  }));
}

/** `2026-10-31T04:00:00Z`: the form log timestamps take, milliseconds only when there are some. */
function isoTime(time: number): string {
  return new Date(time).toISOString().replace('.000Z', 'Z');
}

/** A gap's length in hours, rounded to one decimal. */
export function gapHours(gap: CoverageGap): number {
  return Math.round(((gap.to - gap.from) / HOUR_MS) * 10) / 10;
}
