import type { CoverageView } from '../../report/coverage-view.js';
import { defineFormatter } from '../define-formatter.js';
import { html } from '../html/markup.js';
import { htmlPage } from '../html/page.js';
import { catalogFacts, filtersText } from '../run/html/header.js';
import { warningsSection } from '../run/html/sources.js';
import { frameworkCoverageSection } from './html/section.js';

function coveragePage(view: CoverageView): string {
  const body = html`<main>
<header>
<h1>Framework coverage: ${view.catalog.name}</h1>
<dl class="facts">
${catalogFacts(view)}
<dt>Filters</dt><dd>${filtersText(view)}</dd>
</dl>
</header>
${frameworkCoverageSection(view.frameworks)}
${warningsSection(view)}
</main>`;
  return htmlPage({ title: `controlproof coverage: ${view.catalog.name}`, body, script: '' });
}

export default defineFormatter({
  name: 'html',
  view: 'coverage',
  description:
    'One self-contained HTML page to hand over, the coverage section of run --format html on its own: per framework a bar of assured, unassured and gap criteria (with the numbers in a table), ' +
    'the criteria some control is mapped to with each control\'s owner, exists, works and assurance, and the gaps by group. No script, no request leaves the page; every string from the catalog is escaped.',
  extension: 'html',
  // Made inert like run --format html: HTML escaping alone would let bidi overrides through.
  format: coveragePage,
});
