import { defineFormatter } from '../define-formatter.js';

export default defineFormatter({
  name: 'json',
  view: 'run',
  description: 'The full report as JSON (schema controlproof/report@2), for CI artefacts, diff and merge.',
  extension: 'json',
  escapesControlCharacters: true,
  // JSON.stringify drops keys whose value is undefined, so absent optional fields never appear as null;
  // key order is the order the engine built the report in, which is deterministic.
  format: (report) => `${JSON.stringify(report, null, 2)}\n`,
});
