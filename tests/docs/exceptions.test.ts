import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/paths.js';

const doc = readFileSync(path.join(repoRoot, 'docs/exceptions.md'), 'utf8');

/** The bodies of the fenced `text` blocks of the page, in order. */
function textBlocks(): string[] {
  return [...doc.matchAll(/^```text\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
}

/** The page shows catalog positions as `LINE:COL`, so editing the example catalog does not stale it. */
function withoutPositions(text: string): string {
  return text.replace(/controls\.example\.yaml:\d+:\d+:/g, 'controls.example.yaml:LINE:COL:');
}

describe('docs/exceptions.md', { timeout: 60_000 }, () => {
  it('states the UTC calendar-date rule for the last valid day', () => {
    expect(doc).toContain('An exception expiring on 2026-12-31 is in force through that whole\nday, and expired from 2027-01-01T00:00Z.');
  });

  it('shows the real output of `controlproof exceptions` on the example catalog, stdout and stderr', async () => {
    const [shown, failing] = textBlocks();
    const result = await runCli(['exceptions', 'controls.example.yaml', '--as-of', '2026-11-01'], { cwd: repoRoot });
    expect(result.code).toBe(1);
    expect(shown).toBe(`$ controlproof exceptions controls.example.yaml --as-of 2026-11-01\n${withoutPositions(result.stdout)}`);
    expect(failing).toBe(result.stderr);
  });
});
