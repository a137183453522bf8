import type { TrendView } from '../../report/trend.js';
import { defineFormatter } from '../define-formatter.js';
import { markdownTable, markdownText } from '../text/markdown.js';
import { controlSections, orderText, seriesSections, summaryText, windowText } from './columns.js';

export default defineFormatter({
  name: 'markdown',
  view: 'trend',
  description: 'A Markdown document for a job summary or a briefing: the rule, controls per trajectory (each lens oldest → newest, the moves, assurance per run), then the runs, metrics, exception age, detection coverage and catalog changes over time, and the warnings.',
  extension: 'md',
  format: trendMarkdown,
});

function trendMarkdown(view: TrendView): string {
  const lines = ['# controlproof trend', '', markdownText(windowText(view)), '', `**${markdownText(summaryText(view))}**`, '', markdownText(view.rule), '', markdownText(orderText(view))];
  for (const section of [...controlSections(view), ...seriesSections(view)]) {
    lines.push('', `## ${markdownText(section.title)} (${section.rows.length})`, '', ...markdownTable(section.head, section.head.map(() => 'left'), section.rows));
  }
  if (view.warnings.length > 0) {
    lines.push('', '## Warnings', '', ...view.warnings.map((warning) => `- ${markdownText(warning.message)}${warning.hint ? ` (${markdownText(warning.hint)})` : ''}`));
  }
  return `${lines.join('\n')}\n`;
}
