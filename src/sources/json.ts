import { UserError } from '../errors.js';
import { defineAdapter, type SourceText } from './define-adapter.js';
import { assertNotEmpty, positionAt } from './source-text.js';

/** Where a JSON text sits in its file: the whole file, or one line of an NDJSON file. */
export interface JsonTextPlace {
  unit: 'file' | 'line';
  /** 1-based line of the text's first character in the file. */
  line: number;
}

const WHOLE_FILE: JsonTextPlace = { unit: 'file', line: 1 };

/**
 * Parses one JSON text; a syntax error becomes a `UserError` at its line and column in the file.
 * `JSON.parse` keeps `__proto__` keys as plain data, so a hostile export cannot pollute prototypes.
 */
export function parseJsonText(text: string, file: string, place: JsonTextPlace = WHOLE_FILE): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const { offset, detail } = locateSyntaxError(text, error.message, place.unit);
    const position = positionAt(file, text, offset);
    throw new UserError(`Invalid JSON: ${detail.charAt(0).toLowerCase()}${detail.slice(1)}`, {
      position: { ...position, line: (position.line ?? 1) + place.line - 1 },
      hint: syntaxHint(detail, place.unit),
      cause: error,
    });
  }
}

function syntaxHint(detail: string, unit: JsonTextPlace['unit']): string {
  if (!detail.startsWith('Unexpected non-whitespace character after JSON')) {
    return 'Check the brackets, commas and quotes here; a truncated file ends early, so export it again.';
  }
  return unit === 'file'
    ? 'The file holds more than one JSON value; for one value per line use source type "ndjson".'
    : 'Each line of an NDJSON file holds exactly one JSON value.';
}

/** Where V8's message says the error is; "Unexpected token" messages carry no position, so those are searched for. */
function locateSyntaxError(text: string, message: string, unit: JsonTextPlace['unit']): { offset: number; detail: string } {
  const positioned = /^([\s\S]*?)(?: in JSON)? at position (\d+)/.exec(message);
  const endOfInput = /^Unexpected end of JSON input/.test(message);
  const offset = positioned ? Number(positioned[2]) : endOfInput ? text.length : longestViablePrefix(text);
  const detail = positioned?.[1] ?? message.replace(/, (?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, '');
  const end = text.trimEnd().length;
  if (offset < end) return { offset, detail };
  const truncated = endOfInput ? `expected more input, found the end of the ${unit}` : `${detail} at the end of the ${unit}`;
  return { offset: end, detail: `${truncated} (it looks truncated)` };
}

/**
 * The length of the longest prefix of `text` that could still be the start of valid JSON,
 * which is the offset of the first character that makes it invalid. Binary search over prefixes:
 * only reached on the error path, and each probe is one native parse.
 */
function longestViablePrefix(text: string): number {
  let viable = 0;
  let invalid = text.length;
  while (invalid - viable > 1) {
    const middle = Math.floor((viable + invalid) / 2);
    if (isViablePrefix(text.slice(0, middle))) viable = middle;
    else invalid = middle;
  }
  return viable;
}

function isViablePrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/^Unexpected end of JSON input/.test(message)) return true;
    const position = / at position (\d+)/.exec(message);
    return position !== null && Number(position[1]) >= prefix.length;
  }
}

/** Records of one JSON file: the items of a top-level array, or the document itself. */
function readJsonFile(source: SourceText): unknown[] {
  assertNotEmpty(source, 'a JSON document');
  const document = parseJsonText(source.text, source.display);
  return Array.isArray(document) ? document : [document];
}

export default defineAdapter({
  type: 'json',
  description: 'Any JSON document; a top-level array yields one record per item, anything else one record.',
  read: (files) => files.flatMap(readJsonFile),
});
