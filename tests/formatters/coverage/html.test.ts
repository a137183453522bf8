import { describe, expect, it } from 'vitest';
import { ASSURANCE, COVERAGE_STATUSES } from '../../../src/core/vocabulary.js';
import html from '../../../src/formatters/coverage/html.js';
import { frameworkCoverageSection } from '../../../src/formatters/coverage/html/section.js';
import { escapeHtml } from '../../../src/formatters/html/markup.js';
import { coverageOf, type MappedControl } from '../../../src/report/coverage.js';
import { coverageViewSchema, type CoverageView } from '../../../src/report/coverage-view.js';

const HOSTILE = {
  framework: 'Internal <b>access</b> & "policy"',
  criterion: '<img src=x onerror=alert(1)>',
  control: '<script>alert(1)</script>',
  owner: "o'wner\"><svg onload=alert(1)>@example.com",
  group: 'G1 <i>Group</i>',
  catalog: 'Acme | <b>Security</b>',
};

const controls: MappedControl[] = [
  { id: 'IAM-1', title: 'Root MFA', owner: 'platform-security@example.com', mappings: { internal: ['ACC-1'] }, exists: 'evidenced', works: 'effective', assurance: 'assured' },
  { id: 'IAM-2', title: HOSTILE.control, owner: HOSTILE.owner, mappings: { internal: ['ACC-1', 'ACC-2'] }, exists: 'evidenced', works: 'ineffective', assurance: 'paper-only' },
  { id: 'BAK-1', title: 'Restores rehearsed', owner: 'ops@example.com', mappings: { internal: ['ACC-2'] }, exists: 'stale', works: 'untested', assurance: 'unproven' },
];

function viewOf(frameworks: CoverageView['frameworks']): CoverageView {
  return coverageViewSchema.parse({
    schema: 'controlproof/coverage@1',
    catalog: { path: 'controls.yaml', name: HOSTILE.catalog, sha256: 'ab'.repeat(32) },
    as_of: '2026-11-01T00:00:00.000Z',
    as_of_source: 'option',
    filters: {},
    frameworks,
    warnings: [{ message: 'Source "creds" could not be read: <no file>', hint: 'fix the source' }],
  });
}

const view = viewOf(
  coverageOf(
    [
      {
        key: 'internal',
        title: HOSTILE.framework,
        origin: 'catalog',
        criteria: [
          { id: 'ACC-1', title: 'Named accounts', group: HOSTILE.group },
          { id: 'ACC-2', title: HOSTILE.criterion, group: HOSTILE.group },
          { id: 'ACC-3', title: 'Leavers removed', group: HOSTILE.group },
          { id: 'ACC-4', title: 'Keys rotated', group: 'G2' },
          { id: 'ACC-5', title: 'Logs kept', group: 'G2' },
        ],
      },
      { key: 'other', title: 'Nothing mapped', origin: 'catalog', criteria: [{ id: 'O-1', title: 'One' }] },
    ],
    controls,
  ),
);

const page = html.format(view, { color: false });

/** The markup of the framework article `index` (1-based) of the page. */
function article(text: string, index: number): string {
  const start = text.indexOf(`<article class="framework" id="coverage-${index}"`);
  expect(start).toBeGreaterThan(-1);
  return text.slice(start, text.indexOf('</article>', start));
}

