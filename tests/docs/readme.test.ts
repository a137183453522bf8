import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatNames } from '../../src/formatters/select.js';
import { repoRoot } from '../support/paths.js';

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

/** The formats the usage block lists under a command: its first `--format a|b|c` after the command's line. */
function usageFormats(command: string): string[] {
  const start = readme.indexOf(`\ncontrolproof ${command} [catalog]`);
  expect(start).toBeGreaterThan(-1);
  const listed = /--format ([a-z|]+)/.exec(readme.slice(start))?.[1] ?? '';
  return listed.split('|').sort();
}

describe('README usage', () => {
  it.each(['run', 'exceptions', 'coverage'] as const)('lists every format of %s', (command) => {
    expect(usageFormats(command)).toEqual([...formatNames(command)].sort());
  });
});
