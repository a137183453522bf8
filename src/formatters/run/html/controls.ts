// The controls of the HTML report: paper-only, then failing, then (unless --only-failing) the rest, each with
// owner, risk, both lenses, evidence, tests, metrics and every finding.
import type { ControlResult, Report } from '../../../report/model.js';
import { html, type Markup } from '../../html/markup.js';
import { badge, toneOf } from '../../html/tones.js';
import { detailSections, shownInDetail } from '../detail-sections.js';
import { controlFindings, findingFilter, type ExceptionAnchors } from './findings.js';
import { evidenceTable, metricsTable, testsTable } from './tests.js';

function mappingsText(control: ControlResult): string {
  const mappings = Object.entries(control.mappings).map(([framework, criteria]) => `${framework}: ${criteria.join(', ')}`);
  return mappings.length === 0 ? 'none' : mappings.join('; ');
}

function controlArticle(control: ControlResult, report: Report, anchors: ExceptionAnchors): Markup {
  return html`<article class="control tone-${toneOf(control.assurance)}" data-control="${control.id}" data-assurance="${control.assurance}">
<h3><code>${control.id}</code> ${control.title}</h3>
${control.description === undefined ? '' : html`<p>${control.description}</p>`}
<dl class="facts">
<dt>Assurance</dt><dd>${badge(control.assurance)}</dd>
<dt>Exists</dt><dd>${badge(control.exists)}</dd>
<dt>Works</dt><dd>${badge(control.works)}</dd>
<dt>Owner</dt><dd>${control.owner}</dd>
<dt>Risk</dt><dd>${control.risk}</dd>
<dt>Function</dt><dd>${control.function}</dd>
<dt>Mappings</dt><dd>${mappingsText(control)}</dd>
</dl>
${evidenceTable(control, report)}
${testsTable(control)}
${metricsTable(control)}
${controlFindings(control, anchors)}
</article>`;
}

function group(id: string, heading: string, controls: readonly ControlResult[], report: Report, anchors: ExceptionAnchors): Markup {
  return html`<section id="${id}" aria-labelledby="${id}-heading"><h2 id="${id}-heading">${heading}</h2>${controls.map((control) => controlArticle(control, report, anchors))}</section>`;
}

/** The filter over findings, then one section per attention level that has controls, then the others. */
export function controlSections(report: Report, anchors: ExceptionAnchors, onlyFailing: boolean): Markup {
  const attention = detailSections(report);
  const others = onlyFailing ? [] : report.controls.filter((control) => !shownInDetail(control));
  return html`<div id="controls">
${findingFilter([...attention.flatMap((section) => section.controls), ...others])}
${attention.length === 0 ? html`<section id="attention"><h2>Needs action</h2><p>No paper-only or failing controls.</p></section>` : ''}
${attention.map((section) => group(section.assurance, `${section.heading} (${section.controls.length}): ${section.meaning}`, section.controls, report, anchors))}
${others.length === 0 ? '' : group('other-controls', `Other controls (${others.length})`, others, report, anchors)}
</div>`;
}
