import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/paths.js';

let dir = '';
const brief = ['run', '--fail-on', 'none', '--brief', '--format', 'markdown'];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'controlproof-history-'));
  cpSync(path.join(repoRoot, 'controls.example.yaml'), path.join(dir, 'controls.yaml'));
  cpSync(path.join(repoRoot, 'fixtures'), path.join(dir, 'fixtures'), { recursive: true });
  mkdirSync(path.join(dir, 'history'));
  for (const asOf of ['2026-11-01', '2026-12-01']) {
    expect((await runCli(['run', '--as-of', asOf, '--fail-on', 'none', '-q', '--format', `json=history/${asOf}.json`], { cwd: dir })).code).toBe(0);
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('run --brief --history', { timeout: 60_000 }, () => {
  it('gives the briefing the trajectory over the history and this run, in Markdown and HTML', async () => {
    const markdown = await runCli([...brief, '--as-of', '2027-01-15', '--history', 'history'], { cwd: dir });
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain('**Trajectory, 2026-11-01 → 2027-01-15 (3 runs):**');
    expect(markdown.stdout).toMatch(/^- deteriorating: LOG-04 /m);
    expect(markdown.stdout).not.toContain('No run history given');
    const page = await runCli(['run', '--fail-on', 'none', '--brief', '--format', 'html', '--as-of', '2027-01-15', '--history', 'history'], { cwd: dir });
    expect(page.code).toBe(0);
    expect(page.stdout).toMatch(/<div class="trajectory"><p><strong>Trajectory, 2026-11-01 → 2027-01-15 \(3 runs\):<\/strong>/);
  });

  it('lets a re-run of a moment in the history take its place, and says so', async () => {
    const result = await runCli([...brief, '--as-of', '2026-12-01', '--history', 'history'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('warning: history/2026-12-01.json assesses the same moment as this run');
    expect(result.stdout).toContain('(2 runs)');
  });

  it('refuses a history that ends after this run, --history without --brief, a folder of no reports, and an output onto the history', async () => {
    const later = await runCli([...brief, '--as-of', '2026-11-15', '--history', 'history'], { cwd: dir });
    expect(later.code).toBe(2);
    expect(later.stderr).toMatch(/^history\/2026-12-01\.json: This history report assesses 2026-12-01T00:00:00\.000Z, later than this run's 2026-11-15/m);
    const noBrief = await runCli(['run', '--fail-on', 'none', '--as-of', '2027-01-15', '--history', 'history'], { cwd: dir });
    expect(noBrief.code).toBe(2);
    expect(noBrief.stderr).toContain('--history needs --brief');
    mkdirSync(path.join(dir, 'empty'), { recursive: true });
    const empty = await runCli([...brief, '--as-of', '2027-01-15', '--history', 'empty'], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^empty: Expected reports \(\*\.json\) in this folder, found none/m);
    const onto = await runCli([...brief, '--as-of', '2027-01-15', '--history', 'history', '--format', 'json=history/2026-11-01.json'], { cwd: dir });
    expect(onto.code).toBe(2);
    expect(readdirSync(path.join(dir, 'history')).sort()).toEqual(['2026-11-01.json', '2026-12-01.json']);
  });
});
