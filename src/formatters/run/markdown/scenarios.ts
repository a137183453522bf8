// Attack paths in the Markdown report: each scenario as a numbered path, each step with its controls and both lenses,
// then the residual risk.
import type { Report, ScenarioControl, ScenarioResult } from '../../../report/model.js';
import { FILTERED_TEXT, scenarioStatusText } from '../../../report/scenarios.js';
import { markdownText } from '../../text/markdown.js';

function controlLine(control: ScenarioControl): string {
  if ('filtered' in control) return `   - ${markdownText(control.id)}: ${markdownText(FILTERED_TEXT)}`;
  return `   - **${markdownText(control.id)}** ${markdownText(control.title)} · ${control.function} · exists **${control.exists}** · works **${control.works}** · ${control.assurance}`;
}

/** One scenario: its status, the numbered path (step, then its controls), the residual risk. */
export function scenarioLines(scenario: ScenarioResult, heading: '###' | '####' = '###'): string[] {
  return [
    `${heading} ${markdownText(scenario.id)}: ${markdownText(scenario.title)}`,
    '',
    `**${scenarioStatusText(scenario.status)}** (${scenario.status})${scenario.description === undefined ? '' : ` · ${markdownText(scenario.description)}`}`,
    '',
    ...scenario.steps.flatMap((step, index) => [
      `${index + 1}. ${index === 0 ? '' : '→ '}**${markdownText(step.title)}**: ${scenarioStatusText(step.status)}${step.description === undefined ? '' : ` · ${markdownText(step.description)}`}`,
      ...step.controls.map(controlLine),
    ]),
    '',
    `**Residual risk:** ${markdownText(scenario.residual_risk)}`,
  ];
}

/** Every scenario of the report; nothing when the catalog declares none. */
export function scenariosLines(report: Report): string[] {
  const scenarios = report.scenarios ?? [];
  if (scenarios.length === 0) return [];
  return [`## Attack paths (${scenarios.length})`, ...scenarios.flatMap((scenario) => ['', ...scenarioLines(scenario)])];
}
