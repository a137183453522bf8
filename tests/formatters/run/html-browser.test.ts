// The HTML report in a real browser: self-contained (no request), no console error, the matrix carries the report's
// numbers, the findings filter works and the page reads without scripts, and no planted secret or hostile markup
// reaches the page. One browser for the file; it saves a screenshot of the example under test-artifacts/.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ASSURANCE, COVERAGE_STATUSES, EXISTS, WORKS } from '../../../src/core/vocabulary.js';
import htmlFormat from '../../../src/formatters/run/html.js';
import { coverageViewSchema } from '../../../src/report/coverage-view.js';
import { reportSchema, type FrameworkCoverage, type Report } from '../../../src/report/model.js';
import { launchChromium } from '../../support/browser.js';
import { runCli } from '../../support/cli.js';
import { repoRoot } from '../../support/paths.js';
import { removeTempDirs, tempTree } from '../../support/workspace.js';
import { withCoverage } from '../format-view.js';
import { HOSTILE, hostileReport } from '../hostile-report.js';
import { sampleReport } from '../sample-report.js';

const ARTIFACTS = path.join(repoRoot, 'test-artifacts');

const launched = await launchChromium();
const browser = 'browser' in launched ? launched.browser : undefined;
if (!browser && 'reason' in launched) console.warn(`Skipping the HTML browser tests: ${launched.reason}`);

afterAll(async () => {
  await browser?.close();
  await removeTempDirs();
});

const runs = new Map<string, Promise<string>>();

/** The example catalog's output of `command` (run or coverage) in `format`, run once per command and format for the file. */
function exampleRun(format: string, command: 'run' | 'coverage' = 'run'): Promise<string> {
  const key = `${command} ${format}`;
  const args = [command, 'controls.example.yaml', '--as-of', '2026-11-01', '--format', format, ...(command === 'run' ? ['--fail-on', 'none'] : [])];
  const run = runs.get(key) ?? runCli(args, { cwd: repoRoot }).then(({ code, stdout }) => {
    expect(code).toBe(0);
    return stdout;
  });
  runs.set(key, run);
  return run;
}

interface Opened {
  page: Page;
  /** Every URL the page requested, its own file included. */
  requests: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Dialogs (alert, confirm) the page opened. */
  dialogs: string[];
  url: string;
}

