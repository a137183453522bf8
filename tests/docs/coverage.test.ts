import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/paths.js';

const doc = readFileSync(path.join(repoRoot, 'docs/coverage.md'), 'utf8');

describe('docs/coverage.md', { timeout: 60_000 }, () => {
  it('shows the real output of `controlproof coverage` on the example catalog', async () => {
    const [shown] = [...doc.matchAll(/^```text\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
    const result = await runCli(['coverage', 'controls.example.yaml', '--as-of', '2026-11-01', '--framework', 'soc2'], { cwd: repoRoot });
    expect(result.code).toBe(0);
    // Catalog positions are shown as LINE:COL, so editing the example catalog does not stale the page.
    const stdout = result.stdout.replace(/controls\.example\.yaml:\d+:\d+:/g, 'controls.example.yaml:LINE:COL:');
    expect(shown).toBe(`$ controlproof coverage controls.example.yaml --as-of 2026-11-01 --framework soc2\n${stdout}`);
  });
});
