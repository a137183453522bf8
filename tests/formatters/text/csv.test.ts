import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument, UTF8_BOM } from '../../../src/formatters/text/csv.js';

describe('csvCell', () => {
  it('leaves a plain value as it is', () => {
    expect(csvCell('arn:aws:iam::1:user/bob')).toBe('arn:aws:iam::1:user/bob');
  });

  it('quotes a value holding a quote, a comma, a CR or an LF, doubling inner quotes (RFC 4180)', () => {
    expect(['say "hi"', 'a,b', 'a\rb', 'a\nb', 'a\r\nb'].map(csvCell)).toEqual(['"say ""hi"""', '"a,b"', '"a\rb"', '"a\nb"', '"a\r\nb"']);
  });

  it('prefixes a value that a spreadsheet would run as a formula with a single quote (OWASP)', () => {
    const starts = ['=', '+', '-', '@', '\t', '\r', '\n', '\uff1d', '\uff0b', '\uff0d', '\uff20'];
    expect(starts.map((start) => csvCell(`${start}1+1`))).toEqual([
      "'=1+1",
      "'+1+1",
      "'-1+1",
      "'@1+1",
      "'\t1+1",
      `"'\r1+1"`,
      `"'\n1+1"`,
      "'\uff1d1+1",
      "'\uff0b1+1",
      "'\uff0d1+1",
      "'\uff201+1",
    ]);
    expect(csvCell('=HYPERLINK("https://evil.example","x")')).toBe('"\'=HYPERLINK(""https://evil.example"",""x"")"');
  });

  it('neutralises only the start: a formula character later in the value is data', () => {
    expect(csvCell('a=b+c-d@e')).toBe('a=b+c-d@e');
  });

  it('writes a number it computed as a number, negative ones included', () => {
    expect([csvCell(-32), csvCell(0), csvCell(7)]).toEqual(['-32', '0', '7']);
  });
});

describe('csvDocument', () => {
  it('starts with a byte order mark and ends every row, the last included, with CRLF', () => {
    expect(csvDocument(['a', 'b'], [['1', '2'], ['x,y', -1]])).toBe(`${UTF8_BOM}a,b\r\n1,2\r\n"x,y",-1\r\n`);
  });

  it('reads back, cell for cell, with a strict RFC 4180 parser', () => {
    const rows = [['a "quoted", value', 'multi\r\nline'], ['=1+1', 'Zoë 日本語 🚀']];
    const parsed: string[][] = parse(csvDocument(['x', 'y'], rows), { bom: true, record_delimiter: '\r\n', relax_quotes: false });
    expect(parsed).toEqual([['x', 'y'], ['a "quoted", value', 'multi\r\nline'], ["'=1+1", 'Zoë 日本語 🚀']]);
  });
});
