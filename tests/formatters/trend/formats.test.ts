// Golden outputs of every trend format for the hand-made mixed sequence (improving, stagnating, deteriorating, a
// missed week, a changed catalog with a renamed, a removed and an added control), and what each must hold.
// `UPDATE_GOLDEN=1 npx vitest run tests/formatters/trend` rewrites the golden files; review the diff.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import htmlFormat from '../../../src/formatters/trend/html.js';
import jsonFormat from '../../../src/formatters/trend/json.js';
import markdownFormat from '../../../src/formatters/trend/markdown.js';
import tableFormat from '../../../src/formatters/trend/table.js';
import { trajectoryLines } from '../../../src/formatters/trend/trajectory.js';
import { trendOf, trendViewSchema, type TrendView } from '../../../src/report/trend.js';
import { repoRoot } from '../../support/paths.js';
import { MIXED, sequence } from '../../report/trend-sequences.js';

const GOLDEN = path.join(repoRoot, 'tests/formatters/trend/golden');
const updating = process.env['UPDATE_GOLDEN'] === '1';

function goldenText(name: string, actual: string): string {
  if (updating) writeFileSync(path.join(GOLDEN, name), actual);
  return readFileSync(path.join(GOLDEN, name), 'utf8');
}

const mixed = (): TrendView => trendOf(sequence(MIXED), { last: 5 });
const HOSTILE = '<script>alert(1)</script> & "x" \u202e | *b* `c`';
const SECRET = 'ghp_Aa0abcdefghijklmnopqrstuvwxyz012345';

/** The mixed sequence with hostile text and a secret in the newest run's control title and owner. */
function hostile(): TrendView {
  const inputs = sequence(MIXED);
  const newest = inputs.at(-1)?.report.controls.find((control) => control.id === 'LOG-1');
  if (!newest) throw new Error('sequence changed');
  newest.title = `${HOSTILE} token ${SECRET}`;
  newest.owner = HOSTILE;
  return trendOf(inputs, { last: 5 });
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64');

describe('trend formats', () => {
  it.each([
    ['mixed.txt', tableFormat],
    ['mixed.md', markdownFormat],
    ['mixed.json', jsonFormat],
    ['mixed.html', htmlFormat],
  ] as const)('%s is as golden, and the same on every call', (name, formatter) => {
    const output = formatter.format(mixed(), { color: false, width: 120 });
    expect(output).toBe(goldenText(name, output));
    expect(formatter.format(mixed(), { color: false, width: 120 })).toBe(output);
  });

  it('json is the view, valid against its schema', () => {
    expect(trendViewSchema.parse(JSON.parse(jsonFormat.format(mixed(), { color: false })))).toEqual(mixed());
  });

  it('table and markdown state the rule and the order, and list deteriorating controls first', () => {
    for (const formatter of [tableFormat, markdownFormat]) {
      const output = formatter.format(mixed(), { color: false, width: 200 }).replace(/\\/g, '').replaceAll('&lt;', '<');
      expect(output).toContain('compares its verdict in the newest run with the oldest');
      expect(output).toContain('Order, worst first: exists none < missing < stale < evidenced');
      expect(output.indexOf('Deteriorating (2)')).toBeLessThan(output.indexOf('Gap (missing from some runs) (2)'));
      expect(output.indexOf('Gap (missing from some runs) (2)')).toBeLessThan(output.indexOf('Stagnating (3)'));
      expect(output).toContain('Catalog changes (1)');
    }
  });
});

describe('trend --format html', () => {
  const page = htmlFormat.format(mixed(), { color: false });

  it('is one document with its stylesheet inline, no script, and a policy that admits only that stylesheet', () => {
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(page).not.toContain('<script');
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
    const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1]?.replaceAll('&#39;', "'") ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain(`style-src 'sha256-${sha256(style)}'`);
    expect(policy).toContain("script-src 'none'");
    expect(page).not.toMatch(/<(link|img|iframe|object|embed)\b|\b(src|srcset)=|href="(?!#)/i);
  });

  it('gives every picture a title and a description with every value, and the same numbers in a table', () => {
    const charts = [...page.matchAll(/<svg class="chart" id="([^"]+)"[^>]*aria-labelledby="([^"]+)"/g)];
    expect(charts.length).toBeGreaterThan(0);
    for (const [, id, labels] of charts) expect(labels).toBe(`${id}-title ${id}-desc`);
    expect(page).toContain('<desc id="metric-0-desc">2026-10-04: 70; 2026-10-11: 80; 2026-10-18: none; 2026-11-01: 95; 2026-11-08: 100</desc>');
    expect(page).toContain('<td class="num">70</td><td class="num">80</td><td class="num">—</td><td class="num">95</td><td class="num">100</td>');
    expect(page).toContain('<desc id="control-6-works-desc">2026-10-04: none; 2026-10-11: none; 2026-10-18: none; 2026-11-01: effective; 2026-11-08: effective</desc>');
  });

  it('breaks the sparkline where a run has no value', () => {
    expect(page).toMatch(/<path class="spark" d="M[\d.]+ [\d.]+ L[\d.]+ [\d.]+ M[\d.]+ [\d.]+ L[\d.]+ [\d.]+"/);
  });

  it('escapes every string and masks secrets', () => {
    const output = htmlFormat.format(hostile(), { color: false });
    expect(output).not.toContain('<script>alert');
    expect(output).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; \\u202e');
    expect(output).not.toContain('\u202e');
    expect(output).not.toContain(SECRET);
  });
});

describe('trajectoryLines', () => {
  it('masks and escapes what it quotes, since the briefing embeds it as it is', () => {
    const lines = trajectoryLines(hostile()).join('\n');
    expect(lines).not.toContain(SECRET);
    expect(lines).not.toContain('\u202e');
    expect(lines).not.toContain('<script>');
  });
});
