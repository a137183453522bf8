// The briefing at the top of the HTML report (`run --format html --brief`): evidence metrics and behaviour metrics in
// two cards, never one score; the trajectory when history is given; the top divergences with their actions; the
// attack paths.
import { EVIDENCE_STATUSES, EXCEPTION_STATUSES, EXISTS, FUNCTIONS, WORKS } from '../../../core/vocabulary.js';
import { briefing, readingText, type Briefing } from '../../../report/briefing.js';
import { actionText, divergenceCauses, flagText } from '../../../report/corrective-actions.js';
import type { ControlResult, Report } from '../../../report/model.js';
import { TIER_HEAD, tierCells } from '../../exceptions/columns.js';
import type { BriefOptions } from '../../define-formatter.js';
import { html, type Markup } from '../../html/markup.js';
import { dataTable } from '../../html/table.js';
import { badge, countList } from '../../html/tones.js';
import { sum } from '../../text/layout.js';
import { scenarioArticle } from './scenarios.js';

function evidenceCard({ evidence }: Briefing): Markup {
  const stale = evidence.staleItems.map((item) => html`<li><code>${item.control}</code> ${item.title} <span class="muted">fresh until ${item.fresh_until ?? 'unknown'}</span></li>`);
  const tiers = dataTable({
    caption: 'Exceptions by risk tier (days since approval)',
    columns: TIER_HEAD.map((title, index) => (index === 0 ? title : { title, numeric: true })),
    rows: evidence.tiers.map((tier) => tierCells(tier, '')),
  });
  return html`<div class="card" id="brief-evidence"><h3>Evidence metrics: is it documented?</h3><h4>Control completion (${evidence.controls} controls)</h4>${countList('control completion', EXISTS, evidence.exists)}<h4>Evidence freshness</h4>${countList('evidence freshness', EVIDENCE_STATUSES, evidence.items)}${stale.length === 0 ? '' : html`<ul>${stale}</ul>`}<h4>Exceptions</h4>${countList('exceptions', EXCEPTION_STATUSES, evidence.exceptions)}${tiers}</div>`;
}

function behaviourCard({ behaviour }: Briefing): Markup {
  const detect = behaviour.byFunction.detect;
  const metrics = behaviour.metrics.map(
    (metric) =>
      html`<dt>${metric.label}</dt><dd data-metric="${metric.metric}">${metric.readings.length === 0 ? html`<span class="muted">not measured</span>` : html`<ul>${metric.readings.map((reading) => html`<li>${readingText(reading)}</li>`)}</ul>`}</dd>`,
  );
  const byFunction = dataTable({
    caption: 'Works by control function',
    columns: ['function', ...WORKS.map((works) => ({ title: works, numeric: true }))],
    rows: FUNCTIONS.map((fn) => [{ header: fn }, ...WORKS.map((works) => behaviour.byFunction[fn][works])]),
  });
  return html`<div class="card" id="brief-behaviour"><h3>Behaviour metrics: does it work?</h3>${countList('works', WORKS, behaviour.works)}${byFunction}<dl class="facts"><dt>Detection coverage</dt><dd>${detect.effective} of ${sum(WORKS.map((works) => detect[works]))} detect controls shown working</dd>${metrics}</dl></div>`;
}

function divergenceRow(control: ControlResult): Markup {
  const open = (control.actions ?? []).filter((action) => action.status !== 'closed');
  const asks = [...(control.action_flags ?? []).map((flag) => html`<li><strong>${flagText(flag)}</strong></li>`), ...divergenceCauses(control).map((cause) => html`<li>${cause}</li>`)];
  return html`<tr><th scope="row"><code>${control.id}</code></th><td>${control.title}</td><td>${badge(control.assurance)}</td><td>${control.risk}</td><td>${control.owner}</td><td><ul>${asks}</ul></td><td>${open.length === 0 ? html`<span class="muted">none open</span>` : html`<ul>${open.map((action) => html`<li>${badge(action.status)} ${actionText(action)}</li>`)}</ul>`}</td></tr>`;
}

function divergences(brief: Briefing): Markup {
  if (brief.divergent === 0) return html`<h3>Divergences</h3><p>No control is paper-only, failing or unproven.</p>`;
  const more = brief.divergent - brief.divergences.length;
  return html`<h3>Top divergences (${brief.divergences.length} of ${brief.divergent})</h3><table class="divergences"><thead><tr><th scope="col">control</th><th scope="col">title</th><th scope="col">assurance</th><th scope="col">risk</th><th scope="col">owner</th><th scope="col">asks and likely causes</th><th scope="col">open actions</th></tr></thead><tbody>${brief.divergences.map(divergenceRow)}</tbody></table>${more > 0 ? html`<p class="muted">${more} more divergent controls: see <a href="#actions">Corrective actions</a>.</p>` : ''}`;
}

/** The briefing section. */
export function briefingSection(report: Report, options: BriefOptions): Markup {
  const brief = briefing(report);
  const trajectory = options.trajectory?.html ?? html`<p class="muted">No run history given: the trajectory needs earlier reports.</p>`;
  const paths = brief.scenarios.length === 0 ? html`<p class="muted">The catalog declares no scenario.</p>` : brief.scenarios.map(scenarioArticle);
  return html`<section id="briefing" class="briefing" aria-labelledby="briefing-heading"><h2 id="briefing-heading">Briefing</h2><p class="muted">Evidence and behaviour measured apart, never one score.</p><div class="blocks">${evidenceCard(brief)}${behaviourCard(brief)}</div><h3>Trajectory</h3>${trajectory}${divergences(brief)}<h3>Attack ${brief.scenarios.length === 1 ? 'path' : 'paths'}</h3>${paths}</section>`;
}
