import { UserError, type Position } from '../../../core/errors.js';
import type { SourceText } from '../../../kit/define-source.js';
import { parseCsv } from '../../../kit/formats/csv.js';

/** One data row of an HR CSV: its cells by column name, and where each cell is. */
export interface CsvRow {
  /** The cell of `column`, trimmed; empty when the column is absent. */
  cell(column: string): string;
  positionOf(column: string): Position;
}

/** A CSV export's rows; every one of `required` must be a header column. */
export function csvRows(file: SourceText, required: readonly { column: string; param: string }[], hint: string): CsvRow[] {
  const table = parseCsv(file);
  const missing = required.find(({ column }) => !table.header.includes(column));
  if (missing) {
    throw new UserError(`Expected a column "${missing.column}" (${missing.param}), found ${table.header.map((name) => `"${name}"`).join(', ') || 'no columns'}`, {
      position: table.positionOf('header', ''),
      hint,
    });
  }
  return table.rows.map((cells, index) => ({
    cell: (column) => (Object.hasOwn(cells, column) ? (cells[column] ?? '').trim() : ''),
    positionOf: (column) => table.positionOf(index, column),
  }));
}
