// The top of the HTML report: what was audited, as of when, over which log window, with which filters.
import type { Report } from '../../../report/model.js';
import { asOfText } from '../../exceptions/columns.js';
import { html, type Markup } from '../../html/markup.js';

const AS_OF_SOURCES: Readonly<Record<Report['as_of_source'], string>> = {
  option: 'set by --as-of',
  catalog: "pinned by the catalog's as_of",
  now: 'the time of the run',
};

/** Each distinct log window, with the sources judged in it; a sentence when no source has one. */
function windowText(report: Report): string {
  const windows = new Map<string, string[]>();
  for (const source of report.sources) {
    if (source.window === undefined) continue;
    const { from, to, length } = source.window;
    const key = `${from.slice(0, 10)} to ${to.slice(0, 10)} (${length})`;
    windows.set(key, [...(windows.get(key) ?? []), source.name]);
  }
  if (windows.size === 0) return 'no log source with a time window';
  return [...windows].map(([window, sources]) => `${window}: ${sources.join(', ')}`).join('; ');
}

/** The --control and --framework filters of the run, or a sentence saying every control ran. */
export function filtersText(report: Pick<Report, 'filters'>): string {
  const { controls, framework } = report.filters;
  const filters = [...(controls === undefined ? [] : [`--control ${controls.join(',')}`]), ...(framework === undefined ? [] : [`--framework ${framework}`])];
  return filters.length === 0 ? 'none: every control of the catalog' : filters.join(' ');
}

/** The catalog with its hash, and the as-of date with where it came from: the first facts of every HTML page. */
export function catalogFacts(report: Pick<Report, 'catalog' | 'as_of' | 'as_of_source'>): Markup {
  return html`<dt>Catalog</dt><dd><code>${report.catalog.path}</code> <span class="muted">sha256 <code>${report.catalog.sha256}</code></span></dd>
<dt>As of</dt><dd><time datetime="${report.as_of}">${asOfText(report.as_of)}</time> <span class="muted">(${AS_OF_SOURCES[report.as_of_source]})</span></dd>`;
}

/** The title and the facts of the run. */
export function headerSection(report: Report): Markup {
  return html`<header>
<h1>controlproof: ${report.catalog.name}</h1>
<dl class="facts">
${catalogFacts(report)}
<dt>Log window</dt><dd>${windowText(report)}</dd>
<dt>Filters</dt><dd>${filtersText(report)}</dd>
<dt>Controls</dt><dd>${report.summary.controls}</dd>
<dt>Expiring</dt><dd>exceptions ending within ${report.warn_days} days</dd>
<dt>Tool</dt><dd>${report.tool.name} ${report.tool.version}</dd>
</dl>
</header>`;
}
