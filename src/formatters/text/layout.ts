// Text layout for the terminal report: width-aware wrapping and borderless tables (the view's text is already inert).
import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';

export { DEFAULT_WIDTH, MIN_WIDTH } from './widths.js';
/** Space between table columns. */
export const COLUMN_GAP = '  ';
/** Indent of every table line. */
export const TABLE_INDENT = '  ';
/** Width above which an e-mail owner breaks before its domain. */
export const OWNER_MAX_WIDTH = 20;

const BORDERLESS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '',
  middle: COLUMN_GAP,
};

const ANSI_ESCAPE = /\x1b\[[0-9;]*m/g;
/** `1 finding`, `3 findings`. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** The total of `values`, 0 when there are none. */
export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** The length of `text` as the terminal shows it, without colour codes. */
export function visibleLength(text: string): number {
  return text.replace(ANSI_ESCAPE, '').length;
}

/** Where wrapped text goes: the line width, the first line's indent and how much further continuation lines hang. */
export interface WrapLayout {
  width: number;
  indent: number;
  hang?: number;
}

/**
 * Joins `parts` with `joiner`, breaking lines only between parts to stay within `width`: the first line is
 * indented by `indent`, continuation lines by `indent + hang` (default 2). A part wider than a line stays whole
 * on a line of its own, so an ARN or a resource id is never broken.
 */
export function wrapParts(parts: readonly string[], joiner: string, { width, indent, hang = 2 }: WrapLayout): string[] {
  const lines: string[] = [];
  let line = ' '.repeat(indent);
  parts.forEach((part, index) => {
    if (index > 0 && visibleLength(line) + visibleLength(joiner) + visibleLength(part) > width) {
      lines.push(line.trimEnd());
      line = ' '.repeat(indent + hang) + part;
    } else {
      line += (index > 0 ? joiner : '') + part;
    }
  });
  lines.push(line.trimEnd());
  return lines;
}

/** Word-wraps `text` at its spaces only (see wrapParts). */
export function wrap(text: string, layout: WrapLayout): string[] {
  return wrapParts(text.split(' '), ' ', layout);
}

/** A borderless table with bold titles, indented by TABLE_INDENT, as lines without trailing spaces. */
export function renderTable(
  chalk: ChalkInstance,
  head: readonly string[],
  rows: Table.Cell[][],
  layout: { align?: readonly Table.HorizontalAlignment[]; widths?: number[] } = {},
): string[] {
  const table = new Table({
    head: head.map((title) => chalk.bold(title)),
    chars: BORDERLESS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    colAligns: [...(layout.align ?? [])],
    colWidths: layout.widths ?? [],
    wordWrap: true,
  });
  table.push(...rows);
  return table
    .toString()
    .split('\n')
    .map((line) => `${TABLE_INDENT}${line}`.trimEnd());
}

/** Long e-mail owners break before the domain rather than mid-word. */
export function ownerCell(owner: string): string {
  const at = owner.indexOf('@');
  return owner.length > OWNER_MAX_WIDTH && at > 0 ? `${owner.slice(0, at)}\n${owner.slice(at)}` : owner;
}
