import { parse } from 'csv-parse/sync';
import { stripBom, type SourceText } from '../files/read-file.js';

/** Turns one row's cells (in header order) into a record; may throw to give up on the fast path. */
export type RowReader<T> = (cells: readonly string[]) => T;

/**
 * The fast path of `parseCsv` for large, plain exports: splits lines and cells with `indexOf` and `split`, hands a
 * line with a quote to csv-parse alone, and turns each row into a record as soon as it is split (no table of cells is
 * ever held). `rowsOf` sees the header and returns how to read a row, or undefined to decline the file. The result is
 * exactly what reading `parseCsv`'s rows would give, or undefined whenever the split cannot vouch for that (a quoted
 * field spanning lines, a ragged row, a bare `\r`, a duplicate column): the caller then runs `parseCsv`, whose errors
 * carry the positions. Cells carry no positions: a caller that finds a bad cell runs `parseCsv` too.
 */
export function splitPlainCsv<T>(source: SourceText, rowsOf: (header: readonly string[]) => RowReader<T> | undefined): T[] | undefined {
  const text = stripBom(source.text);
  const firstBreak = text.indexOf('\n');
  const crlf = firstBreak > 0 && text.charCodeAt(firstBreak - 1) === 13;
  // csv-parse takes the first line break it meets as the record delimiter: a bare \n after CRLF is data, and so is \r.
  if (!crlf && text.includes('\r')) return undefined;
  const breakLength = crlf ? 2 : 1;
  /** Where the line from `start` ends, before its line break; -1 for a bare \n in a CRLF file. */
  const lineEnd = (start: number): number => {
    const end = text.indexOf('\n', start);
    if (end === -1) return text.length;
    if (!crlf) return end;
    return end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : -1;
  };
  const headerEnd = lineEnd(0);
  // csv-parse skips empty lines before the header too: left to it.
  const header = headerEnd === 0 ? undefined : splitLine(text.slice(0, headerEnd), crlf, undefined);
  if (header === undefined || new Set(header).size !== header.length) return undefined;
  const readRow = rowsOf(header);
  if (!readRow) return undefined;
  const records: T[] = [];
  for (let start = headerEnd + breakLength; start < text.length; ) {
    const end = lineEnd(start);
    if (end === -1) return undefined;
    if (end > start) {
      const cells = splitLine(text.slice(start, end), crlf, header.length);
      if (cells === undefined) return undefined;
      records.push(readRow(cells));
    }
    start = end + breakLength;
  }
  return records;
}

/** One line's cells; undefined for a line the fast path does not vouch for. */
function splitLine(line: string, crlf: boolean, columns: number | undefined): string[] | undefined {
  if (crlf && (line.includes('\r') || line.includes('\n'))) return undefined;
  const cells = line.includes('"') ? quotedCells(line) : line.split(',');
  if (cells === undefined || (columns !== undefined && cells.length !== columns)) return undefined;
  return cells;
}

/** A line with quotes, read by csv-parse on its own: one whole record, or undefined (an error, a field spanning lines). */
function quotedCells(line: string): string[] | undefined {
  try {
    const records: string[][] = parse(line, { relax_column_count: false, skip_empty_lines: true });
    return records.length === 1 ? records[0] : undefined;
  } catch {
    return undefined;
  }
}
