import { parseCsv } from '../../../kit/formats/csv.js';
import { defineSource } from '../../../kit/define-source.js';

export default defineSource({
  type: 'csv',
  kind: 'batch',
  description: 'Any CSV with a header row (RFC 4180 quoting, CRLF, UTF-8 BOM); one record per row, keyed by column name.',
  read: (files) => files.flatMap((file) => parseCsv(file).rows),
});

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    csv: Record<string, string>;
  }
}
