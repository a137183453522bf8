// Golden outputs: the example audit and an audit of the small bench set. A change that moves any verdict,
// finding, count, order or line of text shows here; update the golden files only on purpose.
//
// The golden reports were written by the last build before the provider redesign, in schema report@1. Report@2
// changed three shapes on purpose (README, "Reports"): a test names its `inputs` instead of one `source` and
// carries its catalog `position`, and a log's coverage names its `scope` instead of `account` and `region`; it also
// records where `as_of` came from and the run's filters. `asReportV1` maps exactly those back, so everything else
// must be as it was. (The example catalog's hash changed twice since: when it stopped pinning as_of, and when it
// gained its yaml-language-server modeline.) Later report@2 additions are in the golden files as they are: a log
// source's `window` and `duplicates` (its `records` count each event once), the `records_outside_window` metric, test
// `details`, the `framework_coverage`.
//
// `UPDATE_GOLDEN=1 npx vitest run tests/golden` rewrites the golden files from this build; review the diff.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateBenchSet } from '../../scripts/bench/generate.js';
import type { Report } from '../../src/report/model.js';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/paths.js';
import { removeTempDirs } from '../support/workspace.js';
import { asReportV1 } from './report-v1.js';

const GOLDEN = path.join(repoRoot, 'tests/golden');
const golden = (name: string): string => readFileSync(path.join(GOLDEN, name), 'utf8');
const updating = process.env['UPDATE_GOLDEN'] === '1';

/** The golden text of `name`, rewritten first to `actual` when updating. */
function goldenText(name: string, actual: string): string {
  if (updating) writeFileSync(path.join(GOLDEN, name), actual);
  return golden(name);
}

/** The golden report `name`, rewritten first to `actual` when updating. */
function goldenReport(name: string, actual: unknown): unknown {
  return JSON.parse(goldenText(name, `${JSON.stringify(actual, null, 2)}\n`));
}

const scratch = mkdtempSync(path.join(tmpdir(), 'golden-'));
afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await removeTempDirs();
});

/** The report as JSON text parsed, compared field by field (report@2 orders a test's keys differently). */
function reportOf(stdout: string): Report {
  return JSON.parse(stdout) as Report;
}

describe('golden outputs of the example catalog', () => {
  const text: [string, string[]][] = [
    ['example.table.txt', ['run', 'controls.example.yaml', '--as-of', '2026-11-01', '--fail-on', 'none']],
    ['example.table.120.txt', ['run', 'controls.example.yaml', '--as-of', '2026-11-01', '--fail-on', 'none', '--width', '120']],
    ['example.oscal.json', ['run', 'controls.example.yaml', '--as-of', '2026-11-01', '--format', 'oscal', '--fail-on', 'none']],
    ['example.junit.xml', ['run', 'controls.example.yaml', '--as-of', '2026-11-01', '--format', 'junit', '--fail-on', 'none']],
    ['example.sarif.json', ['run', 'controls.example.yaml', '--as-of', '2026-11-01', '--format', 'sarif', '--fail-on', 'none']],
    ['example.exceptions.json', ['exceptions', 'controls.example.yaml', '--as-of', '2026-11-01', '--format', 'json', '--fail-on', 'none']],
    ['example.exceptions.txt', ['exceptions', 'controls.example.yaml', '--as-of', '2026-11-01', '--fail-on', 'none']],
    ['example.exceptions.md', ['exceptions', 'controls.example.yaml', '--as-of', '2026-11-01', '--format', 'markdown', '--fail-on', 'none']],
    ['example.exceptions.csv', ['exceptions', 'controls.example.yaml', '--as-of', '2026-11-01', '--format', 'csv', '--fail-on', 'none']],
    ['example.html', ['run', 'controls.example.yaml', '--as-of', '2026-11-01', '--format', 'html', '--fail-on', 'none']],
    ['example.md', ['run', 'controls.example.yaml', '--as-of', '2026-11-01', '--format', 'markdown', '--fail-on', 'none']],
    ['example.csv', ['run', 'controls.example.yaml', '--as-of', '2026-11-01', '--format', 'csv', '--fail-on', 'none']],
    ['example.github.txt', ['run', 'controls.example.yaml', '--as-of', '2026-11-01', '--format', 'github', '--fail-on', 'none']],
    ['example.coverage.txt', ['coverage', 'controls.example.yaml', '--as-of', '2026-11-01']],
    ['example.coverage.md', ['coverage', 'controls.example.yaml', '--as-of', '2026-11-01', '--format', 'markdown']],
    ['example.coverage.csv', ['coverage', 'controls.example.yaml', '--as-of', '2026-11-01', '--format', 'csv']],
    ['example.coverage.html', ['coverage', 'controls.example.yaml', '--as-of', '2026-11-01', '--format', 'html']],
  ];
  for (const [file, args] of text) {
    it(`${file}, byte for byte`, async () => {
      const { code, stdout } = await runCli(args, { cwd: repoRoot });
      expect(code).toBe(0);
      expect(stdout).toBe(goldenText(file, stdout));
    });
  }

  it('example.report.json, but for the declared report@2 shapes', async () => {
    const { code, stdout } = await runCli(['run', 'controls.example.yaml', '--as-of', '2026-11-01', '--format', 'json', '--fail-on', 'none'], { cwd: repoRoot });
    expect(code).toBe(0);
    expect(asReportV1(reportOf(stdout))).toEqual(goldenReport('example.report.json', asReportV1(reportOf(stdout))));
  });
});

describe('golden report of the bench set', () => {
  it('bench-set.report.json, but for the declared report@2 shapes', { timeout: 120_000 }, async () => {
    const data = path.join(scratch, 'bench-set');
    await generateBenchSet({ dataDir: data, sizeMb: 2, iamUsers: 200, seed: 1 });
    copyFileSync(path.join(GOLDEN, 'bench-set.controls.yaml'), path.join(data, 'controls.yaml'));
    const { code, stdout } = await runCli(['run', 'controls.yaml', '--as-of', '2026-11-01', '--format', 'json', '--fail-on', 'none'], { cwd: data });
    expect(code).toBe(0);
    expect(asReportV1(reportOf(stdout))).toEqual(goldenReport('bench-set.report.json', asReportV1(reportOf(stdout))));
  });
});
