import { UserError } from '../../../core/errors.js';
import { parseYamlFile } from '../../../kit/formats/yaml.js';
import { defineSource, type SourceText } from '../../../kit/define-source.js';
import { assertNotEmpty } from '../../../kit/formats/text.js';

/** Records of one YAML file (core schema, no custom tags): the items of a top-level list, or the document itself. */
function readYamlFile(source: SourceText): unknown[] {
  assertNotEmpty(source, 'a YAML document');
  const { value } = parseYamlFile(source.text, source.display);
  if (value === null || value === undefined) {
    throw new UserError('Expected a YAML document, found only comments or an empty value', {
      position: { file: source.display, line: 1, col: 1 },
      hint: 'The export was probably interrupted; run it again.',
    });
  }
  return Array.isArray(value) ? value : [value];
}

export default defineSource({
  type: 'yaml',
  kind: 'batch',
  description: 'Any YAML document; a top-level list yields one record per item, anything else one record.',
  read: (files) => files.flatMap(readYamlFile),
});

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    yaml: unknown;
  }
}
