import { CsvError, parse } from 'csv-parse/sync';
import { UserError, type Position } from '../../core/errors.js';
import { stripBom, type SourceText } from '../files/read-file.js';
import { splitPlainCsv, type RowReader } from './csv-split.js';
import { assertNotEmpty, positionAt } from './text.js';

/** A parsed CSV file: its header, its rows keyed by header name, and where each cell is. */
export interface CsvTable {
  header: readonly string[];
  rows: Record<string, string>[];
  /** Where a cell starts; `row` indexes `rows`. An unknown column gives the start of the row. */
  positionOf(row: number | 'header', column: string): Position;
}

/** Where one record and each of its fields start (character offsets), for error positions only. */
interface RecordSpan {
  start: number;
  fieldStarts: number[];
  /** Just past the record's last character, before its line break. */
  end: number;
  /** A quote that is never closed; only the last record can have one. */
  openQuote: number | undefined;
}

const QUOTING_HINT = 'Quote a field that holds commas, quotes or line breaks, and double each quote inside it: "Jo ""JJ"" Ng".';

/**
 * Parses RFC 4180 CSV (quoted fields, CRLF, a UTF-8 BOM) with csv-parse, header row first.
 * Ragged rows, bad quoting and duplicate column names become a `UserError` at file:line:col.
 */
export function parseCsv(source: SourceText): CsvTable {
  assertNotEmpty(source, 'a CSV header row');
  const text = stripBom(source.text);
  let spans: RecordSpan[] | undefined;
  const recordSpans = (): RecordSpan[] => (spans ??= scanRecords(text));
  const at = (offset: number): Position => positionAt(source.display, text, offset);
  let header: string[] = [];
  const positionOf = (row: number | 'header', column: string): Position => {
    const span = recordSpans()[row === 'header' ? 0 : row + 1];
    return at(span?.fieldStarts[header.indexOf(column)] ?? span?.start ?? 0);
  };
  const acceptHeader = (names: string[]): string[] => {
    const duplicate = names.findIndex((name, index) => names.indexOf(name) !== index);
    if (duplicate !== -1) {
      throw new UserError(`Expected unique column names, found "${names[duplicate] ?? ''}" twice in the header`, {
        position: at(recordSpans()[0]?.fieldStarts[duplicate] ?? 0),
        hint: 'Rename or remove one of the two columns: rows are keyed by column name.',
      });
    }
    header = names;
    return names;
  };
  const plain = splitPlainCsv(source, plainRowsOf(acceptHeader));
  if (plain) return { header, rows: plain, positionOf };
  try {
    const rows = parse<Record<string, string>>(text, {
      columns: acceptHeader,
      bom: true,
      relax_column_count: false,
      skip_empty_lines: true,
    });
    return { header, rows, positionOf };
  } catch (error) {
    throw error instanceof CsvError ? fromCsvError(error, { at, spans: recordSpans(), text, columns: header.length }) : error;
  }
}

/** Rows keyed by column name for `splitPlainCsv`; a header csv-parse must judge (an empty or `__proto__` name) is declined. */
function plainRowsOf(acceptHeader: (names: string[]) => string[]): (names: readonly string[]) => RowReader<Record<string, string>> | undefined {
  return (names) => {
    if (names.some((name) => name === '' || name === '__proto__')) return undefined;
    const header = acceptHeader([...names]);
    return (cells) => {
      const row: Record<string, string> = {};
      for (let column = 0; column < cells.length; column++) row[header[column] ?? ''] = cells[column] ?? '';
      return row;
    };
  };
}

interface ErrorContext {
  at: (offset: number) => Position;
  spans: readonly RecordSpan[];
  text: string;
  columns: number;
}

/** Points a csv-parse error at the character where the problem is, using its record and field counters. */
function fromCsvError(error: CsvError, { at, spans, text, columns }: ErrorContext): UserError {
  const recordIndex = error.header === true ? 0 : counter(error.records) + 1;
  const span = spans[recordIndex] ?? spans.at(-1);
  const fieldIndex = counter(error.index);
  const fieldStart = span?.fieldStarts[fieldIndex] ?? span?.start ?? 0;
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_COLUMNS': {
      const extraField = fieldIndex > columns ? span?.fieldStarts[columns] : undefined;
      return new UserError(`Expected ${columns} fields as in the header, found ${fieldIndex}`, {
        position: at(extraField ?? span?.end ?? 0),
        hint: `Every row needs one value per header column. ${QUOTING_HINT}`,
        cause: error,
      });
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return new UserError('Expected a closing quote for the field opened here, found the end of the file', {
        position: at(spans.at(-1)?.openQuote ?? fieldStart),
        hint: QUOTING_HINT,
        cause: error,
      });
    case 'INVALID_OPENING_QUOTE':
      return new UserError('Unexpected quote inside an unquoted field', {
        position: at(Math.max(text.indexOf('"', fieldStart), fieldStart)),
        hint: QUOTING_HINT,
        cause: error,
      });
    case 'CSV_INVALID_CLOSING_QUOTE': {
      const after = afterClosingQuote(text, fieldStart);
      return new UserError(`Expected a comma or line end after the closing quote, found "${text.charAt(after)}"`, {
        position: at(after),
        hint: QUOTING_HINT,
        cause: error,
      });
    }
    default:
      return new UserError(`Invalid CSV: ${error.message}`, { position: at(span?.start ?? 0), hint: QUOTING_HINT, cause: error });
  }
}

function counter(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

/**
 * Splits RFC 4180 text into records and fields by offset, skipping empty lines as the parser is told to.
 * csv-parse reports record and field counters, not character offsets; this maps one to the other.
 */
function scanRecords(text: string): RecordSpan[] {
  const spans: RecordSpan[] = [];
  let start = 0;
  let fieldStarts = [0];
  let openQuote: number | undefined;
  const finish = (end: number): void => {
    if (end > start || openQuote !== undefined) spans.push({ start, fieldStarts, end, openQuote });
  };
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (openQuote !== undefined) {
      if (char !== '"') continue;
      if (text[index + 1] === '"') index += 1;
      else openQuote = undefined;
    } else if (char === '"' && index === fieldStarts.at(-1)) {
      openQuote = index;
    } else if (char === ',') {
      fieldStarts.push(index + 1);
    } else if (char === '\n') {
      finish(text[index - 1] === '\r' ? index - 1 : index);
      start = index + 1;
      fieldStarts = [start];
    }
  }
  finish(text.length);
  return spans;
}

/** The offset just past the quote that closes the quoted field starting at `quote` ("" is an escaped quote). */
function afterClosingQuote(text: string, quote: number): number {
  for (let index = quote + 1; index < text.length; index += 1) {
    if (text[index] !== '"') continue;
    if (text[index + 1] !== '"') return index + 1;
    index += 1;
  }
  return text.length;
}
