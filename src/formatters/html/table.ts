// Tables of the HTML reports: a caption, a head with scoped header cells, numbers right-aligned.
import { html, type Content, type Markup } from './markup.js';

/** A column's title; numeric columns are right-aligned in tabular figures, nowrap ones (dates, ids) never break. */
export interface Column {
  title: string;
  numeric?: boolean;
  nowrap?: boolean;
}

/** A column of text, or one of numbers when written as `{ title, numeric: true }`. */
export type ColumnSpec = string | Column;

const columnOf = (spec: ColumnSpec): Column => (typeof spec === 'string' ? { title: spec } : spec);

/** A header cell, or `{ header }` for a row's first cell that names it. */
export type Cell = Content | { header: Content };

function cellMarkup(cell: Cell, column: Column | undefined): Markup {
  if (cell !== null && typeof cell === 'object' && 'header' in cell) return html`<th scope="row">${cell.header}</th>`;
  if (column?.numeric) return html`<td class="num">${cell}</td>`;
  return column?.nowrap ? html`<td class="nowrap">${cell}</td>` : html`<td>${cell}</td>`;
}

/** A row's cells as markup, each aligned as its column says. */
export function rowCells(cells: readonly Cell[], columns: readonly ColumnSpec[]): Markup[] {
  return cells.map((cell, index) => {
    const spec = columns[index];
    return cellMarkup(cell, spec === undefined ? undefined : columnOf(spec));
  });
}

/** The `<thead>` of `columns`. */
export function tableHead(columns: readonly ColumnSpec[]): Markup {
  return html`<thead><tr>${columns.map(columnOf).map((column) => (column.numeric ? html`<th scope="col" class="num">${column.title}</th>` : html`<th scope="col">${column.title}</th>`))}</tr></thead>`;
}

/** A whole table with its caption. */
export function dataTable(options: { caption: Content; columns: readonly ColumnSpec[]; rows: readonly (readonly Cell[])[]; className?: string }): Markup {
  const rows = options.rows.map((cells) => html`<tr>${rowCells(cells, options.columns)}</tr>`);
  return html`<table class="${options.className ?? ''}"><caption>${options.caption}</caption>${tableHead(options.columns)}<tbody>${rows}</tbody></table>`;
}
