import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STEP_SUMMARY_MAX_BYTES, stepSummaryText } from '../../src/cli/step-summary.js';
import { reportSchema, type ControlResult, type Report } from '../../src/report/model.js';
import { sampleReport } from '../formatters/sample-report.js';
import { mfaCatalog } from '../support/catalogs.js';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/paths.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

afterAll(removeTempDirs);

const golden = (name: string): Promise<string> => readFile(path.join(repoRoot, 'tests/golden', name), 'utf8');
const example = (format: string[], env: NodeJS.ProcessEnv) =>
  runCli(['run', 'controls.example.yaml', '--as-of', '2026-11-01', '--fail-on', 'none', ...format], { cwd: repoRoot, env });

describe.concurrent('GITHUB_STEP_SUMMARY with --format github', { timeout: 60_000 }, () => {
  it('appends the Markdown report after what the step wrote there, and prints the annotations', async () => {
    const dir = await tempTree({ 'summary.md': '## Earlier step\n' });
    const summary = path.join(dir, 'summary.md');
    const { code, stdout } = await example(['--format', 'github'], { GITHUB_STEP_SUMMARY: summary });
    expect(code).toBe(0);
    expect(stdout).toBe(await golden('example.github.txt'));
    expect(await readFile(summary, 'utf8')).toBe(`## Earlier step\n\n${await golden('example.md')}`);
  });

  it('creates the file when it is missing, and appends again on a second run', async () => {
    const summary = path.join(await tempTree({}), 'summary.md');
    await example(['--format', 'github'], { GITHUB_STEP_SUMMARY: summary });
    const markdown = await golden('example.md');
    expect(await readFile(summary, 'utf8')).toBe(markdown);
    await example(['--format', 'github'], { GITHUB_STEP_SUMMARY: summary });
    expect(await readFile(summary, 'utf8')).toBe(`${markdown}\n${markdown}`);
  });

  it('appends when github goes to a file too, and with --only-failing leaves the other controls out', async () => {
    const dir = await tempTree({});
    const summary = path.join(dir, 'summary.md');
    const { code } = await example(['--format', `github=${path.join(dir, 'annotations.txt')}`, '--format', 'json', '--only-failing'], { GITHUB_STEP_SUMMARY: summary });
    expect(code).toBe(0);
    const text = await readFile(summary, 'utf8');
    expect(text.startsWith('# controlproof: Example Co — security controls\n')).toBe(true);
    expect(text).not.toContain('## Other controls');
    expect(await readFile(path.join(dir, 'annotations.txt'), 'utf8')).toBe(await golden('example.github.txt'));
  });

  it('writes nothing there without --format github', async () => {
    const summary = path.join(await tempTree({ 'summary.md': 'kept\n' }), 'summary.md');
    await example(['--format', 'markdown'], { GITHUB_STEP_SUMMARY: summary });
    expect(await readFile(summary, 'utf8')).toBe('kept\n');
  });

  it('is a located error, exit 2, when the file cannot be appended to', async () => {
    const dir = await tempTree({});
    await mkdir(path.join(dir, 'a-folder'));
    const { code, stderr } = await example(['--format', 'github'], { GITHUB_STEP_SUMMARY: path.join(dir, 'a-folder') });
    expect(code).toBe(2);
    expect(stderr).toContain('Cannot append the report to the job summary (GITHUB_STEP_SUMMARY)');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('run --format github', { timeout: 60_000 }, () => {
  it('names the catalog from the working directory in the annotations', async () => {
    const dir = await tempTree({
      'audit/controls.yaml': mfaCatalog({ source: 'credential-report.csv', evidence: 'policy.md' }),
      'audit/credential-report.csv': await readFile(path.join(repoRoot, 'fixtures/aws/credential-report.csv'), 'utf8'),
      'audit/policy.md': 'MFA policy\n',
    });
    const { stdout } = await runCli(['run', 'audit/controls.yaml', '--as-of', '2026-11-01', '--fail-on', 'none', '--format', 'github'], { cwd: dir });
    expect(stdout.split('\n')[0]).toMatch(/^::error file=audit\/controls\.yaml,line=14,col=9,title=IAM-02 paper-only%3A MFA for console users::/);
  });
});

describe('stepSummaryText', () => {
  /** The sample report with `count` more controls like `base`, each with a long title. */
  function bigReport(base: string, count: number): Report {
    const report = structuredClone(sampleReport);
    const template = report.controls.find((control) => control.id === base);
    if (!template) throw new Error('sample report changed');
    const copies = Array.from({ length: count }, (_, index): ControlResult => ({ ...structuredClone(template), id: `${base}-${index}`, title: `${'long title '.repeat(40)}${index}` }));
    return reportSchema.parse({ ...report, controls: [...report.controls, ...copies] });
  }

  it('is the whole report when it fits', async () => {
    expect(await stepSummaryText(sampleReport, false)).toContain('## Other controls (5)');
  });

  it('drops the other controls when only that makes it fit GitHub\'s limit', async () => {
    const text = await stepSummaryText(bigReport('MFA-2', 3000), false);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(STEP_SUMMARY_MAX_BYTES);
    expect(text).not.toContain('## Other controls');
    expect(text).toContain('## Paper-only (2)');
  });

  it('cuts at a line and says so when even the controls that need action do not fit', async () => {
    const text = await stepSummaryText(bigReport('LOG-1', 3000), false);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(STEP_SUMMARY_MAX_BYTES);
    expect(text.endsWith("\n\n**Truncated here to fit GitHub's step summary limit: the whole report is `--format markdown`.**\n")).toBe(true);
  });
});
