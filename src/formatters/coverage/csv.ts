import type { CoverageView } from '../../report/coverage-view.js';
import { defineFormatter } from '../define-formatter.js';
import { csvDocument } from '../text/csv.js';

const HEAD = ['framework', 'criterion', 'title', 'group', 'status', 'control', 'control_title', 'owner', 'exists', 'works', 'assurance'];

/** One row per criterion and control mapped to it; a gap is one row with the control cells empty. */
function rows(view: CoverageView): string[][] {
  return view.frameworks.flatMap((framework) =>
    framework.criteria.flatMap((criterion) => {
      const head = [framework.key, criterion.id, criterion.title, criterion.group ?? '', criterion.status];
      if (criterion.controls.length === 0) return [[...head, '', '', '', '', '', '']];
      return criterion.controls.map((control) => [...head, control.id, control.title, control.owner, control.exists, control.works, control.assurance]);
    }),
  );
}

export default defineFormatter({
  name: 'csv',
  view: 'coverage',
  description:
    'A spreadsheet to pivot: one row per framework criterion and control mapped to it (a gap is one row without a control), every criterion in registry order, with its status and the control\'s exists, works and assurance. ' +
    'The same cell rules as run --format csv: RFC 4180, formula-safe, UTF-8 with a byte order mark for Excel.',
  extension: 'csv',
  format: (view) => csvDocument(HEAD, rows(view)),
});
