import { defineFormatter } from '../define-formatter.js';
import type { ExceptionsView } from '../../report/exceptions-view.js';
import { asOfText, byUrgency, dataText, exceptionCount, LIST_ALIGN, LIST_HEAD, listCells, statusCounts, TIER_ALIGN, TIER_HEAD, tierCells } from './columns.js';

function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function markdownTable(head: readonly string[], align: readonly ('left' | 'right')[], rows: readonly string[][]): string[] {
  const line = (cells: readonly string[]): string => `| ${cells.map(markdownCell).join(' | ')} |`;
  return [line(head), `| ${align.map((side) => (side === 'right' ? '---:' : '---')).join(' | ')} |`, ...rows.map(line)];
}

export default defineFormatter({
  name: 'markdown',
  view: 'exceptions',
  description: 'A Markdown document to hand over: the same content as the table, plus the catalog\'s warnings.',
  extension: 'md',
  format: exceptionsMarkdown,
});

function exceptionsMarkdown(view: ExceptionsView): string {
  const lines = [
    `# Exceptions: ${markdownCell(view.catalog.name)}`,
    '',
    `Catalog \`${view.catalog.path}\` · as of ${asOfText(view.as_of)} · expiring within ${view.warn_days} days · ${dataText(view)}`,
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
    lines.push('', '## Warnings', '', ...view.warnings.map((warning) => `- ${markdownCell(warning.message)}${warning.hint ? ` (${markdownCell(warning.hint)})` : ''}`));
  }
  return `${lines.join('\n')}\n`;
}
