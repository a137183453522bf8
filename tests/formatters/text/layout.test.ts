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
  it('breaks between words at the width, hanging continuation lines', () => {
    const text = `${'a'.repeat(60)} ${'b'.repeat(30)} ${'c'.repeat(20)}`;
    expect(wrap(text, { width: 100, indent: 6 })).toEqual([`      ${'a'.repeat(60)} ${'b'.repeat(30)}`, `        ${'c'.repeat(20)}`]);
    expect(wrap(text, { width: 80, indent: 6 })).toEqual([`      ${'a'.repeat(60)}`, `        ${'b'.repeat(30)} ${'c'.repeat(20)}`]);
  });

  it('fills a line exactly to the width, and breaks when one more column is needed', () => {
    const words = `${'a'.repeat(38)} ${'b'.repeat(40)}`;
    expect(wrap(words, { width: 79, indent: 0 })).toEqual([words]);
    expect(wrap(words, { width: 78, indent: 0 })).toEqual(['a'.repeat(38), `  ${'b'.repeat(40)}`]);
    expect(wrap(words, { width: 79, indent: 1 })).toEqual([` ${'a'.repeat(38)}`, `   ${'b'.repeat(40)}`]);
  });

  it('never breaks an id: an ARN longer than the line stays whole on a line of its own', () => {
    const arn = 'arn:aws:ec2:eu-west-1:210987654321:security-group/sg-0a1b2c3d4e5f60718';
    const lines = wrap(`security group ${arn} (bastion) allows ingress from 0.0.0.0/0`, { width: 40, indent: 2 });
    expect(lines).toEqual(['  security group', `    ${arn}`, '    (bastion) allows ingress from', '    0.0.0.0/0']);
    expect(lines.join(' ').replace(/\s+/g, ' ')).toContain(arn);
  });

  it('breaks only at spaces: hyphens, slashes and colons inside a word hold', () => {
    const lines = wrap('control IAM-06 arn:aws:iam::210987654321:user/legacy-etl#access_key_1 ok', { width: 30, indent: 0 });
    expect(lines).toEqual(['control IAM-06', '  arn:aws:iam::210987654321:user/legacy-etl#access_key_1', '  ok']);
  });

  it('keeps a line whole when only its colour codes pass the width', () => {
    const text = `${RED}${'x'.repeat(90)}${RESET} yyyyy`;
    expect(wrap(text, { width: 100, indent: 4 })).toEqual([`    ${text}`]);
  });
});

describe('wrapParts', () => {
  it('joins parts with the joiner and never splits a part', () => {
    const parts = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)];
    expect(wrapParts(parts, ' · ', { width: 100, indent: 4, hang: 6 })).toEqual([`    ${'a'.repeat(40)} · ${'b'.repeat(40)}`, `          ${'c'.repeat(40)}`]);
    expect(wrapParts(parts, ' · ', { width: 80, indent: 4, hang: 6 })).toEqual([`    ${'a'.repeat(40)}`, `          ${'b'.repeat(40)}`, `          ${'c'.repeat(40)}`]);
  });
});

describe('ownerCell', () => {
  it('breaks a long e-mail owner before the domain and leaves short ones alone', () => {
    expect(ownerCell('platform-security@acme.example')).toBe('platform-security\n@acme.example');
    expect(ownerCell('sre@acme.example')).toBe('sre@acme.example');
    expect(ownerCell('a team with a long name')).toBe('a team with a long name');
  });
});
