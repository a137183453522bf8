import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { defineSource } from '../../src/kit/define-source.js';
import json from '../../src/providers/generic/sources/json.js';
import { readProblems, readText, rejectProblems, SourceTester } from '../../src/testing/source-tester.js';

new SourceTester(json).run({
  read: [
    { name: 'an array, one record per item', text: '[{"a": 1}, {"a": 2}]', records: [{ a: 1 }, { a: 2 }] },
    { name: 'an object, one record', text: '{"a": 1}', records: [{ a: 1 }] },
  ],
  reject: [{ name: 'a truncated file', text: '[{"a": 1}', error: /^Invalid JSON: /, line: 1, col: 10 }],
});

const lines = defineSource({
  type: 'json',
  kind: 'stream',
  description: 'One record per line.',
  readFile: (file) => file.text.split('\n').filter(Boolean),
});

describe('SourceTester', () => {
  it('reads streamed sources file by file', () => {
    expect(readText(lines, 'a\nb\n')).toEqual(['a', 'b']);
  });

  it('reports records that differ, and a throw where records were expected', () => {
    expect(readProblems(json, { name: 'x', text: '[1]', records: [2] })).toEqual(['expected [2], read [1]']);
    expect(readProblems(json, { name: 'x', text: '', records: [] })).toEqual(['expected records, but it threw: export:1:1: File is empty: expected a JSON document']);
  });

  it('requires a located UserError with a hint, the message and the position the case names', () => {
    expect(rejectProblems(json, { name: 'x', text: '[1]', error: 'x' })).toEqual(['expected a UserError, but the file was read']);
    expect(rejectProblems(json, { name: 'x', text: '[1', error: 'Unexpected end', line: 2, col: 4 })).toEqual([
      expect.stringMatching(/^expected the message Unexpected end, found "Invalid JSON: /),
      'expected line 2, found 1',
      'expected column 4, found 3',
    ]);
    const bare = defineSource({ type: 'json', kind: 'batch', description: 'Throws.', read: () => { throw new UserError('no'); } });
    expect(rejectProblems(bare, { name: 'x', text: '', error: 'no' })).toEqual(['the error has no hint']);
    const crashing = defineSource({ type: 'json', kind: 'batch', description: 'Crashes.', read: () => { throw new TypeError('bug'); } });
    expect(rejectProblems(crashing, { name: 'x', text: '', error: 'bug' })).toEqual(['expected a UserError, it threw TypeError: bug']);
  });

  it('refuses a table with two cases of one name', () => {
    expect(() => new SourceTester(json).run({ read: [{ name: 'x', text: '1', records: [1] }], reject: [{ name: 'x', text: '', error: 'y' }] })).toThrow('duplicate case name "x"');
  });
});
