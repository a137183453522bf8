import { defineFormatter } from '../define-formatter.js';

export default defineFormatter({
  name: 'json',
  view: 'diff',
  description:
    'The diff as JSON (schema controlproof/diff@1): both reports, the lens order, counts, each common control with both lenses old, new and their move, added, removed and renamed controls, new, resolved and unverified findings, metric deltas and exception changes.',
  extension: 'json',
  escapesControlCharacters: true,
  format: (view) => `${JSON.stringify(view, null, 2)}\n`,
});
