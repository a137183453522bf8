import type { SourceText } from '../files/read-file.js';
import { parseJsonText, type JsonTextOptions } from './json.js';

const EXTRA_VALUE_HINT = 'Each line of an NDJSON file holds exactly one JSON value.';

/** One JSON value per non-blank line (LF or CRLF, JSON Lines); a syntax error is placed on its line. */
export function parseNdjson(file: SourceText, options: Pick<JsonTextOptions, 'hint'> = {}): unknown[] {
  return file.text
    .split(/\r?\n/)
    .flatMap((line, index) => (line.trim() === '' ? [] : [parseJsonText(line, file.display, { ...options, extraValueHint: EXTRA_VALUE_HINT, line: index + 1 })]));
}
