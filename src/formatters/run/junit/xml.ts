// XML 1.0 text and attributes, written by hand: markup characters become entities, and characters XML 1.0 cannot
// hold (C0 controls but tab and line breaks, lone surrogates, U+FFFE and U+FFFF) are shown as escapes such as
// `\x1b`, with DEL, C1 and the bidi controls that would reorder what a CI page shows.
import { escaped } from '../../text/inert.js';

const NOT_SHOWN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const TEXT_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
// In attributes a parser turns line breaks and tabs into spaces, so they are written as character references.
const ATTRIBUTE_ENTITIES: Readonly<Record<string, string>> = { ...TEXT_ENTITIES, '"': '&quot;', "'": '&apos;', '\n': '&#10;', '\t': '&#9;' };

function shown(text: string): string {
  return text.replace(NOT_SHOWN, escaped);
}

/** `text` as element content: every character kept, or shown as an escape when XML cannot hold it. */
export function xmlText(text: string): string {
  return shown(text).replace(/[&<>\r]/g, (char) => TEXT_ENTITIES[char] ?? char);
}

/** `text` as a double-quoted attribute value that a parser reads back exactly, line breaks included. */
export function xmlAttribute(text: string): string {
  return shown(text).replace(/[&<>"'\r\n\t]/g, (char) => ATTRIBUTE_ENTITIES[char] ?? char);
}

export type Attributes = readonly (readonly [string, string | number])[];

/** `<name a="1">children</name>`, or `<name a="1"/>` without children; attributes in the order given. */
export function element(name: string, attributes: Attributes, children?: string): string {
  const written = attributes.map(([key, value]) => ` ${key}="${xmlAttribute(String(value))}"`).join('');
  return children === undefined ? `<${name}${written}/>` : `<${name}${written}>${children}</${name}>`;
}
