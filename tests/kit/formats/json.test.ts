import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatJsonPath, jsonPathPosition, parseJsonText, validateJson } from '../../../src/kit/formats/json.js';
import { readExportFile } from '../../../src/kit/files/read-file.js';
import { thrownUserError } from '../../support/errors.js';


describe('parseJsonText', () => {
  it('returns the parsed value and keeps __proto__ as data', () => {
    const value = parseJsonText('{"a": [1, true, null], "__proto__": {"polluted": 1}}', 'x.json');
    expect(value).toEqual(JSON.parse('{"a": [1, true, null], "__proto__": {"polluted": 1}}'));
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it.each([
    ['missing comma between properties', '{\n  "a": 1\n  "b": 2\n}', '3:3', 'expected "," or "}" after the property value, found "\\""'],
    ['trailing comma in an object', '{\n  "a": 1,\n}', '3:1', 'expected a property name in double quotes, found "}"'],
    ['bare word (V8 gives no position)', '{"a": tru}', '1:7', 'expected a JSON value, found "t"'],
    ['text output instead of JSON', 'USERDETAILLIST\talice', '1:1', 'expected a JSON value, found "U"'],
    ['truncated file', '{\n  "a": [1, 2', '2:13', 'expected "," or "]" after the array element, found end of file'],
    ['two documents back to back', '[1]\n[2]', '2:1', 'expected end of file after the JSON value, found "["'],
    ['raw newline inside a string', '{"a": "x\ny"}', '1:9', 'expected no raw control character inside a string (escape it), found "\\n"'],
    ['bad escape', '{"a": "\\x"}', '1:8', 'expected a valid escape sequence, found "\\\\"'],
    ['truncated file with blank lines after it (CRLF)', '{\r\n  "a": [1, 2\r\n\r\n', '2:13', 'expected "," or "]" after the array element, found end of file'],
    ['literal cut short', '{"a": tru\n', '1:10', 'expected the rest of "true", found end of file'],
    ['string cut short at a line end', '{"a": "x\n', '1:9', 'expected a closing double quote, found end of file'],
    ['CRLF line ends', '{\r\n  "a": 1,\r\n  "b": x\r\n}', '3:8', 'expected a JSON value, found "x"'],
    ['byte order mark inside the text', '[1,\ufeff2]', '1:4', 'expected a JSON value, found U+FEFF'],
    ['character outside the BMP', '{"a": \u{1F642}}', '1:7', 'expected a JSON value, found "\u{1F642}"'],
  ])('%s: reports the exact line:col', (_name, text, where, expected) => {
    const error = thrownUserError(() => parseJsonText(text, 'exports/x.json'));
    expect(error.located).toBe(`exports/x.json:${where}: Invalid JSON: ${expected}`);
    expect(error.hint).toMatch(/--output json/);
  });

  it('uses the hint it is given', () => {
    expect(thrownUserError(() => parseJsonText('{', 'x.json', 'Export again.')).hint).toBe('Export again.');
  });

  it('uses the extra-value hint only when a complete value is followed by more text', () => {
    const options = { hint: 'Fix the syntax.', extraValueHint: 'One value per file.' };
    expect(thrownUserError(() => parseJsonText('{"a": 1}\n{"a": 2}', 'x.json', options)).hint).toBe('One value per file.');
    expect(thrownUserError(() => parseJsonText('{"a": }', 'x.json', options)).hint).toBe('Fix the syntax.');
  });

  it('places a text that is one line of its file on that line, ending at "end of line"', () => {
    expect(thrownUserError(() => parseJsonText('{"b": x}', 'log.ndjson', { line: 7 })).located).toBe(
      'log.ndjson:7:7: Invalid JSON: expected a JSON value, found "x"',
    );
    expect(thrownUserError(() => parseJsonText('{"b":', 'log.ndjson', { line: 3 })).located).toBe(
      'log.ndjson:3:6: Invalid JSON: expected a JSON value, found end of line',
    );
  });

  describe('in a file read from disk', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'controlproof-parse-json-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('counts columns from the first character after a stripped byte order mark', async () => {
      const file = path.join(dir, 'bom.json');
      writeFileSync(file, '\ufeff{"a": x}\r\n');
      const { text } = await readExportFile(file);
      expect(thrownUserError(() => parseJsonText(text.text, 'bom.json')).located).toBe('bom.json:1:7: Invalid JSON: expected a JSON value, found "x"');
    });
  });
});

describe('jsonPathPosition', () => {
  const text = '{\n  "Users": [\n    {"Name": "alice"},\n    {"Name": "bob", "Date": 5}\n  ]\n}';

  it('finds the value at a path', () => {
    expect(jsonPathPosition(text, ['Users', 1, 'Date'])).toEqual({ line: 4, col: 29 });
    expect(jsonPathPosition(text, ['Users', 0])).toEqual({ line: 3, col: 5 });
  });

  it('falls back to the nearest existing ancestor for a missing key', () => {
    expect(jsonPathPosition(text, ['Users', 0, 'Arn'])).toEqual({ line: 3, col: 5 });
  });

  it('decodes escaped keys', () => {
    expect(jsonPathPosition('{"a\\u0062": 1}', ['ab'])).toEqual({ line: 1, col: 13 });
  });
});

describe('validateJson', () => {
  const schema = z.object({ Users: z.array(z.object({ Name: z.string(), Date: z.string() })) });
  const text = '{\n  "Users": [\n    {"Name": "alice", "Date": "x"},\n    {"Name": "bob", "Date": 5}\n  ]\n}';

  it('returns the parsed data when valid', () => {
    const valid = '{"Users": [{"Name": "a", "Date": "d"}]}';
    expect(validateJson(schema, JSON.parse(valid), valid, 'x.json', 'hint')).toEqual({ Users: [{ Name: 'a', Date: 'd' }] });
  });

  it('reports the first issue at the position of the offending value, naming its path and what was found', () => {
    const error = thrownUserError(() => validateJson(schema, JSON.parse(text), text, 'x.json', 'Export again.'));
    expect(error.located).toBe('x.json:4:29: Users[1].Date: expected string, found 5');
    expect(error.hint).toBe('Export again.');
  });

  it('says "missing" for an absent key', () => {
    const missing = '{"Users": [{"Date": "d"}]}';
    const error = thrownUserError(() => validateJson(schema, JSON.parse(missing), missing, 'x.json', 'hint'));
    expect(error.located).toBe('x.json:1:12: Users[0].Name: missing (expected string)');
  });
});

describe('formatJsonPath', () => {
  it('writes paths the way a reader of the file would', () => {
    expect(formatJsonPath(['RoleDetailList', 3, 'RoleLastUsed', 'LastUsedDate'])).toBe('RoleDetailList[3].RoleLastUsed.LastUsedDate');
    expect(formatJsonPath([0, 'a'])).toBe('[0].a');
  });
});
