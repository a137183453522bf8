import { describe, expect, it } from 'vitest';
import { inert, inertView } from '../../../src/formatters/text/inert.js';

describe('inert', () => {
  it.each([
    ['an ANSI colour sequence', 'a\u001b[31mred', 'a\\x1b[31mred'],
    ['a screen-clearing sequence', '\u001b[2J', '\\x1b[2J'],
    ['bell and NUL', 'ding\u0007\u0000', 'ding\\x07\\x00'],
    ['newline, carriage return and tab', 'a\nb\rc\td', 'a\\nb\\rc\\td'],
    ['DEL and C1 controls (CSI, NEL)', '\u007f\u009b31m\u0085', '\\x7f\\x9b31m\\x85'],
    ['a right-to-left override', 'user \u202eevil', 'user \\u202eevil'],
    ['bidi embeddings, isolates and marks', '\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c', '\\u202a\\u202b\\u202c\\u202d\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c'],
    ['line and paragraph separators', 'a\u2028b\u2029', 'a\\u2028b\\u2029'],
  ])('shows %s as escapes', (_name, text, shown) => {
    expect(inert(text)).toBe(shown);
  });

  it('leaves printable text alone, backslashes, accents and emoji included, and is idempotent', () => {
    const text = 'C:\\exports\\alice · Zoë 🔑 \\x1b';
    expect(inert(text)).toBe(text);
    expect(inert(inert('a\u001b\u202e\n'))).toBe(inert('a\u001b\u202e\n'));
  });
});

describe('inertView', () => {
  it('makes every string inert, keys included, and keeps numbers, booleans, null and the order of keys', () => {
    const view = { title: 'a\u001b', metrics: { 'x\u202e': { value: 1, passed: false } }, list: ['\r', null] };
    expect(inertView(view)).toEqual({ title: 'a\\x1b', metrics: { 'x\\u202e': { value: 1, passed: false } }, list: ['\\r', null] });
    expect(Object.keys(inertView({ b: 1, a: 2 }))).toEqual(['b', 'a']);
  });
});
