// Bytes to text for every input: UTF-8 (with or without a BOM), UTF-16 by its BOM (what PowerShell's `>` writes);
// anything else is refused, naming what it is, rather than read as replacement characters.
import { isUtf8 } from 'node:buffer';
import { UserError } from '../../core/errors.js';
import { lineColAt } from '../formats/text.js';

const CONVERT_HINT = 'Save it as UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8`, or `Out-File -Encoding utf8` in PowerShell) and run again.';

/** A file's text, without its byte order mark: UTF-8, or UTF-16 marked by one. Invalid UTF-8 is an error at its byte. */
export function decodeText(bytes: Buffer, file: string): string {
  const encoding = unicodeEncodingOf(bytes);
  if (encoding === 'UTF-32LE' || encoding === 'UTF-32BE') {
    throw new UserError(`The file is ${encoding} text, which controlproof does not read`, { position: { file, line: 1, col: 1 }, hint: CONVERT_HINT });
  }
  if (encoding === 'UTF-16LE' || encoding === 'UTF-16BE') return decodeUtf16(bytes.subarray(2), encoding, file);
  const body = encoding === 'UTF-8' ? bytes.subarray(3) : bytes;
  if (looksLikeUtf16(body)) {
    throw new UserError('The file looks like UTF-16 text without a byte order mark', { position: { file, line: 1, col: 1 }, hint: CONVERT_HINT });
  }
  const text = toText(body, 'utf8', file);
  // Decoding replaces each ill-formed sequence with U+FFFD. Validating every file first would cost the log audit a few
  // percent; a text without U+FFFD (most are one-byte strings, searched at once) cannot have had one.
  if (text.includes(REPLACEMENT_CHARACTER) && !isUtf8(body)) throw invalidUtf8(body, file, encoding === 'UTF-8' ? 3 : 0);
  return text;
}

const REPLACEMENT_CHARACTER = '\uFFFD';

type UnicodeEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'UTF-32LE' | 'UTF-32BE';

/** The encoding a byte order mark announces; UTF-32LE's mark starts like UTF-16LE's, so it is tested first. */
function unicodeEncodingOf(bytes: Buffer): UnicodeEncoding | undefined {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return 'UTF-32LE';
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return 'UTF-32BE';
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return 'UTF-8';
  if (b0 === 0xff && b1 === 0xfe) return 'UTF-16LE';
  if (b0 === 0xfe && b1 === 0xff) return 'UTF-16BE';
  return undefined;
}

function decodeUtf16(body: Buffer, encoding: 'UTF-16LE' | 'UTF-16BE', file: string): string {
  if (body.length % 2 !== 0) {
    throw new UserError(`The file is ${encoding} text with an odd number of bytes: it was cut short`, { position: { file }, hint: 'Export it again.' });
  }
  // swap16 works in place: on a copy, so the bytes the report hashed stay as they are.
  const littleEndian = encoding === 'UTF-16LE' ? body : Buffer.from(body).swap16();
  return toText(littleEndian, 'utf16le', file);
}

/** `"{\0"` or `"\0{"`: ASCII written as UTF-16 without a mark, which is valid UTF-8 full of NULs. */
function looksLikeUtf16(bytes: Buffer): boolean {
  if (bytes.length < 4) return false;
  return (bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0) || (bytes[0] === 0 && bytes[2] === 0 && bytes[1] !== 0);
}

function toText(bytes: Buffer, encoding: 'utf8' | 'utf16le', file: string): string {
  try {
    return bytes.toString(encoding);
  } catch (cause) {
    // V8 strings hold at most about 2^29 characters.
    throw new UserError('The file is too large to read as text', { position: { file }, hint: 'Split the export into smaller files.', cause });
  }
}

function invalidUtf8(bytes: Buffer, file: string, skipped: number): UserError {
  const offset = firstInvalidUtf8(bytes);
  const before = bytes.subarray(0, offset).toString('utf8');
  const { line, col } = lineColAt(before, before.length);
  const byte = bytes[offset] ?? 0;
  return new UserError(`Invalid UTF-8 at byte ${offset + skipped} (0x${byte.toString(16).padStart(2, '0')}): the file is not UTF-8 text`, {
    position: { file, line, col },
    hint: 'Convert it to UTF-8 (e.g. `iconv -f LATIN1 -t UTF-8` for Latin-1 text) and run again.',
  });
}

/** The offset where the first ill-formed UTF-8 sequence (RFC 3629) starts, or the length when there is none. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) return index;
    for (let next = 1; next < length; next += 1) {
      const byte = bytes[index + next];
      if (byte === undefined) return index;
      const [low, high] = next === 1 ? secondByteRange(lead) : [0x80, 0xbf];
      if (byte < low || byte > high) return index;
    }
    index += length;
  }
  return bytes.length;
}

/** The second byte's range, narrower after E0, ED, F0 and F4 (no overlongs, no surrogates, nothing past U+10FFFF). */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}
