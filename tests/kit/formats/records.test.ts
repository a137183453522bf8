import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { validateJson } from '../../../src/kit/formats/json.js';
import { readRecords, type RecordReader } from '../../../src/kit/formats/records.js';

const schema = z.object({ id: z.string().min(1), n: z.number().optional() });
let fastCalls = 0;
const reader: RecordReader<typeof schema, { id: string; n: number | null }> = {
  schema,
  convert: (item) => ({ id: item.id, n: item.n ?? null }),
  // Vouches only for items without `n`: the others go through the schema.
  fast: (value) => {
    fastCalls += 1;
    return typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string' && value.id !== '' && !('n' in value) ? { id: value.id, n: null } : undefined;
  },
};
const place = (text: string) => ({ text, display: 'page.json', hint: 'one page' });
const read = (text: string, at: PropertyKey[] = []) => readRecords(reader, at.length === 0 ? JSON.parse(text) : (JSON.parse(text) as { value: unknown }).value, at, place(text));

describe('readRecords', () => {
  it('reads every item, by the fast path or else by the schema, in order', () => {
    fastCalls = 0;
    expect(read('[{"id":"a"},{"id":"b","n":2}]')).toEqual([{ id: 'a', n: null }, { id: 'b', n: 2 }]);
    expect(fastCalls).toBeGreaterThanOrEqual(2);
  });

  it('places the first invalid item as validating the whole array would, under its path in the document', () => {
    const text = '{"value":[{"id":"a"},\n {"id":"b","n":"two"},{"id":""}]}';
    const whole = (() => {
      try {
        validateJson(z.object({ value: z.array(schema) }), JSON.parse(text), text, 'page.json', 'one page');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(whole).toBeDefined();
    expect(() => read(text, ['value'])).toThrow(expect.objectContaining({ message: 'value[1].n: expected number, found "two"', position: { file: 'page.json', line: 2, col: 16 } }));
    expect(() => read(text, ['value'])).toThrow(expect.objectContaining({ message: (whole as { message: string }).message, position: (whole as { position: unknown }).position }));
  });

  it('refuses a value that is no array as z.array does', () => {
    expect(() => read('{"id":"a"}')).toThrow(expect.objectContaining({ message: 'expected array, found an object', position: expect.objectContaining({ line: 1, col: 1 }) }));
  });
});
