import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/kit/formats/csv.js';

const csvParse = (text: string) => parse<Record<string, string>>(text, { columns: true, bom: true, relax_column_count: false, skip_empty_lines: true });
const table = (text: string) => parseCsv({ display: 'people.csv', text });

describe('parseCsv', () => {
  it('reads plain files (no quotes, one kind of line break) as csv-parse does', () => {
    const texts = [
      'a,b,c\n1,2,3\n4,,6\n',
      'a,b,c\r\n1,2,3\r\n\r\n4,5,6',
      '\n\na,b\n\n1,2\n\n',
      'a\n1\n2\n',
      'a,b\n, \n  ,x\n',
      'only,header\n',
      'a,b\n1,2\n3,4\n'.repeat(1),
    ];
    for (const text of texts) expect(table(text).rows, JSON.stringify(text)).toEqual(csvParse(text));
  });

  it('leaves quotes, a lone CR and mixed line breaks to csv-parse', () => {
    for (const text of ['a,b\n"1,x",2\n', 'a,b\r1,2\r', 'a,b\n1,2\r\n']) expect(table(text).rows, JSON.stringify(text)).toEqual(csvParse(text));
    expect(() => csvParse('a,b\r\n1,2\n3,4\n')).toThrow();
    expect(() => table('a,b\r\n1,2\n3,4\n')).toThrow(expect.objectContaining({ message: 'Expected 2 fields as in the header, found 3' }));
  });

  it('places a ragged row of a plain file as csv-parse reports it', () => {
    expect(() => table('a,b,c\n1,2,3\n4,5\n')).toThrow(expect.objectContaining({ message: 'Expected 3 fields as in the header, found 2', position: { file: 'people.csv', line: 3, col: 4 } }));
    expect(() => table('a,b\n1,2,3\n')).toThrow(expect.objectContaining({ message: 'Expected 2 fields as in the header, found 3', position: { file: 'people.csv', line: 2, col: 5 } }));
  });

  it('refuses a duplicate column of a plain file at its header cell', () => {
    expect(() => table('a,b,a\n1,2,3\n')).toThrow(expect.objectContaining({ message: 'Expected unique column names, found "a" twice in the header', position: { file: 'people.csv', line: 1, col: 5 } }));
  });
});
