import { describe, expect, it } from 'vitest';
import { html } from '../../../src/formatters/html/markup.js';
import markdown from '../../../src/formatters/run/markdown.js';
import { reportSchema, type Report } from '../../../src/report/model.js';
import { hostileReport } from '../hostile-report.js';
import { sampleReport } from '../sample-report.js';

const render = (report: Report, onlyFailing = false): string => markdown.format(report, { color: false, onlyFailing });

/** The lines of the section under `heading`, up to the next heading of that level or higher. */
function section(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`no section ${heading}`);
  const level = heading.indexOf(' ');
  const end = lines.findIndex((line, index) => index > start && /^#+ /.test(line) && line.indexOf(' ') <= level);
  return lines.slice(start, end < 0 ? undefined : end);
}

/** The cells of a table row as GitHub splits it: at every pipe not escaped by a backslash. */
function cellsOf(row: string): string[] {
  return row.slice(2, -2).split(/(?<!\\)\|/).map((cell) => cell.trim());
}

describe('run --format markdown', () => {
  it('opens with the catalog, the as-of date and the number of controls', () => {
    expect(render(sampleReport).split('\n').slice(0, 3)).toEqual([
      '# controlproof: Acme Corp security controls',
      '',
      'Catalog `controls.yaml` · as of 2025-06-30 · 8 controls · exceptions expiring within 30 days',
    ]);
  });

  it('names the filters and a catalog-pinned as-of', () => {
    const report = reportSchema.parse({ ...sampleReport, as_of_source: 'catalog', filters: { controls: ['IAM-1', 'LOG-1'], framework: 'soc2' } });
    expect(render(report).split('\n')[2]).toBe(
      "Catalog `controls.yaml` · as of 2025-06-30 (pinned by the catalog's as\\_of) · 8 controls · only `--control IAM-1,LOG-1 --framework soc2` · exceptions expiring within 30 days",
    );
  });

  it('counts each lens on its own, then the exists × works matrix with totals and works by function', () => {
    expect(section(render(sampleReport), '## Summary')).toEqual([
      '## Summary',
      '',
      '**Exists:** 3 evidenced · 2 stale · 1 missing · 2 none',
      '',
      '**Works:** 2 effective · 3 ineffective · 2 error · 1 untested',
      '',
      '**Assurance:** 1 assured · 2 paper-only · 2 unproven · 1 undocumented · 1 failing · 1 unknown',
      '',
      '**Tests:** 3 pass · 3 fail · 2 error · 1 vacuous',
      '',
      '| exists \\\\ works | effective | ineffective | error | untested | total |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      '| evidenced | 1 | 1 | 0 | 1 | 3 |',
      '| stale | 0 | 1 | 1 | 0 | 2 |',
      '| missing | 0 | 0 | 1 | 0 | 1 |',
      '| none | 1 | 1 | 0 | 0 | 2 |',
      '| total | 2 | 3 | 2 | 1 | 8 |',
      '',
      '| works by function | effective | ineffective | error | untested | total |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      '| prevent | 2 | 2 | 1 | 0 | 5 |',
      '| detect | 0 | 1 | 0 | 0 | 1 |',
      '| respond | 0 | 0 | 1 | 0 | 1 |',
      '| recover | 0 | 0 | 0 | 1 | 1 |',
      '',
    ]);
  });

  it('puts paper-only, then failing controls first, with owner, evidence problems, failing tests and findings', () => {
    const text = render(sampleReport);
    const headings = text.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual([
      '## Summary',
      '## Paper-only (2): evidenced on paper, failing in the data',
      '## Failing (1): neither evidenced nor working',
      '## Other controls (5)',
      '## Corrective actions (5)',
      '## Tests that could not run (2)',
      '## Exceptions',
      '## Sources (6, 1 with errors)',
      '## Warnings (2)',
    ]);
    expect(section(text, '### JML-2: Leavers lose access to every system within one business day of their termination date')).toEqual([
      '### JML-2: Leavers lose access to every system within one business day of their termination date',
      '',
      'owner it-operations@acme.example · risk critical · function prevent · exists **stale** · works **ineffective**',
      '',
      '- **stale** evidence Quarterly access review sign-off',
      '- **fail** `okta/leavers-deactivated` · source okta-users · examined 37 · 2 findings, 1 excepted',
      '  - `00u8k2m4n5p6q7r8s9t0`: user ben.ortiz@acme.example is ACTIVE 12 days after termination on 2025-06-18',
      '  - `00u1a2b3c4d5e6f7g8h9`: user mei.li@acme.example is ACTIVE 30 days after termination on 2025-05-31 *(excepted by EX-7)*',
      '',
    ]);
    expect(text).toContain('  - `arn:aws:iam::210987654321:user/ci-deploy`: user ci-deploy has console access without MFA **(exception EX-3 expired)**');
    expect(text).toContain('  - metric `mfa_coverage_pct` = 81 (min 100)');
  });

  it('lists every finding, a hand-over document; --max-findings cuts each test, unexcepted first, and counts the rest', () => {
    const report = structuredClone(sampleReport);
    const control = report.controls.find((each) => each.id === 'LOG-1');
    const [test] = control?.tests ?? [];
    if (!control || !test) throw new Error('sample report changed');
    const findings = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => ({ resource: `${prefix}-${index}`, message: `finding ${index}` }));
    test.findings = [{ resource: 'excepted', message: 'covered', excepted_by: 'EX-7' }, ...findings('a', 7)];
    control.tests.push({ ...test, check: 'aws/cloudtrail-log-validation', findings: findings('b', 6) });
    const heading = '### LOG-1: CloudTrail records management events in every region';
    const shownOf = (lines: string[]): string[] => lines.filter((line) => /^ {2}- `/.test(line));
    const whole = section(render(reportSchema.parse(report)), heading);
    expect(shownOf(whole)).toHaveLength(14);
    expect(whole.filter((line) => line.includes('more finding'))).toEqual([]);
    const cut = section(markdown.format(reportSchema.parse(report), { color: false, maxFindings: 5 }), heading);
    const shown = shownOf(cut);
    expect(shown).toHaveLength(10);
    expect(shown[0]).toBe('  - `a-0`: finding 0');
    expect(shown).not.toContain('  - `excepted`: covered *(excepted by EX-7)*');
    expect(cut.filter((line) => line.includes('more finding'))).toEqual([
      '  - … and 3 more findings: `--format csv` or `json` lists all',
      '  - … and 1 more finding: `--format csv` or `json` lists all',
    ]);
  });

  it('lists the other controls as a table, left out with --only-failing', () => {
    const rows = section(render(sampleReport), '## Other controls (5)').filter((line) => line.startsWith('| '));
    expect(rows.slice(0, 3)).toEqual([
      '| id | title | owner | risk | function | exists | works | assurance |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      '| MFA-2 | Workforce identities enrol a phishing-resistant MFA factor | identity@acme.example | high | prevent | evidenced | effective | assured |',
    ]);
    expect(render(sampleReport, true)).not.toContain('## Other controls');
  });

  it('lists every exception most urgent first, then their age by risk tier', () => {
    const lines = section(render(sampleReport), '## Exceptions');
    expect(lines.slice(6, 10)).toEqual([
      '| EX-3 | IAM-1 | expired | platform-security@acme.example | high | 2024-05-26 | 2025-05-26 | 35 overdue | 1 |',
      '| EX-9 | KEY-3 | expiring | platform-security@acme.example | medium | 2025-01-11 | 2025-07-14 | 14 left | 1 |',
      '| EX-7 | JML-2 | active | it-operations@acme.example | high | 2025-05-21 | 2025-11-21 | 144 left | 1 |',
      '| EX-12 | MFA-2 | unused | identity@acme.example | low | 2025-06-10 | 2025-12-10 | 163 left | 0 |',
    ]);
    expect(section(render(sampleReport), '### Age by risk tier (days since approval)')).toContain('| high | 2 | 220 | 400 | 1 | 0 |');
  });

  it('keeps every table row to its columns and every hostile string to its cell or line', () => {
    const text = render(hostileReport());
    const tableRows = text.split('\n').filter((line) => line.startsWith('| '));
    const widths = new Set(tableRows.map((row) => `${cellsOf(row).length}`));
    // The summary tables have 6 columns, the others 8, 4, 9, 6 and 6: no row has one more or one less than its head.
    for (const block of text.split('\n\n').filter((chunk) => chunk.startsWith('| '))) {
      const rows = block.split('\n');
      const columns = cellsOf(rows[0] ?? '').length;
      for (const row of rows) expect(cellsOf(row), row).toHaveLength(columns);
    }
    expect(widths.size).toBeGreaterThan(1);
    expect(text).not.toMatch(/<(?!br>)[a-z/]/i);
    expect(text).toContain('# controlproof: Acme \\| &lt;b&gt;Corp&lt;/b&gt; &amp; "Partners" \\`ops\\` \\*bold\\* \\_u\\_ \\[link\\](https://x.example) \\$x^2\\$ \\~\\~s\\~\\~ \\#1 @team');
    expect(text).toContain('  - `@SUM(A1:A9),"x"|y`: -2+3 ::error title=forged::pwned %25 %0A &lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;');
    expect(text).toContain('### LOG-1: \\- not a list item');
    expect(text).toContain('| BAK-1 | &#32;&#32;&#32;&#32;&#32;indented code? |');
    expect(text).toContain('| MFA-2 | Zoë’s 日本語 🚀 identities enrol MFA |');
    expect(text).toContain('- 1\\. not a list \\| \\#\\# not a heading (Retire it');
    expect(text).toContain('  - fix: Run `aws iam x --y` then \\| pipe, and ``a ` tick`` too');
    // The test error's line break is shown as \n (inert), its backslash escaped: one row, one line.
    expect(text).toContain('| IR-1 | `assert` | source guardduty-detectors | line one\\\\nline two, with "quotes" |');
  });

  it('gives identical bytes for the same report', () => {
    expect(render(hostileReport())).toBe(render(hostileReport()));
  });
});

