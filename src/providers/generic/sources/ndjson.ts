import { defineSource } from '../../../kit/define-source.js';
import { JSON_SYNTAX_HINT } from './json.js';
import { parseNdjson } from '../../../kit/formats/ndjson.js';

export default defineSource({
  type: 'ndjson',
  kind: 'batch',
  description: 'Newline-delimited JSON (JSON Lines): one record per non-blank line.',
  read: (files) => files.flatMap((file) => parseNdjson(file, { hint: JSON_SYNTAX_HINT })),
});

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    ndjson: unknown;
  }
}
