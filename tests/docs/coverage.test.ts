import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/paths.js';

// `UPDATE_GOLDEN=1 npx vitest run tests/docs/coverage.test.ts` rewrites the page's output block from this build.
const DOC = path.join(repoRoot, 'docs/coverage.md');
const doc = readFileSync(DOC, 'utf8');
const OUTPUT_BLOCK = /^```text\n([\s\S]*?)^```$/m;

describe('docs/coverage.md', { timeout: 60_000 }, () => {
  it('shows the real output of `controlproof coverage` on the example catalog', async () => {
    const shown = OUTPUT_BLOCK.exec(doc)?.[1];
    const result = await runCli(['coverage', 'controls.example.yaml', '--as-of', '2026-11-01', '--framework', 'soc2'], { cwd: repoRoot });
    expect(result.code).toBe(0);
    // Catalog positions are shown as LINE:COL, so editing the example catalog does not stale the page.
    const stdout = result.stdout.replace(/controls\.example\.yaml:\d+:\d+:/g, 'controls.example.yaml:LINE:COL:');
    const expected = `$ controlproof coverage controls.example.yaml --as-of 2026-11-01 --framework soc2\n${stdout}`;
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(DOC, doc.replace(OUTPUT_BLOCK, () => `\`\`\`text\n${expected}\`\`\``));
    expect(shown).toBe(expected);
  });
});
