// The table of controls that need no action, one row each, with the title column sized to fit the width.
import type { ChalkInstance } from 'chalk';
import type Table from 'cli-table3';
import type { Report } from '../../../report/model.js';
import { needsAttention } from './attention.js';
import { COLUMN_GAP, MAX_WIDTH, OWNER_MAX_WIDTH, ownerCell, renderTable, sum, TABLE_INDENT } from '../../text/layout.js';
import { verdict } from '../../text/tones.js';

const TITLE_MIN_WIDTH = 18;

/** The controls not shown in the attention sections, as a table; nothing when there are none. */
export function otherControlsLines(report: Report, chalk: ChalkInstance): string[] {
  const controls = report.controls.filter((control) => !needsAttention(control));
  if (controls.length === 0) return [];
  const head = ['id', 'title', 'owner', 'risk', 'function', 'exists', 'works', 'assurance'];
  const texts = controls.map((control) => [
    control.id,
    control.title,
    ownerCell(control.owner),
    control.risk,
    control.function,
    control.exists,
    control.works,
    control.assurance,
  ]);
  const widths = head.map((title, column) =>
    Math.max(title.length, ...texts.flatMap((row) => (row[column] ?? '').split('\n').map((line) => line.length))),
  );
  const owner = Math.min(widths[2] ?? 0, OWNER_MAX_WIDTH);
  const others = sum(widths) - (widths[1] ?? 0) - (widths[2] ?? 0) + owner;
  const title = Math.max(TITLE_MIN_WIDTH, Math.min(widths[1] ?? 0, MAX_WIDTH - TABLE_INDENT.length - others - COLUMN_GAP.length * 7));
  const rows = texts.map((row): Table.Cell[] =>
    row.map((text, column) => {
      // An owner without spaces (an e-mail local part) breaks between characters rather than being cut off.
      if (column === 2) return { content: text, wrapOnWordBoundary: text.includes(' ') };
      return column >= 5 ? verdict(chalk, text) : text;
    }),
  );
  return [
    chalk.bold(`Other controls (${controls.length})`),
    ...renderTable(chalk, head, rows, { widths: [widths[0] ?? 0, title, owner, ...widths.slice(3)] }),
  ];
}
