import { defineFormatter } from '../define-formatter.js';
import type { ExceptionsView } from '../../report/exceptions-view.js';
import { markdownCode, markdownTable, markdownText } from '../text/markdown.js';
import { asOfText, byUrgency, dataText, exceptionCount, LIST_ALIGN, LIST_HEAD, listCells, statusCounts, TIER_ALIGN, TIER_HEAD, tierCells } from './columns.js';

export default defineFormatter({
  name: 'markdown',
  view: 'exceptions',
  description: 'A Markdown document to hand over: the same content as the table, plus the catalog\'s warnings.',
  extension: 'md',
  format: exceptionsMarkdown,
});

function exceptionsMarkdown(view: ExceptionsView): string {
  const lines = [
    `# Exceptions: ${markdownText(view.catalog.name)}`,
    '',
    `Catalog ${markdownCode(view.catalog.path)} · as of ${asOfText(view.as_of)} · expiring within ${view.warn_days} days · ${dataText(view)}`,
    '',
    `**${exceptionCount(view)}:** ${statusCounts(view)}`,
  ];
  if (view.exceptions.length > 0) {
    lines.push(
      '',
      ...markdownTable(LIST_HEAD, LIST_ALIGN, byUrgency(view.exceptions).map((exception) => listCells(exception, view.ran_tests))),
      '',
      '## Age by risk tier (days since approval)',
      '',
      ...markdownTable(TIER_HEAD, TIER_ALIGN, view.summary.exception_tiers.map((tier) => tierCells(tier, ''))),
    );
  }
  if (view.warnings.length > 0) {
    lines.push('', '## Warnings', '', ...view.warnings.map((warning) => `- ${markdownText(warning.message)}${warning.hint ? ` (${markdownText(warning.hint)})` : ''}`));
  }
  return `${lines.join('\n')}\n`;
}