/** Opens `html` from a file, as a reader would, recording requests, errors and dialogs; any request but the file is refused. */
async function open(html: string, options: { javaScriptEnabled?: boolean; colorScheme?: 'light' | 'dark' } = {}): Promise<Opened> {
  if (!browser) throw new Error('no browser');
  const dir = await tempTree({ 'report.html': html });
  const url = `file://${path.join(dir, 'report.html')}`;
  const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true, colorScheme: options.colorScheme ?? 'light', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const opened: Opened = { page, requests: [], errors: [], dialogs: [], url };
  await context.route(/^(?!file:)/, (route) => route.abort());
  page.on('request', (request) => opened.requests.push(request.url()));
  page.on('console', (message) => void (message.type() === 'error' && opened.errors.push(message.text())));
  page.on('pageerror', (error) => opened.errors.push(error.message));
  page.on('dialog', (dialog) => {
    opened.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(url, { waitUntil: 'load' });
  return opened;
}

/** The coverage section as the reader sees it carries each framework's numbers: the counts table, the bars, the matrix and the gaps. */
async function expectCoverageNumbers(page: Page, frameworks: readonly FrameworkCoverage[]): Promise<void> {
  expect(frameworks.length).toBeGreaterThan(1);
  await expect(page.getByRole('img', { name: 'Framework criteria by coverage status' }).count()).resolves.toBe(1);
  await expect(page.locator('#coverage article.framework').count()).resolves.toBe(frameworks.length);
  for (const [index, { key, summary }] of frameworks.entries()) {
    const cells = await page.locator(`table.coverage-counts tr[data-framework="${key}"] td`).allTextContents();
    expect(cells).toEqual([summary.criteria, ...COVERAGE_STATUSES.map((status) => summary[status]), summary.controls].map(String));
    for (const status of COVERAGE_STATUSES) {
      const segment = page.locator(`#coverage-chart g.bar[data-framework="${key}"] g.segment[data-label="${key} ${status}"]`);
      if (summary[status] === 0) await expect(segment.count()).resolves.toBe(0);
      else await expect(segment.getAttribute('data-value')).resolves.toBe(String(summary[status]));
    }
    const part = page.locator(`#coverage-${index + 1}`);
    await expect(part.getAttribute('data-framework')).resolves.toBe(key);
    await expect(part.locator('tr.criterion').count()).resolves.toBe(summary.assured + summary.unassured);
    await expect(part.locator('tr.criterion[data-status="assured"]').count()).resolves.toBe(summary.assured);
    await expect(part.locator('table.gaps tbody code').count()).resolves.toBe(summary.gap);
    for (const label of ASSURANCE) await expect(part.locator(`ul.counts li[data-key="${label}"] strong`).textContent()).resolves.toBe(String(summary.assurance[label]));
  }
}

/** The sample report with secrets planted where findings, tests, exceptions and warnings quote the data. */
const PLANTED = {
  awsSecret: 'Aa0wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEYzz',
  bearer: 'Aa0eyBearerTokenValue-1234567890abcdef',
  github: 'ghp_Aa0abcdefghijklmnopqrstuvwxyz0123456',
  password: 'Aa0hunter2!secret',
};
function reportWithSecrets(): Report {
  const report = structuredClone(sampleReport);
  const finding = report.controls.find((control) => control.id === 'IAM-1')?.tests[0]?.findings[0];
  const errored = report.controls.find((control) => control.id === 'IR-1')?.tests[0];
  const [exception] = report.exceptions;
  const [warning] = report.warnings;
  if (!finding || !errored || !exception || !warning) throw new Error('sample report changed: a slot is missing');
  finding.message = `key AKIAIOSFODNN7EXAMPLE aws_secret_access_key=${PLANTED.awsSecret}`;
  finding.details = { password: PLANTED.password, note: `Authorization: Bearer ${PLANTED.bearer}` };
  errored.error = `request failed with token ${PLANTED.github}`;
  exception.reason = `db password: ${PLANTED.password}`;
  warning.message = `postgres://admin:${PLANTED.password}@db.internal.example:5432/app`;
  return reportSchema.parse(report);
}

describe.skipIf(!browser)('the HTML report in chromium', () => {
  // Two runs of the example first (cached for the tests after it): slow on a loaded machine.
  it('makes no request but its own file, logs no error, and matches the report in every matrix cell', { timeout: 90_000 }, async () => {
    const report = reportSchema.parse(JSON.parse(await exampleRun('json')));
    const { page, requests, errors, url } = await open(await exampleRun('html'));
    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);
    for (const exists of EXISTS) {
      for (const works of WORKS) {
        const cell = page.locator(`#matrix-chart g.cell[data-exists="${exists}"][data-works="${works}"]`);
        await expect(cell.locator('text.count').textContent()).resolves.toBe(String(report.summary.matrix[exists][works]));
      }
    }
    const tableRow = await page.locator('table.matrix tbody tr').first().locator('td').allTextContents();
    expect(tableRow.slice(0, WORKS.length)).toEqual(WORKS.map((works) => String(report.summary.matrix.evidenced[works])));
    await expect(page.getByRole('img', { name: 'Controls by exists (rows) and works (columns)' }).count()).resolves.toBe(1);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, 'example.html'), await page.content());
    await page.screenshot({ path: path.join(ARTIFACTS, 'example.png'), fullPage: true });
    await page.context().close();
  });

  it('draws each attack path as step boxes joined by arrows, in order, with the report\'s statuses; the list reads without them', async () => {
    const report = reportSchema.parse(JSON.parse(await exampleRun('json')));
    const [scenario] = report.scenarios ?? [];
    if (!scenario) throw new Error('the example declares no scenario');
    const { page, errors } = await open(await exampleRun('html'));
    expect(errors).toEqual([]);
    const steps = page.locator(`#scenarios #scenario-${scenario.id} ol.path > li.step`);
    await expect(steps.count()).resolves.toBe(scenario.steps.length);
    const statuses = await steps.evaluateAll((items) => items.map((item) => item.getAttribute('data-status')));
    expect(statuses).toEqual(scenario.steps.map((step) => step.status));
    // The boxes of the first row run left to right, each but the last followed by an arrow that is not read out.
    const xs = await steps.evaluateAll((items) => items.map((item) => item.getBoundingClientRect().x));
    const arrows: unknown = await page.evaluate(`[...document.querySelectorAll('#scenario-${scenario.id} ol.path > li.step')].map((item) => getComputedStyle(item, '::after').content)`);
    const boxes = xs.map((x, index) => ({ x, arrow: Array.isArray(arrows) ? arrows[index] : undefined }));
    expect(boxes[1]?.x).toBeGreaterThan(boxes[0]?.x ?? Infinity);
    expect(boxes.slice(0, -1).map((box) => box.arrow)).toEqual(boxes.slice(0, -1).map(() => '"→" / ""'));
    expect(boxes.at(-1)?.arrow).toBe('none');
    const text = await page.locator(`#scenario-${scenario.id}`).innerText();
    for (const step of scenario.steps) expect(text).toContain(step.title);
    expect(text).toContain(scenario.residual_risk);
    await page.context().close();
  });

  it('puts the briefing first with --brief: evidence and behaviour apart, the divergences, the path; no error', async () => {
    // The example's JSON report, already run for this file, rendered as run --format html --brief does.
    const report = reportSchema.parse(JSON.parse(await exampleRun('json')));
    const { page, errors } = await open(htmlFormat.format(report, { color: false, brief: {} }));
    expect(errors).toEqual([]);
    await expect(page.locator('main > section').first().getAttribute('id')).resolves.toBe('briefing');
    await expect(page.locator('#brief-evidence h3').textContent()).resolves.toBe('Evidence metrics: is it documented?');
    await expect(page.locator('#brief-behaviour h3').textContent()).resolves.toBe('Behaviour metrics: does it work?');
    await expect(page.locator('#brief-behaviour dd[data-metric="time_to_revoke_hours_p90"]').innerText()).resolves.toContain('33 h (max 24: missed) · PPL-01');
    await expect(page.locator('#briefing table.divergences tbody tr').count()).resolves.toBe(5);
    await expect(page.locator('#briefing article.scenario ol.path > li.step').count()).resolves.toBe(4);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.locator('#briefing').screenshot({ path: path.join(ARTIFACTS, 'example-briefing.png') });
    await page.context().close();
  });

  it('carries the JSON report\'s framework_coverage in its coverage section', async () => {
    const report = reportSchema.parse(JSON.parse(await exampleRun('json')));
    const { page, errors } = await open(await exampleRun('html'));
    await expectCoverageNumbers(page, report.framework_coverage ?? []);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('opens coverage --format html with no request but its own file and no error, with the coverage view\'s numbers', async () => {
    const view = coverageViewSchema.parse(JSON.parse(await exampleRun('json', 'coverage')));
    const { page, requests, errors, url } = await open(await exampleRun('html', 'coverage'), { colorScheme: 'dark' });
    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);
    await expectCoverageNumbers(page, view.frameworks);
    await page.emulateMedia({ media: 'print' });
    await expect(page.evaluate('getComputedStyle(document.body).backgroundColor')).resolves.toBe('rgb(255, 255, 255)');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'example.coverage.png'), fullPage: true });
    await page.context().close();
  });

  it('filters the findings as the reader types, and shows them all again when the box is cleared', async () => {
    const { page, errors } = await open(await exampleRun('html'));
    const rows = page.locator('tr.finding');
    const total = await rows.count();
    expect(total).toBeGreaterThan(10);
    await expect(page.locator('#finding-filter').isVisible()).resolves.toBe(true);
    await page.locator('#finding-search').fill('legacy-etl');
    const visible = rows.filter({ visible: true });
    const shown = await visible.allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(total);
    for (const text of shown) expect(text).toContain('legacy-etl');
    await expect(page.locator('#finding-count').textContent()).resolves.toBe(`${shown.length} of ${total} findings shown`);
    await page.locator('#finding-search').fill('');
    await expect(visible.count()).resolves.toBe(total);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('reads without scripts: every finding shown, no dead search box', async () => {
    const { page } = await open(await exampleRun('html'), { javaScriptEnabled: false });
    const rows = page.locator('tr.finding');
    await expect(rows.filter({ visible: true }).count()).resolves.toBe(await rows.count());
    await expect(page.locator('#finding-filter').isVisible()).resolves.toBe(false);
    await page.context().close();
  });

  it("follows the reader's light or dark setting, and prints without the search and the contents", async () => {
    const { page } = await open(await exampleRun('html'), { colorScheme: 'dark' });
    const background = () => page.evaluate('getComputedStyle(document.body).backgroundColor');
    await expect(background()).resolves.toBe('rgb(18, 18, 18)');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(background()).resolves.toBe('rgb(255, 255, 255)');
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    await expect(background()).resolves.toBe('rgb(255, 255, 255)');
    await expect(page.locator('nav').isVisible()).resolves.toBe(false);
    await expect(page.locator('#finding-filter').isVisible()).resolves.toBe(false);
    await expect(page.locator('tr.finding').first().isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it('shows hostile catalog strings as text: no element, script or dialog comes from them', async () => {
    const { page, errors, dialogs, requests, url } = await open(htmlFormat.format(withCoverage(hostileReport()), { color: false }), { colorScheme: 'dark' });
    await expect(page.locator('h1').textContent()).resolves.toBe(`controlproof: ${HOSTILE.catalogName}`);
    await expect(page.locator('h1 *').count()).resolves.toBe(0);
    await expect(page.locator('script').count()).resolves.toBe(1);
    await expect(page.locator('main b, main [onerror], main [onclick]').count()).resolves.toBe(0);
    const text = await page.locator('body').innerText();
    expect(text).toContain('<script>alert(1)</script>');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    await page.context().close();
  });

  it('holds no planted secret in its text or its markup', async () => {
    const { page } = await open(htmlFormat.format(reportWithSecrets(), { color: false }));
    const text = await page.locator('body').innerText();
    const markup = await page.content();
    expect(text).toContain('AKIAIOSFODNN7EXAMPLE');
    for (const secret of Object.values(PLANTED)) {
      expect(text).not.toContain(secret);
      expect(markup).not.toContain(secret);
    }
    await page.context().close();
  });
});
