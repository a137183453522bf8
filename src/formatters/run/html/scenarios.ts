// Attack paths in the HTML report: each scenario drawn as a row of step boxes joined by arrows (CSS only), the
// ordered list being its own text equivalent; each box names its controls with both lenses; then the residual risk.
import type { Report, ScenarioControl, ScenarioResult } from '../../../report/model.js';
import { FILTERED_TEXT, scenarioStatusText } from '../../../report/scenarios.js';
import { html, type Markup } from '../../html/markup.js';
import { badge, toneOf } from '../../html/tones.js';

function controlItem(control: ScenarioControl): Markup {
  if ('filtered' in control) return html`<li data-control="${control.id}" data-filtered="true"><code>${control.id}</code> <span class="muted">${FILTERED_TEXT}</span></li>`;
  return html`<li data-control="${control.id}" data-assurance="${control.assurance}"><code>${control.id}</code> ${control.title} <span class="muted">${control.function}</span><br />exists ${badge(control.exists)} works ${badge(control.works)} ${badge(control.assurance)}</li>`;
}

/** One scenario: the path of steps, then where it stands. */
export function scenarioArticle(scenario: ScenarioResult): Markup {
  const steps = scenario.steps.map(
    (step, index) =>
      html`<li class="step tone-${toneOf(step.status)}" data-status="${step.status}"><h4><span class="muted">Step ${index + 1}</span> ${step.title}</h4><p>${badge(step.status)} ${scenarioStatusText(step.status)}</p>${step.description === undefined ? '' : html`<p class="muted">${step.description}</p>`}<ul>${step.controls.map(controlItem)}</ul></li>`,
  );
  return html`<article class="scenario" id="scenario-${scenario.id}" data-status="${scenario.status}"><h3><code>${scenario.id}</code> ${scenario.title} ${badge(scenario.status)}</h3>${scenario.description === undefined ? '' : html`<p>${scenario.description}</p>`}<ol class="path" aria-label="steps of ${scenario.id}, in order">${steps}</ol><p class="residual"><strong>${scenarioStatusText(scenario.status)}.</strong> Residual risk: ${scenario.residual_risk}</p></article>`;
}

/** The attack-paths part; nothing when the catalog declares no scenario. */
export function scenariosSection(report: Report): Markup | '' {
  const scenarios = report.scenarios ?? [];
  if (scenarios.length === 0) return '';
  return html`<section id="scenarios" aria-labelledby="scenarios-heading"><h2 id="scenarios-heading">Attack paths (${scenarios.length})</h2><p class="muted">Each step names the controls that should prevent, detect or respond there. A step is held when one of them is assured; one held step breaks the path.</p>${scenarios.map(scenarioArticle)}</section>`;
}
