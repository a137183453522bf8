import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { trendViewSchema } from '../../src/report/trend.js';
import { runCli } from '../support/cli.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';
import { MIXED, reportAt } from '../report/trend-sequences.js';

afterAll(removeTempDirs);

/** A folder `history/` holding the mixed sequence, one report per date, and `extra` files beside it. */
async function workspace(extra: Readonly<Record<string, string>> = {}): Promise<string> {
  const reports = Object.fromEntries(MIXED.map((spec) => [`history/${spec.date}.json`, `${JSON.stringify(reportAt(spec), null, 2)}\n`]));
  return tempTree({ ...reports, ...extra });
}

describe('controlproof trend', { timeout: 30_000 }, () => {
  it('reads a folder of reports in as_of order and prints the table, exit 0 by default', async () => {
    const cwd = await workspace();
    const result = await runCli(['trend', 'history'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Trend 2026-10-04 → 2026-11-08 (5 runs)');
    expect(result.stdout).toContain('Deteriorating (2)');
    expect(result.stdout).toContain('Warnings (2)');
  });

  it('gives the same view from the files in any order as from their folder', async () => {
    const cwd = await workspace();
    const files = MIXED.map((spec) => `history/${spec.date}.json`).reverse();
    const fromFiles = await runCli(['trend', ...files, '--format', 'json'], { cwd });
    const fromFolder = await runCli(['trend', 'history', '--format', 'json'], { cwd });
    expect(fromFiles.stdout).toBe(fromFolder.stdout);
    expect(trendViewSchema.parse(JSON.parse(fromFolder.stdout)).runs.map((run) => run.file)).toEqual(MIXED.map((spec) => path.join('history', `${spec.date}.json`)));
    expect(fromFolder.stderr).toContain('warning: 14 days pass between');
  });

  it('fails on deteriorating controls with --fail-on deteriorating, naming them', async () => {
    const cwd = await workspace();
    const result = await runCli(['trend', 'history', '--fail-on', 'deteriorating', '--format', 'markdown'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('deteriorating controls over the last 5 runs: LOG-1 (exists evidenced, works effective → ineffective; owner: cloud-platform@acme.example)');
    const improving = await runCli(['trend', 'history', '--last', '2', '--fail-on', 'deteriorating'], { cwd });
    expect(improving.code).toBe(0);
  });

  it('writes every format to files at once', async () => {
    const cwd = await workspace();
    const result = await runCli(['trend', 'history', '--format', 'html=out.html', '--format', 'json=out.json', '--format', 'markdown=out.md', '--format', 'table'], { cwd });
    expect(result.code).toBe(0);
    expect(readFileSync(path.join(cwd, 'out.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(trendViewSchema.parse(JSON.parse(readFileSync(path.join(cwd, 'out.json'), 'utf8'))).schema).toBe('controlproof/trend@1');
    expect(readFileSync(path.join(cwd, 'out.md'), 'utf8')).toMatch(/^# controlproof trend/);
  });

  it.each([
    [['history/2026-10-04.json'], /^history\/2026-10-04\.json: A trend needs at least two reports, found one \(history\/2026-10-04\.json\)$/m],
    [['empty'], /^empty: Expected reports \(\*\.json\) in this folder, found none$/m],
    [['history', 'notes.json'], /^notes\.json:1:1: Expected a controlproof report \(schema "controlproof\/report@2"\), found no report schema$/m],
    [['history', 'cut.json'], /^cut\.json:1:\d+: /m],
    [['history', 'copy.json'], /^history\/2026-10-04\.json: Two reports assess the same moment 2026-10-04T00:00:00\.000Z: copy\.json and history\/2026-10-04\.json$/m],
    [['history', 'missing.json'], /^missing\.json: /m],
    [['history', '--last', '1'], /^Invalid --last "1": expected a whole number of runs from 2 to 1000$/m],
    [['history', '--fail-on', 'worse'], /^Unknown --fail-on condition "worse": expected a comma list of deteriorating, gap, or none$/m],
    [['history', '--format', 'sarif'], /^Unknown format "sarif": expected one of html, json, markdown, table$/m],
  ])('refuses %j with exit 2 and a hint', async (args, message) => {
    const first = reportAt(MIXED[0] ?? { date: '2026-10-04', controls: {} });
    const cwd = await workspace({ 'empty/readme.txt': 'no reports here\n', 'notes.json': '{"hello": "world"}\n', 'cut.json': JSON.stringify(first).slice(0, 200), 'copy.json': JSON.stringify(first) });
    const result = await runCli(['trend', ...args], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/\n {2}hint: /);
    expect(result.stdout).toBe('');
  });

  it('refuses to write its output over one of its reports', async () => {
    const cwd = await workspace();
    const result = await runCli(['trend', 'history', '--format', 'json', '-o', 'history/2026-10-04.json'], { cwd });
    expect(result.code).toBe(2);
    expect(readFileSync(path.join(cwd, 'history/2026-10-04.json'), 'utf8')).toContain('"schema": "controlproof/report@2"');
  });
});
