import { describe, expect, it } from 'vitest';
import { markdownCode, markdownProse, markdownTable, markdownText } from '../../../src/formatters/text/markdown.js';

describe('markdownText', () => {
  it('leaves plain words, e-mails, dates and decimals as they are', () => {
    expect(markdownText('owner it-identity@example.com on 2026-11-01, median 35.5 days')).toBe('owner it-identity@example.com on 2026-11-01, median 35.5 days');
  });

  it('backslash-escapes what is markup anywhere in a line: emphasis, code, links, tables, strikethrough, math, headings', () => {
    expect(markdownText('\\ ` * _ [ ] | ~ # $')).toBe('\\\\ \\` \\* \\_ \\[ \\] \\| \\~ \\# \\$');
  });

  it('writes <, > and & as entities, so no HTML or entity from the data is ever read', () => {
    expect(markdownText('<script>alert(1)</script> &amp; &copy;')).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &amp;copy;');
  });

  it('neutralises what would open a block at the start: a list marker, an ordered-list number, indentation', () => {
    expect(['- item', '+ item', '-', '1. first', '12) twelfth', '    code'].map(markdownText)).toEqual([
      '\\- item',
      '\\+ item',
      '\\-',
      '1\\. first',
      '12\\) twelfth',
      '&#32;&#32;&#32;&#32;code',
    ]);
    // Not a marker without the space after it.
    expect(['-2+3', '35.5', '1.10'].map(markdownText)).toEqual(['-2+3', '35.5', '1.10']);
  });

  it('turns line breaks into spaces, so text cannot end its line or its table row', () => {
    expect(markdownText('a\nb\r\nc\rd')).toBe('a b c d');
  });
});

describe('markdownCode', () => {
  it('fences with one backtick more than the longest run inside, padding a backtick or space at either end', () => {
    expect(markdownCode('arn:aws:iam::1:user/bob')).toBe('`arn:aws:iam::1:user/bob`');
    expect(markdownCode('a `b` c')).toBe('``a `b` c``');
    expect(markdownCode('``x')).toBe('``` ``x ```');
    expect(markdownCode(' x ')).toBe('`  x  `');
    expect(markdownCode('')).toBe('');
  });
});

describe('markdownProse', () => {
  it('keeps the code spans of a remediation, however fenced, and escapes the rest', () => {
    expect(markdownProse('Run `aws kms enable-key-rotation` then | check, and `` a ` b `` too <b>')).toBe(
      'Run `aws kms enable-key-rotation` then \\| check, and ``a ` b`` too &lt;b&gt;',
    );
    expect(markdownProse('- `x` and a lone ` tick')).toBe('\\- `x` and a lone \\` tick');
  });
});

describe('markdownTable', () => {
  it('escapes every cell, pipes inside code spans too, and aligns by column', () => {
    expect(markdownTable(['name', 'count'], ['left', 'right'], [['a|b', '1'], [{ code: 'x|y' }, '2']])).toEqual([
      '| name | count |',
      '| --- | ---: |',
      '| a\\|b | 1 |',
      '| `x\\|y` | 2 |',
    ]);
  });
});
