import { defineSource, type SourceText } from '../../../kit/define-source.js';
import { JSON_SYNTAX_HINT } from './json.js';
import { parseJsonText } from '../../../kit/formats/json.js';

const LINE_OPTIONS = { hint: JSON_SYNTAX_HINT, extraValueHint: 'Each line of an NDJSON file holds exactly one JSON value.' };

/** Records of one NDJSON file: one JSON value per non-blank line (LF or CRLF). */
function readNdjsonFile(source: SourceText): unknown[] {
  return source.text
    .split(/\r?\n/)
    .flatMap((line, index) => (line.trim() === '' ? [] : [parseJsonText(line, source.display, { ...LINE_OPTIONS, line: index + 1 })]));
}

export default defineSource({
  type: 'ndjson',
  kind: 'batch',
  description: 'Newline-delimited JSON (JSON Lines): one record per non-blank line.',
  read: (files) => files.flatMap(readNdjsonFile),
});

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    ndjson: unknown;
  }
}
