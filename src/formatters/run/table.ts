import { Chalk } from 'chalk';
import { defineFormatter } from '../define-formatter.js';
import { actionLines } from './table/actions.js';
import { attentionLines } from './table/attention.js';
import { exceptionLines, tierLines } from './table/exceptions.js';
import { otherControlsLines } from './table/other-controls.js';
import { scenariosLines } from './table/scenarios.js';
import { tableContext } from './table/context.js';
import { warningLines } from '../text/warnings.js';
import { erroredSourceLines } from './table/problems.js';
import { headerLines, summaryLines } from './table/summary.js';

export default defineFormatter({
  name: 'table',
  view: 'run',
  description: 'Human-readable summary for a terminal: the exists × works matrix, then what to fix first, most at risk first.',
  extension: 'txt',
  format(report, options) {
    // A private instance, not global chalk: colour follows the option only, so output is deterministic.
    const context = tableContext(new Chalk({ level: options.color ? 1 : 0 }), options);
    const blocks = [
      headerLines(report, context),
      summaryLines(report, context),
      attentionLines(report, context),
      options.onlyFailing ? [] : otherControlsLines(report, context),
      actionLines(report, context),
      scenariosLines(report, context),
      erroredSourceLines(report, context),
      exceptionLines(report, context),
      tierLines(report, context),
      warningLines(report.warnings, context.chalk, context.width),
    ].filter((block) => block.length > 0);
    return `${blocks.map((block) => block.join('\n')).join('\n\n')}\n`;
  },
});
