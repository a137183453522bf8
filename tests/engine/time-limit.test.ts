import { describe, expect, it } from 'vitest';
import { TimeLimitExceeded, withinTimeLimit } from '../../src/engine/time-limit.js';

describe('withinTimeLimit', () => {
  it('returns what the call returns, and lets what it throws through as it is', () => {
    expect(withinTimeLimit(() => ({ examined: 1 }), 1000)).toStrictEqual({ examined: 1 });
    const thrown = new TypeError('bad record');
    expect(() => withinTimeLimit(() => { throw thrown; }, 1000)).toThrow(thrown);
  });

  it('stops a synchronous endless loop, even one that catches everything, after the limit', () => {
    const started = performance.now();
    let error: unknown;
    try {
      withinTimeLimit(() => {
        for (;;) {
          try {
            while (Date.now() > 0);
          } catch {
            // An endless loop cannot catch its way out of the limit.
          }
        }
      }, 100);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TimeLimitExceeded);
    expect(error).toMatchObject({ message: 'did not finish within 0.1 s', limitMs: 100 });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('can be used again after a call ran out of time', () => {
    expect(() => withinTimeLimit(() => { for (;;); }, 50)).toThrow(TimeLimitExceeded);
    expect(withinTimeLimit(() => 42, 1000)).toBe(42);
  });
});
