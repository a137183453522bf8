// OSCAL's text types, from plain report strings. Markup fields are Markdown: the data's backslashes, backticks,
// `<` and `&` are escaped, so no escape, code span, raw HTML or entity in an export is live where a GRC tool
// renders it. Lines, strings and tokens have patterns the schema checks.

const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;

/** Plain text as Markdown text: what it says is what a renderer shows. */
export function markup(text: string): string {
  return text.replace(/[\\`<&]/g, (char) => `\\${char}`);
}

/** A markup-line: one non-empty line; `fallback` when the text is blank. */
export function markupLine(text: string, fallback: string): string {
  const line = markup(text.replace(LINE_BREAKS, ' ')).trim();
  return line === '' ? fallback : line;
}

/** A string value (props, names): one line without surrounding whitespace; undefined when nothing is left. */
export function stringValue(text: string): string | undefined {
  const value = text.replace(LINE_BREAKS, ' ').trim();
  return value === '' ? undefined : value;
}

/** A token (an XML NCName): characters it cannot hold become `_`, and it starts with a letter or `_`. */
export function token(text: string): string {
  const safe = text.replace(/[^\p{L}\p{N}._-]/gu, '_');
  return /^[\p{L}_]/u.test(safe) ? safe : `_${safe}`;
}

/** The first instant of a calendar date (`2026-12-31` → `2026-12-31T00:00:00Z`), days later; undefined if it is no date. */
export function dayStart(date: string, days = 0): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const time = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== date) return undefined;
  const instant = new Date(time + days * 86_400_000).toISOString();
  return /^(19|2\d)\d\d-/.test(instant) ? instant.replace('.000Z', 'Z') : undefined;
}

/** A URI reference to a file path as the report names it, each segment percent-encoded. */
export function fileHref(filePath: string): string {
  return filePath.split('/').map(encodeURIComponent).join('/');
}
