import { Chalk } from 'chalk';
import type { TrendView } from '../../report/trend.js';
import { defineFormatter, type FormatOptions } from '../define-formatter.js';
import { DEFAULT_WIDTH, MIN_WIDTH, renderTable, wrap, wrapParts } from '../text/layout.js';
import { warningLines } from '../text/warnings.js';
import { controlSections, orderText, seriesSections, summaryText, windowText } from './columns.js';

export default defineFormatter({
  name: 'table',
  view: 'trend',
  description: 'Terminal text: the window and counts per trajectory, the rule, controls deteriorating first (each lens oldest → newest and its moves), then runs, metrics, exception age, detection coverage and catalog changes over time.',
  extension: 'txt',
  format: trendTable,
});

function trendTable(view: TrendView, options: FormatOptions): string {
  // A private instance, not global chalk: colour follows the option only, so output is deterministic.
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const width = Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH);
  const header = [
    ...wrap(`${chalk.bold('Trend')} ${windowText(view)}`, { width, indent: 0 }),
    ...wrapParts(summaryText(view).split(' · '), ' · ', { width, indent: 0 }),
    ...wrap(chalk.dim(view.rule), { width, indent: 0 }),
    ...wrap(chalk.dim(orderText(view)), { width, indent: 0 }),
  ];
  const sections = [...controlSections(view), ...seriesSections(view)].map((section) => [chalk.bold(`${section.title} (${section.rows.length})`), ...renderTable(chalk, section.head, section.rows)]);
  const blocks = [header, ...sections, warningLines(view.warnings, chalk, width)];
  return `${blocks.filter((block) => block.length > 0).map((block) => block.join('\n')).join('\n\n')}\n`;
}
