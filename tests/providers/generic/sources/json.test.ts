import path from 'node:path';
import { describe, expect, it } from 'vitest';
import json from '../../../../src/providers/generic/sources/json.js';
import { readExportFile } from '../../../../src/kit/files/read-file.js';
import { thrownUserError } from '../../../support/errors.js';
import { repoRoot } from '../../../support/paths.js';


const read = (text: string, display = 'data.json'): unknown[] => json.read([{ display, text }]);

describe('json source', () => {
  it('is registered as type json', () => {
    expect(json.type).toBe('json');
  });

  it('yields the items of a top-level array, concatenated over files', () => {
    const records = json.read([
      { display: 'a.json', text: '[{"UserName": "alice"}, {"UserName": "bob"}]' },
      { display: 'b.json', text: '[{"UserName": "carol"}]\n' },
    ]);
    expect(records).toEqual([{ UserName: 'alice' }, { UserName: 'bob' }, { UserName: 'carol' }]);
  });

  it('yields a non-array document as one record', () => {
    expect(read('{"Users": [{"UserName": "alice"}]}')).toEqual([{ Users: [{ UserName: 'alice' }] }]);
    expect(read('42')).toEqual([42]);
    expect(read('null')).toEqual([null]);
  });

  it('keeps an empty top-level array as zero records', () => {
    expect(read('[]')).toEqual([]);
  });

  it('locates an unexpected token at its first character', () => {
    expect(thrownUserError(() => read('{"a": }')).located).toBe('data.json:1:7: Invalid JSON: expected a JSON value, found "}"');
    expect(thrownUserError(() => read('[1, 2,\n  3,,\n]')).located).toBe('data.json:2:5: Invalid JSON: expected a JSON value, found ","');
    expect(thrownUserError(() => read('[\n  {"Enabled": tru}\n]')).located).toBe('data.json:2:15: Invalid JSON: expected a JSON value, found "t"');
  });

  it('locates a trailing comma on a later line', () => {
    const error = thrownUserError(() => read('{\n  "a": 1,\n  "b": 2,\n}'));
    expect(error.located).toBe('data.json:4:1: Invalid JSON: expected a property name in double quotes, found "}"');
    expect(error.position).toEqual({ file: 'data.json', line: 4, col: 1 });
  });

  it('points a truncated file just past its last character, not at trailing blank lines', () => {
    expect(thrownUserError(() => read('tru')).located).toBe('data.json:1:4: Invalid JSON: expected the rest of "true", found end of file');
    expect(thrownUserError(() => read('{\n  "a": [1, 2\n\n')).located).toBe(
      'data.json:2:13: Invalid JSON: expected "," or "]" after the array element, found end of file',
    );
    expect(thrownUserError(() => read('{\r\n  "a": [1, 2\r\n')).located).toBe(
      'data.json:2:13: Invalid JSON: expected "," or "]" after the array element, found end of file',
    );
  });

  it('reports the truncated fixture at its last character', async () => {
    const { text } = await readExportFile(path.resolve('fixtures/generic/bad/truncated.json'));
    const error = thrownUserError(() => json.read([text]));
    expect(error.locatedFrom(repoRoot)).toBe(
      'fixtures/generic/bad/truncated.json:15:53: Invalid JSON: expected a closing double quote, found end of file',
    );
    expect(error.hint).toContain('export it again');
  });

  it('rejects an empty or whitespace-only file at 1:1', async () => {
    const { text } = await readExportFile(path.resolve('fixtures/generic/bad/empty.json'));
    expect(thrownUserError(() => json.read([text])).locatedFrom(repoRoot)).toBe('fixtures/generic/bad/empty.json:1:1: File is empty: expected a JSON document');
    expect(thrownUserError(() => read(' \n\t\r\n')).located).toBe('data.json:1:1: File is empty: expected a JSON document');
  });

  it('suggests ndjson when a file holds several JSON values', () => {
    const error = thrownUserError(() => read('{"a": 1}\n{"a": 2}\n'));
    expect(error.located).toBe('data.json:2:1: Invalid JSON: expected end of file after the JSON value, found "{"');
    expect(error.hint).toBe('The file holds more than one JSON value; for one value per line use source type "ndjson".');
  });

  it('rejects nesting deeper than 512 levels and out-of-range numbers at their position', () => {
    const deep = `[\n  ${'{"a": '.repeat(600)}1${'}'.repeat(600)}\n]`;
    expect(thrownUserError(() => read(deep)).located).toBe(`data.json:2:${2 + 511 * 6 + 1}: Too deeply nested: more than 512 levels of arrays and objects`);
    expect(thrownUserError(() => read('[{"score": 1e400}]')).located).toBe('data.json:1:12: Out-of-range number 1e400: JSON numbers must lie within ±1.8e308');
  });

  it('keeps __proto__ keys as plain data without touching Object.prototype', () => {
    const [record] = read('[{"__proto__": {"polluted": true}, "name": "x"}]');
    expect(Object.getOwnPropertyDescriptor(record, '__proto__')?.value).toEqual({ polluted: true });
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    expect('polluted' in {}).toBe(false);
  });
});
