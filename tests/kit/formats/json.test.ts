import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { formatJsonPath, jsonPathPosition, parseJsonText, validateJson } from '../../../src/kit/formats/json.js';
import { parseNdjson } from '../../../src/kit/formats/ndjson.js';
import { readExportFile } from '../../../src/kit/files/read-file.js';
import { thrownUserError } from '../../support/errors.js';

const DEPTH = 'Too deeply nested: more than 512 levels of arrays and objects';
const nestedArrays = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;

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

describe('parseJsonText limits', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads 512 levels of nesting, and rejects the 513th at its opening bracket', () => {
    expect(parseJsonText(nestedArrays(512), 'x.json')).toBeInstanceOf(Array);
    expect(thrownUserError(() => parseJsonText(`{\n  "a": ${nestedArrays(512)}\n}`, 'exports/x.json')).located).toBe(`exports/x.json:2:${512 + 7}: ${DEPTH}`);
    const objects = `${'{"a":'.repeat(513)}1${'}'.repeat(513)}`;
    const error = thrownUserError(() => parseJsonText(objects, 'x.json'));
    expect(error.located).toBe(`x.json:1:${512 * 5 + 1}: ${DEPTH}`);
    expect(error.hint).toBe('Real exports nest far less than 512 levels, so the file is corrupt or crafted: export it again.');
  });

  it('places a million [ at the 513th, closed or cut short, without overflowing the stack', () => {
    const million = '['.repeat(1_000_000);
    expect(thrownUserError(() => parseJsonText(`${million}${']'.repeat(1_000_000)}`, 'x.json')).located).toBe(`x.json:1:513: ${DEPTH}`);
    expect(thrownUserError(() => parseJsonText(million, 'x.json')).located).toBe(`x.json:1:513: ${DEPTH}`);
  });

  it.each([
    ['1e400', '{"a": [1,\n  1e400]}', '2:3', '1e400'],
    ['-1e400', '[-1e400]', '1:2', '-1e400'],
    ['a 400-digit integer', `[${'9'.repeat(400)}]`, '1:2', `${'9'.repeat(24)}…`],
    ['an exponent in capitals', '{"n": 2E+308}', '1:7', '2E+308'],
  ])('rejects an out-of-range number (%s) at its first character', (_name, text, where, shown) => {
    const error = thrownUserError(() => parseJsonText(text, 'x.json'));
    expect(error.located).toBe(`x.json:${where}: Out-of-range number ${shown}: JSON numbers must lie within ±1.8e308`);
    expect(error.hint).toMatch(/export it again/);
  });

  it('keeps the largest double and lets a tiny number round to zero', () => {
    expect(parseJsonText('[1.7976931348623157e308, -1.7e308, 1e-400]', 'x.json')).toEqual([1.7976931348623157e308, -1.7e308, 0]);
  });

  it('reports whichever comes first in the text: a passed limit or a syntax error', () => {
    expect(thrownUserError(() => parseJsonText('[1e400, }', 'x.json')).located).toMatch(/^x\.json:1:2: Out-of-range number 1e400/);
    expect(thrownUserError(() => parseJsonText('[}, 1e400]', 'x.json')).located).toBe('x.json:1:2: Invalid JSON: expected a JSON value, found "}"');
  });

  it('places a passed limit in an NDJSON line on that line', () => {
    const text = `{"id": 1}\n{"id": 1e999}\n${nestedArrays(600)}\n`;
    expect(thrownUserError(() => parseNdjson({ display: 'events.ndjson', text })).located).toBe(
      'events.ndjson:2:8: Out-of-range number 1e999: JSON numbers must lie within ±1.8e308',
    );
    expect(thrownUserError(() => parseNdjson({ display: 'events.ndjson', text: `{}\n${nestedArrays(600)}` })).located).toBe(`events.ndjson:2:513: ${DEPTH}`);
  });

  it('skips the walk only when asked (a caller that checks what it keeps)', () => {
    expect(parseJsonText('[1e400]', 'x.json', { checkLimits: false })).toEqual([Infinity]);
  });

  it('turns anything else JSON.parse throws into a UserError naming the file (a text past the string limit)', () => {
    vi.spyOn(JSON, 'parse').mockImplementationOnce(() => {
      throw new RangeError('Invalid string length');
    });
    const error = thrownUserError(() => parseJsonText('[]', 'huge.json'));
    expect(error.located).toBe("huge.json: JSON text is too long to parse: V8's string limit is 536870888 characters (0x1fffffe8)");
    expect(error.hint).toMatch(/smaller files/);
  });

  it('turns an unexpected exception from JSON.parse into a UserError with its message', () => {
    vi.spyOn(JSON, 'parse').mockImplementationOnce(() => {
      throw new TypeError('boom');
    });
    expect(thrownUserError(() => parseJsonText('[]', 'x.json')).located).toBe('x.json: Cannot parse JSON: boom');
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

  it('walks any depth without overflowing the stack, and applies no limits', () => {
    const deep = `{"a": ${nestedArrays(200_000)}, "b": 1e400}`;
    expect(jsonPathPosition(deep, ['b'])).toEqual({ line: 1, col: 400_000 + 14 });
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
