import { describe, expect, it } from 'vitest';
import { parseCheckResult } from '../../src/kit/check-result.js';

const finding = { resource: 'arn:aws:iam::210987654321:user/alice', message: 'user alice has console access without MFA' };

describe('parseCheckResult', () => {
  it('keeps a result that holds the contract, rebuilt with only the fields it knows', () => {
    const result = { examined: 3, findings: [{ ...finding, details: { since: '2026-01-01' }, extra: 1 }], metrics: { pct: 66.7 }, details: { note: 'x' } };
    const parsed = parseCheckResult(result);
    expect(parsed).toStrictEqual({ examined: 3, findings: [{ ...finding, details: { since: '2026-01-01' } }], metrics: { pct: 66.7 }, details: { note: 'x' } });
    expect(parsed).not.toBe(result);
    expect(parseCheckResult({ examined: 0, findings: [] })).toStrictEqual({ examined: 0, findings: [] });
  });

  const broken: Array<[string, unknown, string]> = [
    ['undefined (a run that forgot to return)', undefined, 'undefined: expected { examined, findings }'],
    ['null', null, 'null: expected { examined, findings }'],
    ['a number', 3, '3: expected { examined, findings }'],
    ['an array', [], 'an array: expected { examined, findings }'],
    ['a class instance', new (class Tally {})(), 'a Tally: expected { examined, findings }'],
    ['a missing examined', { findings: [] }, 'examined: expected a whole number, 0 or more, found undefined'],
    ['a fractional examined', { examined: 1.5, findings: [] }, 'examined: expected a whole number, 0 or more, found 1.5'],
    ['a negative examined', { examined: -1, findings: [] }, 'examined: expected a whole number, 0 or more, found -1'],
    ['examined as a string', { examined: '3', findings: [] }, 'examined: expected a whole number, 0 or more, found "3"'],
    ['findings not an array', { examined: 1, findings: { 0: finding } }, 'findings: expected an array, found an object'],
    ['a finding that is a string', { examined: 1, findings: ['alice'] }, 'findings[0]: expected an object with resource and message, found "alice"'],
    ['a finding without a resource', { examined: 3, findings: [finding, finding, { message: 'x' }] }, 'findings[2].resource: expected a string, found undefined'],
    ['a numeric resource', { examined: 1, findings: [{ resource: 7, message: 'x' }] }, 'findings[0].resource: expected a string, found 7'],
    ['a finding without a message', { examined: 1, findings: [{ resource: 'a' }] }, 'findings[0].message: expected a string, found undefined'],
    ['finding details that are a string', { examined: 1, findings: [{ ...finding, details: 'x' }] }, 'findings[0].details: expected an object, found "x"'],
    ['test details that are an array', { examined: 1, findings: [], details: [1] }, 'details: expected an object, found an array'],
    ['metrics that are a number', { examined: 1, findings: [], metrics: 5 }, 'metrics: expected an object, found 5'],
    ['a NaN metric', { examined: 1, findings: [], metrics: { pct: Number.NaN } }, 'metrics.pct: expected a finite number, found NaN'],
    ['an infinite metric', { examined: 1, findings: [], metrics: { ratio: Number.POSITIVE_INFINITY } }, 'metrics.ratio: expected a finite number, found Infinity'],
    ['a metric as a string', { examined: 1, findings: [], metrics: { pct: '50' } }, 'metrics.pct: expected a finite number, found "50"'],
    ['a Promise (an async run)', Promise.resolve({ examined: 1, findings: [] }), 'a Promise: checks are synchronous (run and finish must not be async)'],
  ];
  for (const [name, value, problem] of broken) {
    it(`names what is wrong: ${name}`, () => {
      expect(parseCheckResult(value)).toStrictEqual({ problem });
    });
  }

  it('handles a returned Promise that rejects, so it cannot end the process as an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      expect(parseCheckResult(Promise.reject(new Error('async check failed')))).toStrictEqual({ problem: 'a Promise: checks are synchronous (run and finish must not be async)' });
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });

  it('turns a result whose fields throw when read into a problem, not a crash', () => {
    const result = Object.defineProperty({ findings: [] }, 'examined', {
      enumerable: true,
      get() {
        throw new Error('no examined here');
      },
    });
    expect(parseCheckResult(result)).toStrictEqual({ problem: 'a result that cannot be read: no examined here' });
  });
});
