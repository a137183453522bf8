// Text from catalogs and exports in GitHub-flavoured Markdown: it renders as written, never as markup, links,
// HTML, math or a table's column break. The view's text is already inert, so it holds no control characters.

/** A table cell: text, escaped; or a code span, for identifiers (resources, checks, paths) shown exactly. */
export type MarkdownCell = string | { code: string };

/** Characters that are markup anywhere in a line (GitHub adds `~` strikethrough, `$` math and `|` table cells). */
const INLINE_MARKUP = /[\\`*_[\]|~#$]/g;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** What starts a block when it opens a line or a list item: a list marker or leading spaces (an indented code block). */
const BLOCK_START = /^(?:[-+](?=\s|$)|\d{1,9}[.)](?=\s|$)| +)/;

function neutralStart(start: string): string {
  if (start.startsWith(' ')) return '&#32;'.repeat(start.length);
  return `${start.slice(0, -1)}\\${start.slice(-1)}`;
}

/** `text` escaped to render as written inside a line, after other text; line breaks become spaces. */
function inlineText(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[&<>]/g, (char) => ENTITIES[char] ?? char)
    .replace(INLINE_MARKUP, (char) => `\\${char}`);
}

/** `text` escaped to render as written, at the start of a line or anywhere in it; line breaks become spaces. */
export function markdownText(text: string): string {
  return inlineText(text).replace(BLOCK_START, neutralStart);
}

/** `text` as a code span, its fence longer than any run of backticks inside; empty text gives nothing. */
export function markdownCode(text: string): string {
  const flat = text.replace(/\r\n|\r|\n/g, ' ');
  if (flat === '') return '';
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // One space on both sides is stripped when rendered: it keeps a backtick off the fence, and spaces at both ends kept.
  const padded = /^[` ]|[` ]$/.test(flat) && flat.trim() !== '' ? ` ${flat} ` : flat;
  return `${fence}${padded}${fence}`;
}

/** A code span as CommonMark reads one: a run of backticks, closed by a run of the same length. */
const CODE_SPAN = /(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)/;

/** Prose written with `code` in backticks (a check's remediation): the code spans kept, everything else escaped. */
export function markdownProse(text: string): string {
  const parts: string[] = [];
  let rest = text;
  for (let match = CODE_SPAN.exec(rest); match; match = CODE_SPAN.exec(rest)) {
    const before = rest.slice(0, match.index);
    parts.push(parts.length === 0 ? markdownText(before) : inlineText(before), markdownCode((match[2] ?? '').replace(/^ (.*) $/, '$1')));
    rest = rest.slice(match.index + match[0].length);
  }
  parts.push(parts.length === 0 ? markdownText(rest) : inlineText(rest));
  return parts.join('');
}

function cellText(cell: MarkdownCell): string {
  // GitHub splits a table row at every unescaped pipe, inside code spans too.
  return typeof cell === 'string' ? markdownText(cell) : markdownCode(cell.code).replace(/\|/g, '\\|');
}

/** A GitHub table: the head, the alignment row, one line per row; every cell escaped. */
export function markdownTable(head: readonly string[], align: readonly ('left' | 'right')[], rows: readonly (readonly MarkdownCell[])[]): string[] {
  const line = (cells: readonly MarkdownCell[]): string => `| ${cells.map(cellText).join(' | ')} |`;
  return [line(head), `| ${head.map((_, column) => (align[column] === 'right' ? '---:' : '---')).join(' | ')} |`, ...rows.map(line)];
}
