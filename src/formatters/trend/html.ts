import type { TrendView } from '../../report/trend.js';
import { defineFormatter } from '../define-formatter.js';
import { html, type Markup } from '../html/markup.js';
import { htmlPage } from '../html/page.js';
import { warningsSection } from '../run/html/sources.js';
import { windowText } from './columns.js';
import { controlsSection, detectionSection, exceptionAgeSection, metricsSection, runsSection } from './html/sections.js';

/** What the trend page adds to the shared stylesheet: the sparkline's stroke and the grid of small multiples. */
const TREND_STYLE = `
svg.chart .spark { stroke: var(--accent); stroke-width: 1.5; }
.multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 0.5rem 1rem; }
figure.multiple { margin: 0; }
`;

function contents(view: TrendView): Markup {
  const metrics = view.metrics.length === 0 ? '' : html`<li><a href="#metrics">Metrics</a></li>`;
  const exceptions = view.exception_age.length === 0 ? '' : html`<li><a href="#exception-age">Exception age</a></li>`;
  return html`<nav aria-label="contents"><ul><li><a href="#controls">Controls</a></li>${metrics}${exceptions}<li><a href="#detection">Detection</a></li><li><a href="#runs">Runs</a></li></ul></nav>`;
}

function trendPage(view: TrendView): string {
  const newest = view.runs.at(-1);
  const name = newest?.catalog.name ?? '';
  const body = html`<main>
<header>
<h1>Trend: ${name}</h1>
<dl class="facts">
<dt>Window</dt><dd>${windowText(view)}</dd>
<dt>Catalog</dt><dd><code>${newest?.catalog.path ?? ''}</code> <span class="muted">sha256 <code>${newest?.catalog.sha256 ?? ''}</code></span></dd>
</dl>
</header>
${contents(view)}
${controlsSection(view)}
${metricsSection(view)}
${exceptionAgeSection(view)}
${detectionSection(view)}
${runsSection(view)}
${warningsSection(view)}
</main>`;
  return htmlPage({ title: `controlproof trend: ${name}`, body, script: '', style: TREND_STYLE });
}

export default defineFormatter({
  name: 'html',
  view: 'trend',
  description:
    'One self-contained HTML page to hand over: controls per trajectory, each lens as a strip of one square per run beside its words, then small multiples: a sparkline per test metric, per exception tier\'s median age and for detection coverage, ' +
    'each with a table of the same numbers. Inline CSS and SVG only, no script, no request leaves the page; every string from the reports is escaped.',
  extension: 'html',
  // Made inert like run --format html: HTML escaping alone would let bidi overrides through.
  format: trendPage,
});
