import type { DiffView } from '../../report/diff.js';
import { defineFormatter } from '../define-formatter.js';
import { markdownTable, markdownText } from '../text/markdown.js';
import { diffSections, orderText, sidesText, summaryText } from './columns.js';

export default defineFormatter({
  name: 'markdown',
  view: 'diff',
  description: 'A Markdown document for a pull request comment or a job summary: the same sections as the table, plus the warnings.',
  extension: 'md',
  format: diffMarkdown,
});

function diffMarkdown(view: DiffView): string {
  const lines = ['# controlproof diff', '', markdownText(sidesText(view)), '', `**${markdownText(summaryText(view))}**`, '', markdownText(orderText(view))];
  const sections = diffSections(view);
  if (sections.length === 0) lines.push('', 'No control, finding, metric or exception changed.');
  for (const section of sections) {
    lines.push('', `## ${markdownText(section.title)} (${section.rows.length})`, '', ...markdownTable(section.head, section.head.map(() => 'left'), section.rows));
  }
  if (view.warnings.length > 0) {
    lines.push('', '## Warnings', '', ...view.warnings.map((warning) => `- ${markdownText(warning.message)}${warning.hint ? ` (${markdownText(warning.hint)})` : ''}`));
  }
  return `${lines.join('\n')}\n`;
}
