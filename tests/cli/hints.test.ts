// Every hint and message that tells a user to run a command names one that exists.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/main.js';
import { processIo } from '../../src/cli/io.js';
import { repoRoot } from '../support/paths.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(file) : entry.name.endsWith('.ts') ? [file] : [];
  });
}

describe('commands named in hints', () => {
  it('exist', () => {
    const known = commands(processIo(), () => undefined).map((command) => command.name());
    const named = sourceFiles(path.join(repoRoot, 'src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/`controlproof ([a-z][a-z-]*)/g)].map((match) => ({ file: path.relative(repoRoot, file), command: match[1] ?? '' })),
    );
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter(({ command }) => !known.includes(command))).toEqual([]);
  });
});
