import { UserError, type Position } from '../../core/errors.js';
import type { SourceText } from '../define-source.js';

/** A 1-based line and column. */
export interface LineCol {
  line: number;
  col: number;
}

const INTERRUPTED_HINT = 'The export was probably interrupted; run it again.';

/** The 1-based line and column of a character offset in `text`; `\n` and `\r\n` both end a line. */
export function lineColAt(text: string, offset: number): LineCol {
  let line = 1;
  let lineStart = 0;
  for (let newline = text.indexOf('\n'); newline !== -1 && newline < offset; newline = text.indexOf('\n', newline + 1)) {
    line += 1;
    lineStart = newline + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

/** The position of a character offset in a file's text. */
export function positionAt(file: string, text: string, offset: number): Position {
  return { file, ...lineColAt(text, offset) };
}

/** Throws when a file holds nothing but whitespace: an interrupted export, not an empty data set. */
export function assertNotEmpty(source: SourceText, expected: string, hint: string = INTERRUPTED_HINT): void {
  if (source.text.trim() !== '') return;
  throw new UserError(`File is empty: expected ${expected}`, {
    position: { file: source.display, line: 1, col: 1 },
    hint,
  });
}
