import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { matchFiles, readMatchedFiles, requireMatches } from '../../../src/kit/files/match-files.js';
import { ReadBudget } from '../../../src/kit/files/read-file.js';
import { rejectedUserError } from '../../support/errors.js';
import { removeTempDirs, tempTree } from '../../support/workspace.js';

afterAll(removeTempDirs);

const DECLARED = { file: 'controls.yaml', line: 4, col: 11 };

describe('matchFiles', () => {
  it('lists each real file once under ** even through symlink loops, in sorted order', async () => {
    const dir = await tempTree({ 'exports/eu-west-1/a.json': '{}', 'exports/us-east-1/b.json': '{}' });
    symlinkSync('..', path.join(dir, 'exports/eu-west-1/up'));
    symlinkSync(dir, path.join(dir, 'exports/root'));
    const files = await matchFiles(['exports/**/*.json'], dir);
    expect(files).toEqual([path.join(dir, 'exports/eu-west-1/a.json'), path.join(dir, 'exports/us-east-1/b.json')]);
  });

  it('reads a file through a symlink, once, and leaves folders out', async () => {
    const dir = await tempTree({ 'dated/2026-11-01.csv': 'a\n1\n' });
    symlinkSync(path.join(dir, 'dated/2026-11-01.csv'), path.join(dir, 'latest.csv'));
    expect(await matchFiles(['*.csv', 'dated'], dir)).toEqual([path.join(dir, 'dated/2026-11-01.csv')]);
    expect(await matchFiles(['latest.csv'], dir)).toEqual([path.join(dir, 'latest.csv')]);
  });
});

describe('readMatchedFiles', () => {
  it('reads every match, sorted, and counts them against the budget in file order', async () => {
    const dir = await tempTree({ 'exports/b.csv': 'bb', 'exports/a.csv': 'abc', 'exports/notes.txt': 'x' });
    const budget = new ReadBudget(5);
    const matched = await readMatchedFiles(['exports/*.csv'], dir, DECLARED, { budget });
    expect(matched.absolute).toEqual([path.join(dir, 'exports/a.csv'), path.join(dir, 'exports/b.csv')]);
    expect([matched.texts.map((text) => text.text), matched.infos.map((info) => info.path), matched.size]).toEqual([['abc', 'bb'], ['exports/a.csv', 'exports/b.csv'], 5]);
    const error = await rejectedUserError(() => readMatchedFiles(['exports/*.txt'], dir, DECLARED, { budget }));
    expect(error.position).toEqual({ file: path.join(dir, 'exports/notes.txt') });
  });

  it('names the same file past the budget however the reads finish, and gives back what it took', async () => {
    const files = Object.fromEntries(Array.from({ length: 200 }, (_, index) => [`logs/${String(index).padStart(3, '0')}.json`, 'x'.repeat(100 + (index % 7))]));
    const dir = await tempTree(files);
    for (let run = 0; run < 3; run += 1) {
      const budget = new ReadBudget(10_000);
      const error = await rejectedUserError(() => readMatchedFiles(['logs/*.json'], dir, DECLARED, { budget }));
      expect(error.position).toEqual({ file: path.join(dir, 'logs/097.json') });
      budget.take(10_000, 'all of it is free again');
    }
  });
});

describe('requireMatches', () => {
  it('rejects a glob that matches nothing at the catalog position that declared it', async () => {
    const dir = await tempTree({});
    const error = await rejectedUserError(() => readMatchedFiles(['missing/*.csv'], dir, DECLARED));
    expect([error.message, error.position, error.hint]).toEqual([
      'No file matches "missing/*.csv"',
      DECLARED,
      `Paths are relative to the catalog (${dir}); check the path or export the data first.`,
    ]);
  });

  it('names a FIFO a path points at, rather than saying nothing matches', async () => {
    const dir = await tempTree({});
    execFileSync('mkfifo', [path.join(dir, 'users.csv')]);
    const error = await rejectedUserError(() => requireMatches(['users.csv'], dir, DECLARED));
    expect([error.message, error.position]).toEqual(['users.csv is a FIFO (named pipe), not a regular file', DECLARED]);
  });

  it('reads a symlink to a device as an error naming the device, never endlessly', async () => {
    const dir = await tempTree({});
    symlinkSync('/dev/zero', path.join(dir, 'zero.csv'));
    const error = await rejectedUserError(() => readMatchedFiles(['*.csv'], dir, DECLARED));
    expect([error.message, error.position]).toEqual(['Cannot read an export file: this is a character device, not a regular file', { file: path.join(dir, 'zero.csv') }]);
  });
});
