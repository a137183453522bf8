import { defineFormatter } from '../define-formatter.js';

export default defineFormatter({
  name: 'json',
  view: 'trend',
  description:
    'The trend as JSON (schema controlproof/trend@1): the rule, the lens order, the runs of the window oldest first (with their interval, gaps and detection coverage), counts per trajectory, each control with both lenses\' verdict per run, its trajectory and moves, every test metric per run, exception age per risk tier and the catalog changes; every series has one entry per run, null where the run has none.',
  extension: 'json',
  escapesControlCharacters: true,
  format: (view) => `${JSON.stringify(view, null, 2)}\n`,
});
