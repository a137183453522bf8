import { UserError, type Position } from '../errors.js';
import type { SourceText } from './define-adapter.js';

/** The 1-based line and column of a character offset in `text`; `\n` and `\r\n` both end a line. */
export function positionAt(file: string, text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let newline = text.indexOf('\n'); newline !== -1 && newline < offset; newline = text.indexOf('\n', newline + 1)) {
    line += 1;
    lineStart = newline + 1;
  }
  return { file, line, col: offset - lineStart + 1 };
}

/** Throws when a file holds nothing but whitespace: an interrupted export, not an empty data set. */
export function assertNotEmpty(source: SourceText, expected: string): void {
  if (source.text.trim() !== '') return;
  throw new UserError(`File is empty: expected ${expected}`, {
    position: { file: source.display, line: 1, col: 1 },
    hint: 'The export was probably interrupted; run it again.',
  });
}
