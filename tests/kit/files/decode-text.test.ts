import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, firstInvalidUtf8 } from '../../../src/kit/files/decode-text.js';
import { thrownUserError } from '../../support/errors.js';

const FILE = '/exports/users.json';

describe('decodeText', () => {
  it('reads UTF-8 with or without a BOM, and UTF-16 in either byte order by its BOM', () => {
    const text = '{"name": "Zoë 🦊"}\n';
    expect(decodeText(Buffer.from(text), FILE)).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), FILE)).toBe(text);
    const utf16 = Buffer.from(text, 'utf16le');
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16]), FILE)).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(utf16).swap16()]), FILE)).toBe(text);
  });

  it('refuses UTF-32 naming it, and UTF-16 without a BOM or cut short', () => {
    const utf32 = thrownUserError(() => decodeText(Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]), FILE));
    expect([utf32.located, utf32.hint]).toEqual([
      `${FILE}:1:1: The file is UTF-32LE text, which controlproof does not read`,
      'Save it as UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8`, or `Out-File -Encoding utf8` in PowerShell) and run again.',
    ]);
    expect(thrownUserError(() => decodeText(Buffer.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x7b]), FILE)).message).toBe('The file is UTF-32BE text, which controlproof does not read');
    expect(thrownUserError(() => decodeText(Buffer.from('{"a": 1}', 'utf16le'), FILE)).message).toBe('The file looks like UTF-16 text without a byte order mark');
    expect(thrownUserError(() => decodeText(Buffer.from([0xff, 0xfe, 0x7b, 0, 0x7d]), FILE)).message).toBe('The file is UTF-16LE text with an odd number of bytes: it was cut short');
  });

  it('names the byte offset, line and column of invalid UTF-8 instead of reading U+FFFD', () => {
    // "café" in Latin-1 on the second line: 0xE9 followed by a newline.
    const latin1 = Buffer.concat([Buffer.from('name\ncaf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const error = thrownUserError(() => decodeText(latin1, FILE));
    expect(error.located).toBe(`${FILE}:2:4: Invalid UTF-8 at byte 8 (0xe9): the file is not UTF-8 text`);
    expect(error.hint).toBe('Convert it to UTF-8 (e.g. `iconv -f LATIN1 -t UTF-8` for Latin-1 text) and run again.');
    // After a BOM the offset still counts from the file's first byte.
    expect(thrownUserError(() => decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0xff]), FILE)).message).toBe('Invalid UTF-8 at byte 4 (0xff): the file is not UTF-8 text');
  });

  it('reads a real U+FFFD as text, and still finds invalid UTF-8 in a file that also holds one', () => {
    const text = '{"note": "replaced \uFFFD here"}';
    expect(decodeText(Buffer.from(text), FILE)).toBe(text);
    const both = Buffer.concat([Buffer.from('"\uFFFD" '), Buffer.from([0xc0, 0x80])]);
    expect(thrownUserError(() => decodeText(both, FILE)).message).toBe('Invalid UTF-8 at byte 6 (0xc0): the file is not UTF-8 text');
  });

  it('finds the first invalid byte exactly where the WHATWG decoder would fail', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true });
    const valid = (bytes: Uint8Array): boolean => {
      try {
        fatal.decode(bytes);
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const offset = firstInvalidUtf8(bytes);
        expect(offset === bytes.length).toBe(valid(bytes));
        if (offset < bytes.length) expect(valid(bytes.subarray(0, offset))).toBe(true);
      }),
      { seed: 20261202, numRuns: Number(process.env.CONTROLPROOF_FUZZ_RUNS ?? 2000) },
    );
  });
});
