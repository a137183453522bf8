import { defineFormatter } from '../define-formatter.js';

export default defineFormatter({
  name: 'json',
  view: 'coverage',
  description:
    'The coverage matrix as JSON (schema controlproof/coverage@1): per framework its counts and every criterion in registry order with its status and the controls mapped to it, each with exists, works and assurance.',
  extension: 'json',
  escapesControlCharacters: true,
  format: (view) => `${JSON.stringify(view, null, 2)}\n`,
});
