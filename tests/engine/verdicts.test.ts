import { describe, expect, it } from 'vitest';
import { assurance, metricResult, testStatus, worksVerdict } from '../../src/engine/verdicts.js';
import { type Assurance, EXISTS, type ExistsVerdict, WORKS, type WorksVerdict } from '../../src/core/vocabulary.js';

describe('assurance', () => {
  // DESIGN.md's table, written out cell by cell; stale + effective is `undocumented` (see the function's comment).
  const table: Record<ExistsVerdict, Record<WorksVerdict, Assurance>> = {
    evidenced: { effective: 'assured', ineffective: 'paper-only', error: 'unproven', untested: 'unproven' },
    stale: { effective: 'undocumented', ineffective: 'paper-only', error: 'unproven', untested: 'unproven' },
    missing: { effective: 'undocumented', ineffective: 'failing', error: 'unknown', untested: 'unknown' },
    none: { effective: 'undocumented', ineffective: 'failing', error: 'unknown', untested: 'unknown' },
  };
  const cells = EXISTS.flatMap((exists) => WORKS.map((works) => ({ exists, works, label: table[exists][works] })));

  it('covers all 16 exists × works pairs', () => {
    expect(cells).toHaveLength(16);
  });

  it.each(cells)('$exists + $works is $label', ({ exists, works, label }) => {
    expect(assurance(exists, works)).toBe(label);
  });
});

describe('testStatus', () => {
  const clean = { failing: 0, metricsMissed: false, examined: 3 };

  it('passes when resources were examined and nothing failed', () => {
    expect(testStatus(clean)).toBe('pass');
  });

  it('fails on a failing finding or a missed metric threshold', () => {
    expect(testStatus({ ...clean, failing: 1 })).toBe('fail');
    expect(testStatus({ ...clean, metricsMissed: true })).toBe('fail');
  });

  it('is vacuous when nothing was examined', () => {
    expect(testStatus({ ...clean, examined: 0 })).toBe('vacuous');
  });

  it('ranks error over fail, and fail over vacuous', () => {
    expect(testStatus({ error: 'source missing', failing: 2, metricsMissed: true, examined: 0 })).toBe('error');
    expect(testStatus({ failing: 1, metricsMissed: false, examined: 0 })).toBe('fail');
    expect(testStatus({ failing: 0, metricsMissed: true, examined: 0 })).toBe('fail');
  });
});

describe('worksVerdict', () => {
  it.each([
    { statuses: [], works: 'untested' },
    { statuses: ['vacuous'], works: 'untested' },
    { statuses: ['vacuous', 'vacuous'], works: 'untested' },
    { statuses: ['pass'], works: 'effective' },
    { statuses: ['pass', 'vacuous'], works: 'effective' },
    { statuses: ['pass', 'error'], works: 'error' },
    { statuses: ['vacuous', 'error'], works: 'error' },
    { statuses: ['pass', 'fail'], works: 'ineffective' },
    { statuses: ['error', 'fail', 'vacuous'], works: 'ineffective' },
  ] as const)('$statuses → $works', ({ statuses, works }) => {
    expect(worksVerdict(statuses)).toBe(works);
  });
});

// Strictly equal: a bound the test does not set is absent from the result, not a key holding undefined.
describe('metricResult', () => {
  it('only reports the value when the test sets no threshold', () => {
    expect(metricResult(60, undefined)).toStrictEqual({ value: 60 });
  });

  it('passes at the threshold itself and fails just past it', () => {
    expect(metricResult(100, { min: 100 })).toStrictEqual({ value: 100, min: 100, passed: true });
    expect(metricResult(99.9, { min: 100 })).toStrictEqual({ value: 99.9, min: 100, passed: false });
    expect(metricResult(24, { max: 24 })).toStrictEqual({ value: 24, max: 24, passed: true });
    expect(metricResult(24.5, { max: 24 })).toStrictEqual({ value: 24.5, max: 24, passed: false });
  });

  it('needs both bounds of a range', () => {
    expect(metricResult(50, { min: 40, max: 60 })).toStrictEqual({ value: 50, min: 40, max: 60, passed: true });
    expect(metricResult(30, { min: 40, max: 60 })).toStrictEqual({ value: 30, min: 40, max: 60, passed: false });
    expect(metricResult(70, { min: 40, max: 60 })).toStrictEqual({ value: 70, min: 40, max: 60, passed: false });
  });

  it('leaves out a bound the catalog set to undefined', () => {
    expect(metricResult(0, { min: undefined, max: 0 })).toStrictEqual({ value: 0, max: 0, passed: true });
  });
});
