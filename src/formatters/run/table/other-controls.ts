// The table of assured controls, one row each, with the title column sized to fit the width.
import type Table from 'cli-table3';
import type { Report } from '../../../report/model.js';
import { needsAttention } from './attention.js';
import type { TableContext } from './context.js';
import { COLUMN_GAP, OWNER_MAX_WIDTH, ownerCell, renderTable, sum, TABLE_INDENT } from '../../text/layout.js';

const TITLE_MIN_WIDTH = 18;
const HEAD = ['id', 'title', 'owner', 'risk', 'function'];

/** The controls not shown in the attention part, as a table; nothing when there are none. */
export function otherControlsLines(report: Report, { chalk, width }: TableContext): string[] {
  const controls = report.controls.filter((control) => !needsAttention(control));
  if (controls.length === 0) return [];
  const texts = controls.map((control) => [control.id, control.title, ownerCell(control.owner), control.risk, control.function]);
  const widths = HEAD.map((title, column) =>
    Math.max(title.length, ...texts.flatMap((row) => (row[column] ?? '').split('\n').map((line) => line.length))),
  );
  const owner = Math.min(widths[2] ?? 0, OWNER_MAX_WIDTH);
  const others = sum(widths) - (widths[1] ?? 0) - (widths[2] ?? 0) + owner;
  const room = width - TABLE_INDENT.length - others - COLUMN_GAP.length * (HEAD.length - 1);
  const title = Math.max(TITLE_MIN_WIDTH, Math.min(widths[1] ?? 0, room));
  const rows = texts.map((row): Table.Cell[] =>
    // An owner without spaces (an e-mail local part) breaks between characters rather than being cut off.
    row.map((text, column) => (column === 2 ? { content: text, wrapOnWordBoundary: text.includes(' ') } : text)),
  );
  return [
    `${chalk.bold(`Assured (${controls.length})`)}: evidenced and effective`,
    ...renderTable(chalk, HEAD, rows, { widths: [widths[0] ?? 0, title, owner, ...widths.slice(3)] }),
  ];
}
