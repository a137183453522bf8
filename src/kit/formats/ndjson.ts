import type { z } from 'zod';
import { UserError } from '../../core/errors.js';
import type { SourceText } from '../files/read-file.js';
import { describeIssue, formatJsonPath, jsonPathPosition, parseJsonText, type JsonTextOptions } from './json.js';
import { schemaReader, type RecordReader } from './records.js';

const EXTRA_VALUE_HINT = 'Each line of an NDJSON file holds exactly one JSON value.';

/** One JSON value per non-blank line (LF or CRLF, JSON Lines); a syntax error is placed on its line. */
export function parseNdjson(file: SourceText, options: Pick<JsonTextOptions, 'hint'> = {}): unknown[] {
  return file.text
    .split(/\r?\n/)
    .flatMap((line, index) => (line.trim() === '' ? [] : [parseJsonText(line, file.display, { ...options, extraValueHint: EXTRA_VALUE_HINT, line: index + 1 })]));
}

/** One line's value as a record (see `RecordReader`); the schema's first issue is an error on that line, at the offending value's column. */
function lineRecord<S extends z.ZodType, T>(file: SourceText, reader: RecordReader<S, T>, text: string, line: number, hint: string, checkLimits: boolean): T {
  const value = parseJsonText(text, file.display, { hint, line, checkLimits });
  const fast = reader.fast(value);
  if (fast !== undefined) return fast;
  const parsed = reader.schema.safeParse(value, { error: describeIssue });
  if (parsed.success) return reader.convert(parsed.data);
  const issue = parsed.error.issues[0];
  const path = issue?.path ?? [];
  throw new UserError(`${path.length > 0 ? `${formatJsonPath(path)}: ` : ''}${issue?.message ?? 'Invalid value'}`, {
    position: { file: file.display, line, col: jsonPathPosition(text, path).col },
    hint,
  });
}

/**
 * The records of an NDJSON file one by one (a log streamed), each validated with `schema` and its errors placed on its
 * line. `checkLimits: false` skips the nesting and number walk, for a schema that keeps only strings it checks.
 */
export function ndjsonRecords<S extends z.ZodType>(file: SourceText, schema: S, hint: string, options?: { checkLimits?: boolean }): Iterable<z.output<S>>;
/** The records of an NDJSON file one by one, each read by `reader`'s fast path or else by its schema (see `RecordReader`). */
export function ndjsonRecords<S extends z.ZodType, T>(file: SourceText, reader: RecordReader<S, T>, hint: string, options?: { checkLimits?: boolean }): Iterable<T>;
export function* ndjsonRecords<S extends z.ZodType, T>(file: SourceText, rule: S | RecordReader<S, T>, hint: string, options: { checkLimits?: boolean } = {}): Iterable<T | z.output<S>> {
  const reader: RecordReader<S, T | z.output<S>> = 'fast' in rule ? rule : schemaReader(rule);
  const checkLimits = options.checkLimits ?? true;
  for (const [index, text] of file.text.split(/\r?\n/).entries()) if (text.trim() !== '') yield lineRecord(file, reader, text, index + 1, hint, checkLimits);
}
