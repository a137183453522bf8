import { defineAdapter, type SourceText } from './define-adapter.js';
import { parseJsonText } from './json.js';

/** Records of one NDJSON file: one JSON value per non-blank line (LF or CRLF). */
function readNdjsonFile(source: SourceText): unknown[] {
  return source.text
    .split(/\r?\n/)
    .flatMap((line, index) => (line.trim() === '' ? [] : [parseJsonText(line, source.display, { unit: 'line', line: index + 1 })]));
}

export default defineAdapter({
  type: 'ndjson',
  description: 'Newline-delimited JSON (JSON Lines): one record per non-blank line.',
  read: (files) => files.flatMap(readNdjsonFile),
});
