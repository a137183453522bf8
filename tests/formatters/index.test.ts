import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { formatterNamed, formatters } from '../../src/formatters/index.js';

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('formatter registry', () => {
  it('holds table and json', () => {
    expect(formatters.map((formatter) => [formatter.name, formatter.extension])).toEqual([
      ['table', 'txt'],
      ['json', 'json'],
    ]);
  });

  it('finds a formatter by name', () => {
    expect(formatterNamed('json').name).toBe('json');
    expect(formatterNamed('table').name).toBe('table');
  });

  it('rejects an unknown name, listing the known ones and suggesting a close one', () => {
    const error = thrownBy(() => formatterNamed('tabel'));
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ message: 'Unknown format "tabel": expected one of table, json', hint: 'Did you mean "table"?' });
  });

  it('falls back to naming the formats when nothing is close', () => {
    expect(thrownBy(() => formatterNamed('spreadsheet'))).toMatchObject({
      hint: 'Use --format table or --format json.',
    });
  });
});
