import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { isGzip, ReadBudget, relativeTo, readExportFile, readExportFileSync, stripBom } from '../../../src/kit/files/read-file.js';
import { rejectedUserError, thrownUserError } from '../../support/errors.js';

const dir = mkdtempSync(path.join(tmpdir(), 'controlproof-read-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}


const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

describe('readExportFile', () => {
  it('reads plain text and hashes the raw bytes', async () => {
    const file = write('plain.txt', 'abc');
    const { info, text } = await readExportFile(file);
    expect(text).toEqual({ display: file, text: 'abc', path: 'plain.txt' });
    expect(info).toEqual({ path: 'plain.txt', bytes: 3, sha256: ABC_SHA256 });
  });

  it('gunzips by magic bytes even without a .gz suffix, hashing the compressed bytes', async () => {
    const compressed = gzipSync('{"Records": []}\n');
    const file = write('cloudtrail-export.json', compressed);
    const { info, text } = await readExportFile(file);
    expect(text.text).toBe('{"Records": []}\n');
    expect(info.bytes).toBe(compressed.length);
    expect(info.sha256).not.toBe((await readExportFile(write('uncompressed.json', '{"Records": []}\n'))).info.sha256);
  });

  it('strips a UTF-8 BOM, also inside gzip, and hashes the bytes with the BOM', async () => {
    const withBom = write('bom.csv', '\ufeffabc');
    const { info, text } = await readExportFile(withBom);
    expect(text.text).toBe('abc');
    expect(info.bytes).toBe(6);
    expect(info.sha256).not.toBe(ABC_SHA256);
    expect((await readExportFile(write('bom.csv.gz', gzipSync('\ufeffa,b\r\n')))).text.text).toBe('a,b\r\n');
  });

  it('rejects corrupt gzip data with the file named', async () => {
    const file = write('broken.gz', Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02, 0x03]));
    const error = await rejectedUserError(() => readExportFile(file));
    expect(error.message).toMatch(/^Invalid gzip data: /);
    expect(error.position).toEqual({ file });
    expect(error.hint).toBe('The file starts like gzip but is truncated or corrupt; export it again.');
  });

  it('rejects a missing file', async () => {
    const file = path.join(dir, 'absent.csv');
    const error = await rejectedUserError(() => readExportFile(file));
    expect(error.message).toBe('Cannot read an export file: it does not exist');
    expect(error.position).toEqual({ file });
  });

  it('decodes UTF-16 by its byte order mark, and hashes the bytes as they are', async () => {
    const littleEndian = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"Users": ["zoë"]}\r\n', 'utf16le')]);
    const bigEndian = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('{"Users": ["zoë"]}\r\n', 'utf16le').swap16()]);
    const read = await readExportFile(write('powershell.json', littleEndian));
    expect(read.text.text).toBe('{"Users": ["zoë"]}\r\n');
    expect(read.info.bytes).toBe(littleEndian.length);
    expect((await readExportFile(write('utf16be.json', bigEndian))).text.text).toBe('{"Users": ["zoë"]}\r\n');
  });

  it('says how many bytes it holds once decompressed', async () => {
    const read = await readExportFile(write('size/a.json.gz', gzipSync('a'.repeat(600))));
    expect(read.size).toBe(600);
  });
});

describe('ReadBudget', () => {
  it('refuses the bytes that would pass the limit, and takes back what a failed source gives', () => {
    const budget = new ReadBudget(1000);
    budget.take(600, '/exports/a.json');
    const error = thrownUserError(() => budget.take(600, '/exports/b.json'));
    expect(error.located).toBe('/exports/b.json: Reading this file brings the whole-file sources to 1200 bytes, above the 1000 bytes limit for all of them together');
    expect(error.hint).toMatch(/limits: \{ file_size: 1GiB, total_size: 2GiB \}/);
    budget.release(600);
    budget.take(1000, '/exports/c.json');
  });
});

describe('readExportFileSync (what stream workers use)', () => {
  it('decodes exactly as the asynchronous read does', async () => {
    const file = write('sync/bom.json.gz', gzipSync('\uFEFF{"Records": []}'));
    expect(readExportFileSync(file)).toEqual(await readExportFile(file));
    expect(readExportFileSync(file).text.text).toBe('{"Records": []}');
  });

  it('a missing file is a user error naming it', () => {
    expect(() => readExportFileSync(path.join(dir, 'missing.json.gz'))).toThrow('Cannot read an export file: it does not exist');
  });

  it('names the cap when a small gzip file decompresses past it: a bomb, not a corrupt file', () => {
    // Zeros compress about a thousandfold, and gzip members may follow each other.
    const member = gzipSync(Buffer.alloc(1024 * 1024));
    const bomb = write('sync/bomb.json.gz', Buffer.concat([member, member, member]));
    expect(() => readExportFileSync(bomb, { fileBytes: 2 * 1024 * 1024 })).toThrow('File decompresses to more than that, above the 2 MiB limit for an export file');
    expect(() => readExportFileSync(bomb, { fileBytes: 1000 })).toThrow(/^File is \d+ bytes, above the 1000 bytes limit for an export file$/);
  });

  it('names the file relative to the base it is given, and keeps it absolute for errors', () => {
    const file = write('sync/plain.json', '{}');
    const { info, text } = readExportFileSync(file, { base: dir });
    expect([info.path, text.path, text.display]).toEqual(['sync/plain.json', 'sync/plain.json', file]);
  });
});

describe('helpers', () => {
  it('detects gzip by its two magic bytes', () => {
    expect(isGzip(Uint8Array.from([0x1f, 0x8b, 0x08]))).toBe(true);
    expect(isGzip(Uint8Array.from([0x1f]))).toBe(false);
    expect(isGzip(Buffer.from('{"a":1}'))).toBe(false);
  });

  it('strips only a leading BOM', () => {
    expect(stripBom('\ufeffa\ufeff')).toBe('a\ufeff');
    expect(stripBom('a')).toBe('a');
  });

  it('names files relative to the catalog\'s folder, with /', () => {
    expect(relativeTo('/work/catalog', '/work/catalog/exports/a.csv')).toBe('exports/a.csv');
    expect(relativeTo('/work/catalog', '/work/other/a.csv')).toBe('../other/a.csv');
  });
});
