import { describe, expect, it } from 'vitest';
import { ownerCell, visibleLength, wrap, wrapParts } from '../../../src/formatters/text/layout.js';

const RED = '\u001b[31m';
const RESET = '\u001b[39m';

describe('visibleLength', () => {
  it('counts the characters the terminal shows, not colour codes', () => {
    expect(visibleLength(`${RED}fail${RESET} 12`)).toBe(7);
  });
});

describe('wrap', () => {
  it('breaks between words at 100 visible columns, hanging continuation lines', () => {
    const text = `${'a'.repeat(60)} ${'b'.repeat(30)} ${'c'.repeat(20)}`;
    expect(wrap(text, 6)).toEqual([`      ${'a'.repeat(60)} ${'b'.repeat(30)}`, `        ${'c'.repeat(20)}`]);
  });

  it('keeps a line whole when only its colour codes pass the width', () => {
    const text = `${RED}${'x'.repeat(90)}${RESET} yyyyy`;
    expect(wrap(text, 4)).toEqual([`    ${text}`]);
  });
});

describe('wrapParts', () => {
  it('joins parts with the joiner and never splits a part', () => {
    const parts = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)];
    expect(wrapParts(parts, ' · ', 4, 6)).toEqual([`    ${'a'.repeat(40)} · ${'b'.repeat(40)}`, `          ${'c'.repeat(40)}`]);
  });
});

describe('ownerCell', () => {
  it('breaks a long e-mail owner before the domain and leaves short ones alone', () => {
    expect(ownerCell('platform-security@acme.example')).toBe('platform-security\n@acme.example');
    expect(ownerCell('sre@acme.example')).toBe('sre@acme.example');
    expect(ownerCell('a team with a long name')).toBe('a team with a long name');
  });
});