describe('coverage --format html', () => {
  it('is one document with its stylesheet inline, no script, and a policy that admits none', () => {
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(page.endsWith('</html>\n')).toBe(true);
    expect(page).not.toContain('<script');
    expect(page).toContain("script-src &#39;none&#39;");
    expect(page).not.toMatch(/href="(?!#)/);
  });

  it('writes every count of the view in the table, the chart and its description', () => {
    for (const framework of view.frameworks) {
      const { key, summary } = framework;
      const numbers = [summary.criteria, ...COVERAGE_STATUSES.map((status) => summary[status]), summary.controls].map((count) => `<td class="num">${count}</td>`).join('');
      expect(page).toMatch(new RegExp(`<tr data-framework="${key}"><th scope="row">.*?</th>${numbers}</tr>`));
      for (const status of COVERAGE_STATUSES) {
        if (summary[status] > 0) expect(page).toContain(`<g class="segment" data-label="${key} ${status}" data-value="${summary[status]}">`);
      }
      expect(page).toContain(`${key}: ${summary.assured} assured, ${summary.unassured} unassured, ${summary.gap} gap of ${summary.criteria} criteri`);
    }
    const internal = article(page, 1);
    for (const label of ASSURANCE) {
      const count = view.frameworks[0]?.summary.assurance[label];
      expect(internal).toContain(`<li data-key="${label}"><strong>${count}</strong>`);
    }
    expect(internal).toContain('<strong>5 criteria: 1 assured · 1 unassured · 3 gaps</strong>');
    expect(internal).toContain('<h4>3 controls mapped, by assurance</h4>');
  });

  it('lists the mapped criteria with each control\'s two lenses, and the gaps by group', () => {
    const internal = article(page, 1);
    expect(internal.match(/<tr class="criterion" data-status="(\w+)">/g)).toEqual(['<tr class="criterion" data-status="assured">', '<tr class="criterion" data-status="unassured">']);
    // ACC-1 has two controls, ACC-2 two: four rows, each with exists, works and assurance apart.
    expect(internal.match(/<tr[ >]/g)).toHaveLength(1 + 4 + 1 + 2);
    expect(internal).toContain(
      '<td><code>IAM-2</code> &lt;script&gt;alert(1)&lt;/script&gt;</td><td>o&#39;wner&quot;&gt;&lt;svg onload=alert(1)&gt;@example.com</td><td><span class="badge tone-good">evidenced</span></td><td><span class="badge tone-bad">ineffective</span></td><td><span class="badge tone-bad">paper-only</span></td>',
    );
    expect(internal).toContain('<td><code>BAK-1</code> Restores rehearsed</td><td>ops@example.com</td><td><span class="badge tone-warn">stale</span></td><td><span class="badge tone-neutral">untested</span></td>');
    expect(internal).toContain('<caption>Gaps: 3 criteria no control is mapped to</caption>');
    expect(internal).toContain('<tr><th scope="row">G1 &lt;i&gt;Group&lt;/i&gt;</th><td class="num">1</td><td><code>ACC-3</code></td></tr>');
    expect(internal).toContain('<tr><th scope="row">G2</th><td class="num">2</td><td><code>ACC-4</code> <code>ACC-5</code></td></tr>');
    const other = article(page, 2);
    expect(other).toContain('<p>No control is mapped to any of its criteria.</p>');
    expect(other).toContain('<tr><th scope="row">–</th><td class="num">1</td><td><code>O-1</code></td></tr>');
  });

  it('escapes every string from the catalog, which stays text', () => {
    for (const tag of ['<b>', '<i>', '<img', '<svg onload', '<script']) expect(page).not.toContain(tag);
    expect(page).not.toMatch(/<[^>]+\son\w+=/i);
    for (const text of Object.values(HOSTILE)) expect(page).toContain(escapeHtml(text));
    expect(page).toContain('<h1>Framework coverage: Acme | &lt;b&gt;Security&lt;/b&gt;</h1>');
    expect(page).toContain('<title>controlproof coverage: Acme | &lt;b&gt;Security&lt;/b&gt;</title>');
    expect(page).toContain('<li>Source &quot;creds&quot; could not be read: &lt;no file&gt;<br><span class="muted">fix the source</span></li>');
  });

  it('names the run\'s filters, and says so when no framework is in scope', () => {
    expect(html.format({ ...view, filters: { framework: 'internal' } }, { color: false })).toContain('<dt>Filters</dt><dd>--framework internal</dd>');
    const empty = html.format(viewOf([]), { color: false });
    expect(empty).toContain('<p>No control is mapped to a framework, and the catalog declares none.</p>');
    expect(empty).not.toContain('<svg class="chart"');
  });

  it('is the section of the run report, and gives identical bytes for the same view', () => {
    expect(page).toContain(frameworkCoverageSection(view.frameworks).toString());
    expect(html.format(structuredClone(view), { color: false })).toBe(page);
  });
});
