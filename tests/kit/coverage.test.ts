import { describe, expect, it } from 'vitest';
import { addToCoverage, coverageReport, coverageStreams, createCoverage, mergeCoverage, type CoverageState } from '../../src/kit/coverage.js';

const HOUR = 3_600_000;
const at = (hour: number): number => Date.UTC(2026, 9, 31) + hour * HOUR;

function coverageOf(hours: readonly number[], thresholdHours = 6, region = 'eu-west-1'): CoverageState {
  const state = createCoverage(thresholdHours * HOUR);
  for (const hour of hours) addToCoverage(state, { scope: ['210987654321', region], time: at(hour) });
  return state;
}

describe('log coverage', () => {
  it('finds exactly the gaps longer than the threshold, wherever they fall against the buckets', () => {
    const [stream] = coverageStreams(coverageOf([0, 5.9, 11.9, 18, 23.5, 1]));
    expect(stream).toEqual({ scope: ['210987654321', 'eu-west-1'], events: 6, first: at(0), last: at(23.5), gaps: [{ from: at(11.9), to: at(18) }] });
  });

  it('a gap of exactly the threshold is not a gap', () => {
    expect(coverageStreams(coverageOf([1, 7]))[0]?.gaps).toEqual([]);
    expect(coverageStreams(coverageOf([1, 7.01]))[0]?.gaps).toEqual([{ from: at(1), to: at(7.01) }]);
  });

  it('merges to the same coverage however the events were split, in either order', () => {
    const hours = [0.5, 2, 9, 9.5, 16, 22.25];
    const whole = coverageStreams(coverageOf(hours));
    const left = mergeCoverage(coverageOf(hours.slice(0, 3)), structuredClone(coverageOf(hours.slice(3))));
    const right = mergeCoverage(coverageOf(hours.slice(3)), coverageOf(hours.slice(0, 3)));
    expect(coverageStreams(left)).toEqual(whole);
    expect(coverageStreams(right)).toEqual(whole);
    expect(whole[0]?.gaps).toEqual([{ from: at(2), to: at(9) }, { from: at(9.5), to: at(16) }, { from: at(16), to: at(22.25) }]);
  });

  it('keeps memory to one bucket per threshold of time, not one entry per event', () => {
    const state = coverageOf(Array.from({ length: 10_000 }, (_, index) => (index % 240) / 10));
    expect([...state.streams.values()].map((stream) => stream.buckets.size)).toEqual([4]);
  });

  it('reports scopes sorted by their values in order, named by the dimensions, with ISO times and gap hours', () => {
    const state = coverageOf([0, 10], 6, 'us-east-1');
    mergeCoverage(state, coverageOf([3], 6, 'eu-west-1'));
    addToCoverage(state, { scope: ['111122223333', 'us-east-1'], time: at(4) });
    expect(coverageReport(state, ['account', 'region'])).toEqual([
      { scope: { account: '111122223333', region: 'us-east-1' }, events: 1, first: '2026-10-31T04:00:00Z', last: '2026-10-31T04:00:00Z', gaps: [] },
      { scope: { account: '210987654321', region: 'eu-west-1' }, events: 1, first: '2026-10-31T03:00:00Z', last: '2026-10-31T03:00:00Z', gaps: [] },
      {
        scope: { account: '210987654321', region: 'us-east-1' },
        events: 2,
        first: '2026-10-31T00:00:00Z',
        last: '2026-10-31T10:00:00Z',
        gaps: [{ from: '2026-10-31T00:00:00Z', to: '2026-10-31T10:00:00Z', hours: 10 }],
      },
    ]);
  });

  it('refuses to merge coverage kept with different thresholds, and a threshold of zero', () => {
    expect(() => mergeCoverage(coverageOf([1], 6), coverageOf([1], 12))).toThrow('cannot merge coverage with thresholds 21600000 and 43200000 ms');
    expect(() => createCoverage(0)).toThrow('gap threshold must be positive, found 0 ms');
  });
});
