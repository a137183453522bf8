import { defineSource, type SourceText } from '../../../kit/define-source.js';
import { parseJsonText } from '../../../kit/formats/json.js';
import { assertNotEmpty } from '../../../kit/formats/text.js';

/** Hint for a syntax error in JSON of no known producer (the `json` and `ndjson` source types). */
export const JSON_SYNTAX_HINT = 'Check the brackets, commas and quotes here; a truncated file ends early, so export it again.';

/** Records of one JSON file: the items of a top-level array, or the document itself. */
function readJsonFile(source: SourceText): unknown[] {
  assertNotEmpty(source, 'a JSON document');
  const document = parseJsonText(source.text, source.display, {
    hint: JSON_SYNTAX_HINT,
    extraValueHint: 'The file holds more than one JSON value; for one value per line use source type "ndjson".',
  });
  return Array.isArray(document) ? document : [document];
}

export default defineSource({
  type: 'json',
  kind: 'batch',
  description: 'Any JSON document; a top-level array yields one record per item, anything else one record.',
  read: (files) => files.flatMap(readJsonFile),
});

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    json: unknown;
  }
}
