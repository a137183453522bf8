import { defineFormatter } from '../define-formatter.js';

export default defineFormatter({
  name: 'json',
  view: 'exceptions',
  description: 'The exceptions view as JSON, for CI artefacts: every exception with its status, and age per risk tier.',
  extension: 'json',
  escapesControlCharacters: true,
  format: (view) => `${JSON.stringify(view, null, 2)}\n`,
});
