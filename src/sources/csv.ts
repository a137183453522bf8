import { parseCsv } from '../kit/formats/csv.js';
import { defineAdapter } from './define-adapter.js';

export default defineAdapter({
  type: 'csv',
  description: 'Any CSV with a header row (RFC 4180 quoting, CRLF, UTF-8 BOM); one record per row, keyed by column name.',
  read: (files) => files.flatMap((file) => parseCsv(file).rows),
});
