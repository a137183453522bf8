import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashRegularFile, MAX_OPEN_FILES, readRegularFile, readRegularFileSync, type SizeCap } from '../../../src/kit/files/open-input.js';
import { rejectedUserError, thrownUserError } from '../../support/errors.js';
import { removeTempDirs, tempTree } from '../../support/workspace.js';

afterAll(removeTempDirs);

const CAP: SizeCap = { bytes: 1024, what: 'an export file', hint: 'Split it.' };
const REGULAR_ONLY = 'controlproof reads inputs from regular files only, so that a run can neither hang nor read without end: save the data to a file first.';

describe('readRegularFile: regular files only, never a hang', () => {
  it('refuses a FIFO at once instead of waiting for a writer, with both readers', async () => {
    const dir = await tempTree({});
    const fifo = path.join(dir, 'exports.json');
    execFileSync('mkfifo', [fifo]);
    const error = await rejectedUserError(() => readRegularFile(fifo, CAP));
    expect([error.message, error.position, error.hint]).toEqual(['Cannot read an export file: this is a FIFO (named pipe), not a regular file', { file: fifo }, REGULAR_ONLY]);
    expect(thrownUserError(() => readRegularFileSync(fifo, CAP)).message).toBe(error.message);
    expect((await rejectedUserError(() => hashRegularFile(fifo))).message).toBe('Cannot read an evidence document: this is a FIFO (named pipe), not a regular file');
  });

  it('refuses a device, also behind a symlink, and a folder', async () => {
    const dir = await tempTree({ 'exports/a.json': '{}' });
    symlinkSync('/dev/zero', path.join(dir, 'zero.json'));
    expect((await rejectedUserError(() => readRegularFile(path.join(dir, 'zero.json'), CAP))).message).toBe(
      'Cannot read an export file: this is a character device, not a regular file',
    );
    expect(thrownUserError(() => readRegularFileSync('/dev/zero', CAP)).message).toBe('Cannot read an export file: this is a character device, not a regular file');
    expect((await rejectedUserError(() => readRegularFile(path.join(dir, 'exports'), CAP))).message).toBe('Cannot read an export file: this is a folder, not a regular file');
  });

  it('names the cap before reading a file past it', async () => {
    const dir = await tempTree({ 'big.json': 'x'.repeat(2000) });
    const error = await rejectedUserError(() => readRegularFile(path.join(dir, 'big.json'), CAP));
    expect([error.message, error.hint]).toEqual(['File is 2000 bytes, above the 1 KiB limit for an export file', 'Split it.']);
  });

  it('says a missing file does not exist, with the hint the reader gives', async () => {
    const missing = await rejectedUserError(() => readRegularFile('/nonexistent/catalog.yaml', { ...CAP, what: 'the catalog', missingHint: 'Pass a catalog.' }));
    expect([missing.message, missing.hint]).toEqual(['Cannot read the catalog: it does not exist', 'Pass a catalog.']);
    expect(await hashRegularFile('/nonexistent/policy.pdf')).toBeUndefined();
  });

  it('says permission denied for a file it may not read', async () => {
    // root reads every file it owns, so as root a write-only kernel setting stands in for one.
    const dir = await tempTree({ 'secret.json': '{}' });
    const file = process.getuid?.() === 0 ? '/proc/sys/vm/compact_memory' : path.join(dir, 'secret.json');
    if (process.getuid?.() !== 0) execFileSync('chmod', ['000', file]);
    const denied = await rejectedUserError(() => readRegularFile(file, CAP));
    expect([denied.message, denied.position]).toEqual(['Cannot read an export file: permission denied', { file }]);
  });

  it('hashes a document by streaming it', async () => {
    const dir = await tempTree({ 'policy.pdf': 'abc' });
    expect(await hashRegularFile(path.join(dir, 'policy.pdf'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('keeps at most a bounded number of files open while reading many side by side', async () => {
    const dir = await tempTree({});
    mkdirSync(path.join(dir, 'many'));
    const files = Array.from({ length: 400 }, (_, index) => path.join(dir, 'many', `${index}.csv`));
    for (const file of files) writeFileSync(file, 'a,b\n1,2\n');
    const openFds = (): number => execFileSync('ls', [`/proc/${process.pid}/fd`], { encoding: 'utf8' }).split('\n').length;
    const before = openFds();
    let most = 0;
    const reads = Promise.all(files.map((file) => readRegularFile(file, CAP)));
    const sampler = setInterval(() => (most = Math.max(most, openFds() - before)), 1);
    await reads;
    clearInterval(sampler);
    // The count is the whole process's, and other test files run beside this one: a margin above MAX_OPEN_FILES.
    expect(most).toBeLessThanOrEqual(MAX_OPEN_FILES + 80);
  });
});
