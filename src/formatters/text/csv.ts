// CSV as RFC 4180 writes it and spreadsheets open it: CRLF rows, quoted fields, and cells that cannot run as formulas.

/**
 * Leading characters a spreadsheet reads as the start of a formula (OWASP, CSV injection): `=`, `+`, `-`, `@`, tab,
 * CR and LF, and the full-width forms of the first four, which some spreadsheets accept too.
 */
const FORMULA_START = /^[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;

/** Byte order mark: Excel reads a CSV as UTF-8 only when it starts with one. */
export const UTF8_BOM = '\ufeff';

/**
 * One cell: a formula-like text prefixed with `'`, then quoted when it holds a quote, a comma or a line break. A number
 * (one the formatter computed, never data) is written as it is, so a negative count stays a number.
 */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const neutral = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(neutral) ? `"${neutral.replace(/"/g, '""')}"` : neutral;
}

/** The header and the rows, each line ended by CRLF, after a byte order mark. */
export function csvDocument(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return UTF8_BOM + [head, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
