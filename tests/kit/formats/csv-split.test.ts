import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/kit/formats/csv.js';
import { splitPlainCsv } from '../../../src/kit/formats/csv-split.js';

const source = (text: string) => ({ display: 'people.csv', text });

/** What parseCsv gives, as header and cells in header order. */
function parsed(text: string): { header: readonly string[]; rows: string[][] } {
  const table = parseCsv(source(text));
  return { header: table.header, rows: table.rows.map((row) => table.header.map((column) => row[column] ?? '')) };
}

describe('splitPlainCsv', () => {
  it.each([
    ['LF with a final line break', 'name,team\nada,ops\nbob,dev\n'],
    ['no final line break', 'name,team\nada,ops\nbob,dev'],
    ['CRLF', 'name,team\r\nada,ops\r\nbob,dev\r\n'],
    ['a byte order mark', '\uFEFFname,team\nada,ops\n'],
    ['empty lines', 'name,team\n\nada,ops\n\n\nbob,dev\n'],
    ['empty CRLF lines', 'name,team\r\n\r\nada,ops\r\n\r\n'],
    ['empty cells', 'name,team\nada,\n,dev\n'],
    ['a quoted cell with a comma and a quote', 'name,team\n"Ng, ""JJ""",ops\nbob,dev\n'],
    ['a quoted header', '"name","team"\nada,ops\n'],
    ['only a header', 'name,team\n'],
  ])('splits %s exactly as parseCsv reads it', (_name, text) => {
    let header: readonly string[] = [];
    const rows = splitPlainCsv(source(text), (names) => {
      header = names;
      return (cells) => [...cells];
    });
    expect({ header, rows }).toEqual(parsed(text));
  });

  it.each([
    ['a quoted cell spanning lines', 'name,team\n"ada\nlovelace",ops\n'],
    ['a ragged row', 'name,team\nada,ops,extra\n'],
    ['a short row', 'name,team\nada\n'],
    ['a bare carriage return', 'name,team\rada,ops\r'],
    ['a bare line feed after CRLF', 'name,team\r\nada,ops\nbob,dev\r\n'],
    ['an empty line of a bare line feed after CRLF', 'name,team\r\nada,ops\r\n\nbob,dev\r\n'],
    ['a final carriage return without its line feed', 'name,team\r\nada,ops\r'],
    ['a quote inside an unquoted cell', 'name,team\nad"a,ops\n'],
    ['an unclosed quote', 'name,team\n"ada,ops\n'],
    ['a duplicate column', 'name,name\nada,ops\n'],
    ['an empty line before the header', '\nname,team\nada,ops\n'],
    ['a line of spaces', 'name,team\n  \n'],
  ])('leaves %s to parseCsv', (_name, text) => {
    expect(splitPlainCsv(source(text), () => (cells) => cells)).toBeUndefined();
  });

  it('declines a file whose header the reader declines, and passes on what a row reader throws', () => {
    expect(splitPlainCsv(source('name,team\nada,ops\n'), () => undefined)).toBeUndefined();
    const failing = () => () => {
      throw new Error('bad row');
    };
    expect(() => splitPlainCsv(source('name,team\nada,ops\n'), failing)).toThrow('bad row');
  });
});
