import { describe, expect, it } from 'vitest';
import { exceededJsonLimit, limitMessage, MAX_JSON_DEPTH } from '../../../src/kit/formats/json-limits.js';

/** `levels` arrays inside one another, built without a JSON text. */
function nested(levels: number, innermost: unknown = 1): unknown {
  let value: unknown = innermost;
  for (let level = 0; level < levels; level++) value = [value];
  return value;
}

describe('exceededJsonLimit', () => {
  it('passes ordinary values and scalars', () => {
    expect(exceededJsonLimit({ a: [1, 'x', null, true, { b: -1.5e308 }] })).toBeUndefined();
    expect(exceededJsonLimit('text')).toBeUndefined();
    expect(exceededJsonLimit(null)).toBeUndefined();
  });

  it('counts a top-level array or object as level 1 and allows exactly MAX_JSON_DEPTH levels', () => {
    expect(MAX_JSON_DEPTH).toBe(512);
    expect(exceededJsonLimit(nested(512))).toBeUndefined();
    expect(exceededJsonLimit(nested(513))).toBe('depth');
    expect(exceededJsonLimit({ a: { b: [] } }, 3)).toBeUndefined();
    expect(exceededJsonLimit({ a: { b: [] } }, 2)).toBe('depth');
  });

  it('walks a million levels without overflowing the stack', () => {
    expect(exceededJsonLimit(nested(1_000_000))).toBe('depth');
  });

  it('finds the Infinity JSON.parse makes of an out-of-range number, at any level and as a key of __proto__', () => {
    expect(exceededJsonLimit(Infinity)).toBe('number');
    expect(exceededJsonLimit(nested(10, -Infinity))).toBe('number');
    expect(exceededJsonLimit(JSON.parse('{"__proto__": {"n": 1e400}}'))).toBe('number');
  });
});

describe('limitMessage', () => {
  it('names the limit, and the number as written, shortened', () => {
    expect(limitMessage('depth')).toBe('Too deeply nested: more than 512 levels of arrays and objects');
    expect(limitMessage('number', '1e400')).toBe('Out-of-range number 1e400: JSON numbers must lie within ±1.8e308');
    expect(limitMessage('number')).toBe('Out-of-range number: JSON numbers must lie within ±1.8e308');
  });
});
