import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ndjsonRecords } from '../../../src/kit/formats/ndjson.js';

const schema = z.looseObject({ id: z.string(), n: z.number().optional() });
const read = (text: string) => [...ndjsonRecords({ display: 'log.ndjson', text }, schema, 'one event per line')];

describe('ndjsonRecords', () => {
  it('validates each non-blank line (LF or CRLF) into a record', () => {
    expect(read('{"id":"a"}\r\n\n{"id":"b","n":2}\n')).toEqual([{ id: 'a' }, { id: 'b', n: 2 }]);
  });

  it('places a schema issue on its line, at the offending value', () => {
    expect(() => read('{"id":"a"}\n{"id":"b","n":"two"}\n')).toThrow(
      expect.objectContaining({ message: 'n: expected number, found "two"', position: { file: 'log.ndjson', line: 2, col: 15 }, hint: 'one event per line' }),
    );
  });

  it('places a syntax error on its line', () => {
    expect(() => read('{"id":"a"}\n{"id":\n')).toThrow(expect.objectContaining({ position: expect.objectContaining({ line: 2 }) }));
  });
});
