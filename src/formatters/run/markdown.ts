import { defineFormatter } from '../define-formatter.js';
import { actionLines } from './markdown/actions.js';
import { attentionLines, otherControlsLines } from './markdown/controls.js';
import { erroredTestLines, exceptionLines, sourceLines, warningLines } from './markdown/problems.js';
import { headerLines, summaryLines } from './markdown/summary.js';

export default defineFormatter({
  name: 'markdown',
  view: 'run',
  description:
    'The whole report as GitHub-flavoured Markdown, for a pull request comment, a wiki or a hand-over: both lenses counted apart, the exists × works matrix, ' +
    'works by function, paper-only and failing controls first with owner and findings (all of them, or --max-findings per test), the other controls, exceptions and their age by tier. ' +
    'Every string from the catalog or the data is escaped to render as written.',
  extension: 'md',
  format(report, options) {
    const blocks = [
      headerLines(report),
      summaryLines(report),
      attentionLines(report, options.maxFindings),
      options.onlyFailing ? [] : otherControlsLines(report),
      actionLines(report),
      erroredTestLines(report),
      exceptionLines(report),
      sourceLines(report),
      warningLines(report),
    ].filter((block) => block.length > 0);
    return `${blocks.map((block) => block.join('\n')).join('\n\n')}\n`;
  },
});
