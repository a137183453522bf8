import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASSURANCE, EXISTS, WORKS } from '../../../src/core/vocabulary.js';
import { escapeHtml, render as markupText } from '../../../src/formatters/html/markup.js';
import { inert } from '../../../src/formatters/text/inert.js';
import htmlFormat from '../../../src/formatters/run/html.js';
import { frameworkCoverageSection } from '../../../src/formatters/coverage/html/section.js';
import { coverageMatrixSection } from '../../../src/formatters/run/html/coverage.js';
import { FINDING_FILTER_SCRIPT } from '../../../src/formatters/run/html/filter-script.js';
import { reportSchema, type Report } from '../../../src/report/model.js';
import { withCoverage } from '../format-view.js';
import { HOSTILE, hostileReport } from '../hostile-report.js';
import { sampleReport } from '../sample-report.js';
import { repoRoot } from '../../support/paths.js';

const render = (report: Report, onlyFailing = false): string => htmlFormat.format(report, { color: false, onlyFailing });

/** The ids of the page's sections, in order. */
const sectionIds = (page: string): string[] => [...page.matchAll(/<section id="([^"]+)"/g)].map((match) => match[1] ?? '');

/** The text between `<tag ...>` and `</tag>` of the first such element. */
function elementText(page: string, tag: string): string {
  const match = new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`).exec(page);
  if (!match?.[1]) throw new Error(`no ${tag}`);
  return match[1];
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64');

describe('run --format html', () => {
  it('is one document with its stylesheet and script inline, and a policy that admits only those two', () => {
    const page = render(sampleReport);
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(page.endsWith('</html>\n')).toBe(true);
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page.match(/<style/g)).toHaveLength(1);
    expect(elementText(page, 'script')).toBe(FINDING_FILTER_SCRIPT);
    const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1]?.replaceAll('&#39;', "'") ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain(`style-src 'sha256-${sha256(elementText(page, 'style'))}'`);
    expect(policy).toContain(`script-src 'sha256-${sha256(FINDING_FILTER_SCRIPT)}'`);
  });

  it('refers to nothing outside the page: no link, image, frame, import, font or URL to fetch', () => {
    const page = render(sampleReport);
    expect(page).not.toMatch(/<(link|img|iframe|object|embed|video|audio|source|base)\b/i);
    expect(page).not.toMatch(/\b(src|srcset|action|poster)=/i);
    expect(page).not.toMatch(/@import|@font-face|url\((?!#pattern-)/i);
    expect(page).not.toMatch(/href="(?!#)/);
    // The SVG namespace is a name, never fetched; it is the only URL of the page.
    expect(new Set([...page.matchAll(/https?:\/\/[^\s"'<)]+/g)].map((match) => match[0]))).toEqual(new Set(['http://www.w3.org/2000/svg']));
  });

  it('shows, in order: header, both lenses, paper-only then failing then the other controls, excepted findings, exceptions, sources, warnings', () => {
    const page = render(sampleReport);
    expect(page.indexOf('<header>')).toBeLessThan(page.indexOf('<section id="summary"'));
    expect(sectionIds(page)).toEqual(['summary', 'paper-only', 'failing', 'other-controls', 'actions', 'excepted', 'exceptions', 'sources', 'warnings']);
    expect(page).toContain('<h2 id="paper-only-heading">Paper-only (2): evidenced on paper, failing in the data</h2>');
    const controls = [...page.matchAll(/<article class="control tone-\w+" data-control="([^"]+)" data-assurance="([^"]+)"/g)].map((match) => `${match[1]}:${match[2]}`);
    expect(controls.slice(0, 3).map((control) => control.split(':')[1])).toEqual(['paper-only', 'paper-only', 'failing']);
    expect(controls).toHaveLength(sampleReport.controls.length);
  });

  it('names the catalog, the as-of date and where it came from, the log window and the filters', () => {
    const report = reportSchema.parse({
      ...sampleReport,
      as_of_source: 'catalog',
      filters: { controls: ['IAM-1', 'LOG-1'], framework: 'soc2' },
      sources: [...sampleReport.sources, { name: 'trail-logs', type: 'aws/cloudtrail-logs', status: 'ok', files: [], records: 9, window: { from: '2025-04-01T00:00:00.000Z', to: '2025-06-30T00:00:00.000Z', length: '90d', records_before: 2, records_after: 0 } }],
    });
    const header = elementText(render(report), 'header');
    expect(header).toContain('<h1>controlproof: Acme Corp security controls</h1>');
    expect(header).toContain('<dt>Catalog</dt><dd><code>controls.yaml</code>');
    expect(header).toContain('<time datetime="2025-06-30T00:00:00.000Z">2025-06-30</time> <span class="muted">(pinned by the catalog&#39;s as_of)</span>');
    expect(header).toContain('<dt>Log window</dt><dd>2025-04-01 to 2025-06-30 (90d): trail-logs</dd>');
    expect(header).toContain('<dt>Filters</dt><dd>--control IAM-1,LOG-1 --framework soc2</dd>');
    expect(elementText(render(sampleReport), 'header')).toContain('<dt>Log window</dt><dd>no log source with a time window</dd>');
  });

  it('draws the matrix with every count in its cell, and writes the same counts in a table', () => {
    const page = render(sampleReport);
    for (const exists of EXISTS) {
      for (const works of WORKS) {
        const count = sampleReport.summary.matrix[exists][works];
        expect(page).toContain(`<g class="cell" data-exists="${exists}" data-works="${works}" data-count="${count}">`);
      }
    }
    expect(page).toContain('<tr><th scope="row">evidenced</th><td class="num">1</td><td class="num">1</td><td class="num">0</td><td class="num">1</td><td class="num">3</td></tr>');
    expect(page).toContain('<tr><th scope="row">total</th><td class="num">2</td><td class="num">3</td><td class="num">2</td><td class="num">1</td><td class="num">8</td></tr>');
    expect(page).toContain('<tr><th scope="row">prevent</th><td class="num">2</td><td class="num">2</td><td class="num">1</td><td class="num">0</td><td class="num">5</td></tr>');
    for (const label of ASSURANCE) expect(page).toContain(`<li data-key="${label}"><strong>${sampleReport.summary.assurance[label]}</strong>`);
  });

  it('gives every picture a title and a description that carries its numbers', () => {
    const page = render(sampleReport);
    const svgs = [...page.matchAll(/<svg class="chart"[^>]*aria-labelledby="([^"]+)"[^>]*>/g)];
    expect(svgs.map((match) => match[1])).toEqual([
      'exists-by-function-chart-title exists-by-function-chart-desc',
      'works-by-function-chart-title works-by-function-chart-desc',
      'matrix-chart-title matrix-chart-desc',
      'exception-age-chart-title exception-age-chart-desc',
    ]);
    expect(page).toContain('<desc id="matrix-chart-desc">evidenced: 1 effective, 1 ineffective, 0 error, 1 untested; stale: 0 effective');
    expect(page).toContain('high: 2 exceptions, median 220 days, oldest 400 days');
  });

  it('shows every finding of every control, excepted ones with their exception', () => {
    const report = structuredClone(sampleReport);
    const [test] = report.controls.find((control) => control.id === 'LOG-1')?.tests ?? [];
    if (!test) throw new Error('sample report changed');
    test.findings = Array.from({ length: 40 }, (_, index) => ({ resource: `trail-${index}`, message: `finding ${index}` }));
    const page = render(reportSchema.parse(report));
    expect(page.match(/<tr class="finding">/g)).toHaveLength(sampleReport.controls.reduce((total, control) => total + control.tests.reduce((sum, each) => sum + each.findings.length, 0), 0) - 1 + 40);
    expect(page).toContain('<code>trail-39</code>');
    const excepted = elementText(page.slice(page.indexOf('<section id="excepted"')), 'tbody');
    expect(excepted).toContain('<a href="#exception-1"><code>EX-3</code></a>');
    expect(excepted).toContain('<span class="badge tone-bad">expired</span>');
  });

  it('shows evidence with its age at as-of, and metrics against their thresholds', () => {
    const page = render(sampleReport);
    expect(page).toMatch(/<td>Quarterly access review sign-off<\/td><td><span class="badge tone-warn">stale<\/span><\/td><td class="nowrap">\d{4}-\d\d-\d\d<\/td><td class="num">\d+<\/td>/);
    expect(page).toContain('<td><code>mfa_coverage_pct</code></td><td class="num">81</td><td>at least 100</td><td><span class="badge tone-bad">missed</span></td>');
  });

  it('lists every exception most urgent first, and their age per tier', () => {
    const page = render(sampleReport);
    const ids = [...page.matchAll(/<tr id="exception-\d+" data-status="(\w+)">/g)].map((match) => match[1]);
    expect(ids).toEqual(['expired', 'expiring', 'active', 'unused']);
    expect(page).toContain('<tr><th scope="row">high</th><td class="num">2</td><td class="num">220</td><td class="num">400</td><td class="num">1</td><td class="num">0</td><td class="num">1</td><td class="num">0</td></tr>');
  });

  it('with --only-failing leaves out the other controls but keeps their tests that could not run', () => {
    const page = render(sampleReport, true);
    expect(sectionIds(page)).toEqual(['summary', 'paper-only', 'failing', 'actions', 'excepted', 'exceptions', 'errored-tests', 'sources', 'warnings']);
  });

  it('shows the framework coverage after the exceptions, the same section as coverage --format html, with the report\'s numbers', () => {
    const report = withCoverage(sampleReport);
    const page = render(report);
    expect(sectionIds(page)).toEqual(['summary', 'paper-only', 'failing', 'other-controls', 'actions', 'excepted', 'exceptions', 'coverage', 'sources', 'warnings']);
    expect(page).toContain('<li><a href="#coverage">Framework coverage</a></li>');
    expect(page).toContain(markupText(coverageMatrixSection(report)));
    expect(markupText(coverageMatrixSection(report))).toBe(frameworkCoverageSection(report.framework_coverage ?? []).toString());
    for (const { key, summary } of report.framework_coverage ?? []) {
      expect(page).toContain(`<tr data-framework="${key}"><th scope="row"><a href="#coverage-`);
      expect(page).toContain(`${key}: ${summary.assured} assured, ${summary.unassured} unassured, ${summary.gap} gap of ${summary.criteria} criteria`);
    }
    expect(page).toContain('soc2: 1 assured, 6 unassured, 54 gap of 61 criteria');
    expect(page).toContain('<tr class="criterion" data-status="assured"><td class="nowrap"><code>CC6.1</code></td>');
  });

  it('has no coverage section for a report written before reports carried framework_coverage', () => {
    expect(coverageMatrixSection(sampleReport)).toBe('');
    expect(render(sampleReport)).not.toContain('href="#coverage"');
  });

  it('escapes every hostile string from the catalog or the data, which stays text', () => {
    const page = render(withCoverage(hostileReport()));
    expect(page).toContain('<section id="coverage"');
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).not.toContain('<b>Corp');
    expect(page).not.toMatch(/<[^>]+\son\w+=/i);
    for (const text of Object.values(HOSTILE)) expect(page).toContain(escapeHtml(inert(text)));
    expect(page).toContain('<h1>controlproof: Acme | &lt;b&gt;Corp&lt;/b&gt; &amp; &quot;Partners&quot;');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;');
  });

  it('stays small for the example: its golden file is under 1 MB', () => {
    expect(statSync(path.join(repoRoot, 'tests/golden/example.html')).size).toBeLessThan(1_000_000);
  });

  it('gives identical bytes for the same report', () => {
    expect(render(withCoverage(hostileReport()))).toBe(render(withCoverage(hostileReport())));
  });
});
