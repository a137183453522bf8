import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../src/kit/formats/csv.js';
import csv from '../../../../src/providers/generic/sources/csv.js';
import { readExportFile } from '../../../../src/kit/files/read-file.js';
import { thrownUserError } from '../../../support/errors.js';
import { repoRoot } from '../../../support/paths.js';


const read = (text: string): Record<string, string>[] => csv.read([{ display: 'people.csv', text }]);
const HR_HEADER = 'employee_id,email,name,status,hire_date,termination_date,department,manager_email';

describe('csv source', () => {
  it('is registered as type csv', () => {
    expect(csv.type).toBe('csv');
  });

  it('keys each row by the header, with RFC 4180 quoting', () => {
    const text = 'user,note\nalice,"likes ""quotes"", and commas"\n"ops,admin","two\nlines"\n';
    expect(read(text)).toEqual([
      { user: 'alice', note: 'likes "quotes", and commas' },
      { user: 'ops,admin', note: 'two\nlines' },
    ]);
  });

  it('handles CRLF, a missing final newline and blank lines between rows', () => {
    expect(read('a,b\r\n1,2\r\n\r\n3,4')).toEqual([
      { a: '1', b: '2' },
      { a: '3', b: '4' },
    ]);
  });

  it('concatenates files and yields no rows for a header-only file', () => {
    const rows = csv.read([
      { display: 'a.csv', text: 'a,b\n1,2\n' },
      { display: 'b.csv', text: 'a,b\n' },
      { display: 'c.csv', text: 'a,b\n3,4\n' },
    ]);
    expect(rows).toEqual([
      { a: '1', b: '2' },
      { a: '3', b: '4' },
    ]);
  });

  it('parses the BOM + CRLF fixture saved by Excel, read through the file decoder', async () => {
    const { text } = await readExportFile(path.resolve('fixtures/generic/bad/bom.csv'));
    const rows = csv.read([text]);
    expect(rows).toHaveLength(3);
    expect(Object.keys(rows[0] ?? {})[0]).toBe('employee_id');
    expect(rows[1]).toEqual({
      employee_id: 'E1002',
      email: 'kim@example.org',
      name: 'Ode, Kim',
      status: 'active',
      hire_date: '2023-09-12',
      termination_date: '',
      department: 'Engineering',
      manager_email: 'sam@example.org',
    });
    expect(rows[2]?.name).toBe('Zoë Brandt');
  });

  it('strips a BOM itself when given undecoded text', () => {
    const rows = read('\ufeffemployee_id,email\r\nE1001,lee@example.org\r\n');
    expect(rows).toEqual([{ employee_id: 'E1001', email: 'lee@example.org' }]);
  });

  it('keeps a __proto__ column as plain data', () => {
    const [row] = read('__proto__,name\npolluted,x\n');
    expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toBe('polluted');
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  });

  it('points a row with too few fields at its end', () => {
    const error = thrownUserError(() => read('a,b,c\n1,2,3\n\n4,5\n'));
    expect(error.located).toBe('people.csv:4:4: Expected 3 fields as in the header, found 2');
    expect(error.hint).toContain('one value per header column');
    expect(thrownUserError(() => read('a,b,c\r\n1,2\r\n')).located).toBe('people.csv:2:4: Expected 3 fields as in the header, found 2');
  });

  it('points a row with too many fields at the first extra one', () => {
    expect(thrownUserError(() => read('a,b,c\r\n1,2,3\r\n4,5,6,7\r\n')).located).toBe('people.csv:3:7: Expected 3 fields as in the header, found 4');
  });

  it('counts lines inside quoted fields when locating a later row', () => {
    expect(thrownUserError(() => read('a,b\n"x\ny",1\n2\n')).located).toBe('people.csv:4:2: Expected 2 fields as in the header, found 1');
  });

  it('points an unclosed quote at the quote that opened it (fixture)', async () => {
    const { text } = await readExportFile(path.resolve('fixtures/generic/bad/bad-quoting.csv'));
    expect(thrownUserError(() => csv.read([text])).locatedFrom(repoRoot)).toBe(
      'fixtures/generic/bad/bad-quoting.csv:3:23: Expected a closing quote for the field opened here, found the end of the file',
    );
  });

  it('points a quote inside an unquoted field at the quote', () => {
    expect(thrownUserError(() => read(`${HR_HEADER}\nE1003,jo@example.org,Jo "JJ" Ng,active,2024-02-05,,IT,sam@example.org\n`)).located).toBe(
      'people.csv:2:25: Unexpected quote inside an unquoted field',
    );
  });

  it('points text after a closing quote at that text', () => {
    expect(thrownUserError(() => read('a,b\n1,"x"y\n')).located).toBe('people.csv:2:6: Expected a comma or line end after the closing quote, found "y"');
  });

  it('rejects duplicate column names at the second one', () => {
    const error = thrownUserError(() => read('email,name,email\na@example.org,A,b@example.org\n'));
    expect(error.located).toBe('people.csv:1:12: Expected unique column names, found "email" twice in the header');
  });

  it('rejects an empty file at 1:1', () => {
    expect(thrownUserError(() => read('\r\n')).located).toBe('people.csv:1:1: File is empty: expected a CSV header row');
  });
});

describe('parseCsv', () => {
  it('locates header and row cells, across multi-line fields and blank lines', () => {
    const table = parseCsv({ display: 't.csv', text: 'user,"note",age\r\nalice,"a\r\nb",30\r\n\r\nbob,,41\r\n' });
    expect(table.header).toEqual(['user', 'note', 'age']);
    expect(table.positionOf('header', 'note')).toEqual({ file: 't.csv', line: 1, col: 6 });
    expect(table.positionOf(0, 'age')).toEqual({ file: 't.csv', line: 3, col: 4 });
    expect(table.positionOf(1, 'user')).toEqual({ file: 't.csv', line: 5, col: 1 });
    expect(table.positionOf(1, 'age')).toEqual({ file: 't.csv', line: 5, col: 6 });
    expect(table.positionOf(1, 'unknown')).toEqual({ file: 't.csv', line: 5, col: 1 });
  });
});
