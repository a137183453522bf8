import { Chalk } from 'chalk';
import { defineFormatter } from '../define-formatter.js';
import { attentionLines } from './table/attention.js';
import { exceptionLines, tierLines } from './table/exceptions.js';
import { otherControlsLines } from './table/other-controls.js';
import { erroredSourceLines, erroredTestLines, warningLines } from './table/problems.js';
import { headerLines, summaryLines } from './table/summary.js';

export default defineFormatter({
  name: 'table',
  view: 'run',
  description: 'Human-readable summary for a terminal: the exists × works matrix, then what to fix first.',
  extension: 'txt',
  format(report, options) {
    // A private instance, not global chalk: colour follows the option only, so output is deterministic.
    const chalk = new Chalk({ level: options.color ? 1 : 0 });
    const blocks = [
      headerLines(report, chalk),
      summaryLines(report, chalk),
      attentionLines(report, chalk),
      options.onlyFailing ? [] : otherControlsLines(report, chalk),
      erroredSourceLines(report, chalk),
      erroredTestLines(report, chalk),
      exceptionLines(report, chalk),
      tierLines(report, chalk),
      warningLines(report, chalk),
    ].filter((block) => block.length > 0);
    return `${blocks.map((block) => block.join('\n')).join('\n\n')}\n`;
  },
});
