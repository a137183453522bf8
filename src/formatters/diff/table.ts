import { Chalk } from 'chalk';
import type { DiffView } from '../../report/diff.js';
import { defineFormatter, type FormatOptions } from '../define-formatter.js';
import { DEFAULT_WIDTH, MIN_WIDTH, renderTable, wrap, wrapParts } from '../text/layout.js';
import { warningLines } from '../text/warnings.js';
import { diffSections, orderText, sidesText, summaryText } from './columns.js';

export default defineFormatter({
  name: 'table',
  view: 'diff',
  description: 'Terminal text: the counts, then regressed and improved controls (each lens old → new), added, removed and renamed controls, new and resolved findings, metric deltas and exception changes.',
  extension: 'txt',
  format: diffTable,
});

function diffTable(view: DiffView, options: FormatOptions): string {
  // A private instance, not global chalk: colour follows the option only, so output is deterministic.
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const width = Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH);
  const header = [
    ...wrap(`${chalk.bold('Changes')} ${sidesText(view)}`, { width, indent: 0 }),
    ...wrapParts(summaryText(view).split(' · '), ' · ', { width, indent: 0 }),
    ...wrap(chalk.dim(orderText(view)), { width, indent: 0 }),
  ];
  const sections = diffSections(view).map((section) => [chalk.bold(`${section.title} (${section.rows.length})`), ...renderTable(chalk, section.head, section.rows)]);
  const blocks = [header, ...(sections.length === 0 ? [['No control, finding, metric or exception changed.']] : sections), warningLines(view.warnings, chalk, width)];
  return `${blocks.filter((block) => block.length > 0).map((block) => block.join('\n')).join('\n\n')}\n`;
}
