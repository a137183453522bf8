import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.js';
import { assertNotEmpty, positionAt } from '../../../src/kit/formats/text.js';

describe('positionAt', () => {
  const text = 'ab\ncd\r\nef';

  it('counts 1-based lines and columns', () => {
    expect(positionAt('f', text, 0)).toEqual({ file: 'f', line: 1, col: 1 });
    expect(positionAt('f', text, 2)).toEqual({ file: 'f', line: 1, col: 3 });
    expect(positionAt('f', text, 3)).toEqual({ file: 'f', line: 2, col: 1 });
  });

  it('ends a line at \\r\\n as at \\n', () => {
    expect(positionAt('f', text, 7)).toEqual({ file: 'f', line: 3, col: 1 });
    expect(positionAt('f', text, 9)).toEqual({ file: 'f', line: 3, col: 3 });
  });
});

describe('assertNotEmpty', () => {
  it('accepts a file with content', () => {
    expect(() => assertNotEmpty({ display: 'a.json', text: ' {} ' }, 'a JSON document')).not.toThrow();
  });

  it('rejects a whitespace-only file at 1:1, saying what was expected', () => {
    const run = (): void => assertNotEmpty({ display: 'a.json', text: '\r\n \t' }, 'a JSON document');
    expect(run).toThrow(UserError);
    expect(run).toThrow('File is empty: expected a JSON document');
    try {
      run();
    } catch (error) {
      expect(error instanceof UserError && error.located).toBe('a.json:1:1: File is empty: expected a JSON document');
    }
  });
});
