// Golden outputs: the example audit and an audit of the small bench set, byte for byte. A change that moves
// any verdict, finding, count, order or line of text shows here; update the golden files only on purpose.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, repoRoot, runBinary } from '../cli/run-binary.js';

const GOLDEN = path.join(repoRoot, 'tests/golden');
const golden = (name: string): string => readFileSync(path.join(GOLDEN, name), 'utf8');

const scratch = mkdtempSync(path.join(tmpdir(), 'golden-'));
afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await removeTempDirs();
});

describe.concurrent('golden outputs of the example catalog', { timeout: 60_000 }, () => {
  const cases: [string, string[]][] = [
    ['example.report.json', ['run', 'controls.example.yaml', '--format', 'json', '--fail-on', 'none']],
    ['example.table.txt', ['run', 'controls.example.yaml', '--fail-on', 'none']],
    ['example.exceptions.json', ['exceptions', 'controls.example.yaml', '--format', 'json', '--fail-on', 'none']],
    ['example.exceptions.txt', ['exceptions', 'controls.example.yaml', '--fail-on', 'none']],
    ['example.exceptions.md', ['exceptions', 'controls.example.yaml', '--format', 'markdown', '--fail-on', 'none']],
  ];
  for (const [file, args] of cases) {
    it(file, async () => {
      const { code, stdout } = await runBinary(args, { cwd: repoRoot });
      expect(code).toBe(0);
      expect(stdout).toBe(golden(file));
    });
  }
});

describe('golden report of the bench set', () => {
  it('bench-set.report.json', async () => {
    const data = path.join(scratch, 'bench-set');
    const generated = spawnSync(path.join(repoRoot, 'node_modules/.bin/tsx'), ['scripts/bench.ts', '--data-dir', data, '--size-mb', '2', '--iam-users', '200', '--generate-only'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(generated.status).toBe(0);
    copyFileSync(path.join(GOLDEN, 'bench-set.controls.yaml'), path.join(data, 'controls.yaml'));
    const { code, stdout } = await runBinary(['run', 'controls.yaml', '--as-of', '2026-11-01', '--format', 'json', '--fail-on', 'none'], { cwd: data });
    expect(code).toBe(0);
    expect(stdout).toBe(golden('bench-set.report.json'));
  }, 120_000);
});
