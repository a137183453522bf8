// Text from catalogs and exports reaches terminals: its control characters, escape sequences and bidi controls
// are shown as escapes, never obeyed.

/** C0 (newline and tab included), DEL, C1, and the Unicode controls that reorder or break lines: bidi marks, embeddings, overrides, isolates. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One character as the escape that shows it: `\n`, `\x1b`, `\u202e`. */
export function escaped(char: string): string {
  const code = char.charCodeAt(0);
  return SHORT_ESCAPES[char] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** `text` safe to print: `\x1b`, `\u202e`, `\n` shown as those escapes; everything else, backslashes included, unchanged. */
export function inert(text: string): string {
  return text.replace(UNSAFE, escaped);
}

/** `value` rebuilt with every string in it, keys of objects included, made inert; numbers, booleans and null are kept. */
export function inertView<V>(value: V): V;
export function inertView(value: unknown): unknown {
  if (typeof value === 'string') return inert(value);
  if (Array.isArray(value)) return value.map((item) => inertView(item));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [inert(key), inertView(item)]));
  return value;
}
