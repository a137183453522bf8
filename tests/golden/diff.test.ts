// Golden diffs: the example audited on 2026-11-01, then again ten weeks later by a catalog that renamed one control
// and dropped another. Exceptions expire, evidence goes stale and the gate fails on what regressed; a change to any of
// that shows here. `UPDATE_GOLDEN=1 npx vitest run tests/golden` rewrites the golden files from this build; review the diff.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffViewSchema } from '../../src/report/diff.js';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/paths.js';

const GOLDEN = path.join(repoRoot, 'tests/golden');
const updating = process.env['UPDATE_GOLDEN'] === '1';
let dir = '';

function goldenText(name: string, actual: string): string {
  if (updating) writeFileSync(path.join(GOLDEN, name), actual);
  return readFileSync(path.join(GOLDEN, name), 'utf8');
}

/** The example catalog as a later version of it: IAM-07 renamed, CRY-01 gone. */
function laterCatalog(text: string): string {
  const renamed = text.replace('title: Password policy meets the standard', 'title: Password policy meets the 2027 standard');
  const removed = renamed.replace(/\n {2}- id: CRY-01\n[\s\S]*?(?=\n {2}- id: )/, '');
  if (renamed === text || removed === renamed) throw new Error('the example catalog changed: IAM-07 or CRY-01 is not where this test expects');
  return removed;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'controlproof-golden-diff-'));
  const catalog = readFileSync(path.join(repoRoot, 'controls.example.yaml'), 'utf8');
  cpSync(path.join(repoRoot, 'fixtures'), path.join(dir, 'fixtures'), { recursive: true });
  writeFileSync(path.join(dir, 'controls.yaml'), catalog);
  expect((await runCli(['run', '--as-of', '2026-11-01', '--fail-on', 'none', '-q', '--format', 'json=old.json'], { cwd: dir })).code).toBe(0);
  writeFileSync(path.join(dir, 'controls.yaml'), laterCatalog(catalog));
  expect((await runCli(['run', '--as-of', '2027-01-15', '--fail-on', 'none', '-q', '--format', 'json=new.json'], { cwd: dir })).code).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('golden diff of the example ten weeks on', () => {
  const outputs: [string, string[]][] = [
    ['example.diff.txt', ['--width', '120']],
    ['example.diff.md', ['--format', 'markdown']],
    ['example.diff.json', ['--format', 'json']],
  ];
  for (const [file, args] of outputs) {
    it(`${file}, byte for byte, failing the gate on what regressed`, async () => {
      const { code, stdout, stderr } = await runCli(['diff', 'old.json', 'new.json', ...args], { cwd: dir });
      expect(code).toBe(1);
      expect(stderr).toMatch(/regressed controls: /);
      expect(stdout).toBe(goldenText(file, stdout));
    });
  }

  it('names the renamed and the removed control, and validates against its schema', () => {
    const view = diffViewSchema.parse(JSON.parse(readFileSync(path.join(GOLDEN, 'example.diff.json'), 'utf8')));
    expect(view.renamed.map((control) => control.id)).toEqual(['IAM-07']);
    expect(view.removed.map((control) => control.id)).toEqual(['CRY-01']);
    expect(view.summary.regressed).toBeGreaterThan(0);
    expect(view.exceptions.some((exception) => exception.change === 'expired')).toBe(true);
  });
});
