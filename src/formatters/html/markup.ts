// HTML built from templates whose interpolated values are escaped unless they are markup built the same way:
// text from a catalog or an export can never become a tag, an attribute or a script.

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` as HTML text or a quoted attribute value: `& < > " '` escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** Markup made by `html` (so everything in it was escaped) or by `trusted` from a constant of the code. */
export class Markup {
  readonly #text: string;
  constructor(text: string) {
    this.#text = text;
  }
  toString(): string {
    return this.#text;
  }
}

/** What a template takes: markup as it is, text and numbers escaped, lists joined, `false`, null and undefined as nothing. */
export type Content = Markup | string | number | false | null | undefined | readonly Content[];

/** The HTML of `content`. */
export function render(content: Content): string {
  if (content instanceof Markup) return content.toString();
  if (Array.isArray(content)) return content.map(render).join('');
  if (typeof content === 'string') return escapeHtml(content);
  if (typeof content === 'number') return String(content);
  return '';
}

/** A template of markup: `html\`<td>${text}</td>\`` escapes `text`; attribute values in the template must be quoted. */
export function html(strings: TemplateStringsArray, ...values: readonly Content[]): Markup {
  return new Markup(strings.reduce((out, part, index) => out + part + (index < values.length ? render(values[index]) : ''), ''));
}

/** A constant of the code (a stylesheet, a script) used as markup; never data. */
export function trusted(text: string): Markup {
  return new Markup(text);
}