describe('run --format markdown: attack paths', () => {
  const text = render(hostileReport());

  it('draws each scenario as a numbered path: each step with its status, its controls and both lenses, then the residual risk', () => {
    const lines = section(text, '## Attack paths (1)');
    expect(lines.slice(2, 5)).toEqual(['### ATK-1: 1\\. &lt;img src=x onerror=alert(1)&gt; \\| \\#\\# path', '', expect.stringMatching(/^\*\*held by an assured control\*\* \(held\) · /)]);
    expect(lines).toContain('1. **\\- step \\*one\\* \\`two\\` &lt;b&gt;three&lt;/b&gt;**: held only on paper');
    expect(lines).toContain('   - **IAM-1** =HYPERLINK("https://evil.example","click"), 50% done :: "quoted"\\\\nnext line · prevent · exists **evidenced** · works **ineffective** · paper-only');
    expect(lines).toContain('2. → **\\- not a list item**: held by an assured control');
    expect(lines).toContain('   - GONE-1: not in this run (--control or --framework left it out)');
    expect(lines.filter((line) => line !== '').at(-1)).toBe('**Residual risk:** Held at step 2 by an assured control; risk remains at step 1 (held only on paper: documented, not shown working).');
  });

  it('has no attack-path section when the catalog declares none', () => {
    expect(render(sampleReport)).not.toContain('## Attack paths');
  });
});

describe('run --format markdown --brief', () => {
  it('is the briefing alone, with the trajectory block in its slot when one is given', () => {
    const brief = markdown.format(hostileReport(), { color: false, brief: { trajectory: { markdown: ['- IAM-1 works: deteriorating'], html: html`` } } });
    expect(section(brief, '## Trajectory')).toEqual(['## Trajectory', '', '- IAM-1 works: deteriorating', '']);
    expect(brief).not.toContain('## Summary');
    expect(brief).toContain('## Attack path\n\n### ATK-1: ');
    const without = markdown.format(sampleReport, { color: false, brief: {} });
    expect(section(without, '## Trajectory')).toEqual(['## Trajectory', '', 'No run history given: the trajectory needs earlier reports.', '']);
    expect(section(without, '## Attack path')).toEqual(['## Attack path', '', 'The catalog declares no scenario.', '']);
  });
});
