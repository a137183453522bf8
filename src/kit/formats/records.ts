// Records read from parsed JSON through a hand-checked fast path, with the zod schema deciding whatever it does not
// vouch for: 100,000 user records through zod cost several times parsing their JSON, most of a large export's read.
import { z } from 'zod';
import { validateJsonAt } from './json.js';

type JsonPath = readonly PropertyKey[];

/**
 * How to read one record of an export. `schema` and `convert` are the rule, with its exact errors; `fast` returns the
 * record `convert` would make for a value the schema accepts, and undefined for anything it does not vouch for (an
 * odd or invalid value), which the schema then decides. `fast` must never accept what the schema rejects.
 */
export interface RecordReader<S extends z.ZodType, T> {
  schema: S;
  convert(parsed: z.output<S>): T;
  fast(value: unknown): T | undefined;
}

/** Where the values are and how errors name them. */
export interface RecordPlace {
  text: string;
  display: string;
  hint: string;
}

/** A reader that is the schema alone: no fast path, the schema's output as the record. */
export function schemaReader<S extends z.ZodType>(schema: S): RecordReader<S, z.output<S>> {
  return { schema, convert: (parsed) => parsed, fast: () => undefined };
}

/** One value by the schema (its fast path declined it): its first issue is an error at `at`, the value's path in the document. */
function bySchema<S extends z.ZodType, T>(reader: RecordReader<S, T>, value: unknown, at: JsonPath, place: RecordPlace): T {
  return reader.convert(validateJsonAt(reader.schema, value, at, place.text, place.display, place.hint));
}

/**
 * The items of a JSON array (at `at` in the document) as records, in order: the first item the schema rejects is the
 * error, exactly as validating the whole array with `z.array(schema)` places it; a value that is no array is refused so too.
 */
export function readRecords<S extends z.ZodType, T>(reader: RecordReader<S, T>, value: unknown, at: JsonPath, place: RecordPlace): T[] {
  if (!Array.isArray(value)) return validateJsonAt(z.array(reader.schema), value, at, place.text, place.display, place.hint).map(reader.convert);
  const records: T[] = new Array<T>(value.length);
  for (let index = 0; index < value.length; index++) {
    const item: unknown = value[index];
    records[index] = reader.fast(item) ?? bySchema(reader, item, [...at, index], place);
  }
  return records;
}

/** A JSON object (not null, not an array): what a zod object schema accepts as input. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string, null or absent: what `z.string().nullable().optional()` accepts. */
export function isOptionalText(value: unknown): value is string | null | undefined {
  return value === undefined || value === null || typeof value === 'string';
}

/** A non-empty string: what `z.string().min(1)` accepts. */
export function isFilledText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** An array of strings: what `z.array(z.string())` accepts. */
export function isTextList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
