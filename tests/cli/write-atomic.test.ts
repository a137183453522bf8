import { execFile } from 'node:child_process';
import { chmodSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeAtomic } from '../../src/cli/write-atomic.js';
import { rejectedUserError } from '../support/errors.js';
import { repoRoot } from '../support/paths.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

afterAll(removeTempDirs);

describe('writeAtomic', () => {
  it('keeps the mode of the file it replaces', async () => {
    const dir = await tempTree({ 'report.json': 'old' });
    const file = path.join(dir, 'report.json');
    chmodSync(file, 0o640);
    await writeAtomic(file, 'new');
    expect([readFileSync(file, 'utf8'), statSync(file).mode & 0o777]).toEqual(['new', 0o640]);
  });

  it('replaces the file a symlink names and keeps the link', async () => {
    const dir = await tempTree({ 'reports/latest.json': 'old' });
    const link = path.join(dir, 'report.json');
    symlinkSync(path.join(dir, 'reports/latest.json'), link);
    await writeAtomic(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(path.join(dir, 'reports/latest.json'));
    expect(readFileSync(path.join(dir, 'reports/latest.json'), 'utf8')).toBe('new');
  });

  it('exclusive: writes a new file whole, but never replaces one that exists, saying what it was writing', async () => {
    const dir = await tempTree({ 'controls.yaml': 'mine' });
    await writeAtomic(path.join(dir, 'new.yaml'), 'new', { exclusive: true });
    expect(readFileSync(path.join(dir, 'new.yaml'), 'utf8')).toBe('new');
    const error = await rejectedUserError(() => writeAtomic(path.join(dir, 'controls.yaml'), 'theirs', { exclusive: true, what: 'the catalog', hint: 'Keep it.' }));
    expect([error.locatedFrom(dir), error.hint]).toEqual(['controls.yaml: Cannot write the catalog: the file exists', 'Keep it.']);
    expect(readFileSync(path.join(dir, 'controls.yaml'), 'utf8')).toBe('mine');
    expect(readdirSync(dir).sort()).toEqual(['controls.yaml', 'new.yaml']);
  });

  it('fails as a located user error, creating no folder and leaving no temp file', async () => {
    const dir = await tempTree({ 'taken/file.txt': 'x' });
    const error = await rejectedUserError(() => writeAtomic(path.join(dir, 'missing/report.json'), 'new'));
    expect(error.locatedFrom(dir)).toBe('missing/report.json: Cannot write the report: its folder does not exist');
    const overFolder = await rejectedUserError(() => writeAtomic(path.join(dir, 'taken'), 'new'));
    expect(overFolder.locatedFrom(dir)).toBe('taken: Cannot write the report: it is a folder');
    expect(readdirSync(dir, { recursive: true })).toEqual(['taken', path.join('taken', 'file.txt')]);
  });

  it('leaves no temp file behind when SIGTERM arrives mid-write, and still ends by the signal', async () => {
    const dir = await tempTree({});
    // The compiled module, as the binary runs it (npm test builds dist/ first).
    const module = pathToFileURL(path.join(repoRoot, 'dist/cli/write-atomic.js')).href;
    const script = `
      import { readdirSync } from 'node:fs';
      import { writeAtomic } from ${JSON.stringify(module)};
      const dir = ${JSON.stringify(dir)};
      void writeAtomic(dir + '/report.json', 'x'.repeat(256 * 1024 * 1024));
      const poll = setInterval(() => {
        if (!readdirSync(dir).some((file) => file.includes('.tmp-'))) return;
        clearInterval(poll);
        process.stdout.write('temp file seen\\n');
        process.kill(process.pid, 'SIGTERM');
      }, 0);
    `;
    const ended = await new Promise<{ signal: string | null; stdout: string }>((resolve) => {
      execFile(process.execPath, ['--input-type=module', '-e', script], (error, stdout) => resolve({ signal: error?.signal ?? null, stdout }));
    });
    expect(ended).toEqual({ signal: 'SIGTERM', stdout: 'temp file seen\n' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes no temp file that another run could take: each is created exclusively', async () => {
    const dir = await tempTree({});
    const file = path.join(dir, 'report.json');
    await Promise.all(Array.from({ length: 8 }, (_, index) => writeAtomic(file, `run ${index}`)));
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(readFileSync(file, 'utf8')).toMatch(/^run \d$/);
  });
});
