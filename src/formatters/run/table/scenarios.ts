// Attack paths in the terminal table: each scenario with its status, each step with its controls' assurance, the
// residual risk.
import type { Report, ScenarioControl, ScenarioResult } from '../../../report/model.js';
import { scenarioStatusText } from '../../../report/scenarios.js';
import { wrap } from '../../text/layout.js';
import type { TableContext } from './context.js';

const controlText = (control: ScenarioControl): string => ('filtered' in control ? `${control.id} not in this run` : `${control.id} ${control.assurance}`);

function scenarioLines(scenario: ScenarioResult, context: TableContext): string[] {
  const { chalk, width } = context;
  return [
    ...wrap(`${chalk.bold(scenario.id)}  ${scenario.title}: ${chalk.bold(scenarioStatusText(scenario.status))}`, { width, indent: 2, hang: 4 }),
    ...scenario.steps.flatMap((step, index) =>
      wrap(`${index + 1}. ${step.title}: ${scenarioStatusText(step.status)} ${chalk.dim(`(${step.controls.map(controlText).join(', ')})`)}`, { width, indent: 4, hang: 3 }),
    ),
    ...wrap(chalk.dim(`residual risk: ${scenario.residual_risk}`), { width, indent: 4, hang: 2 }),
  ];
}

/** Every scenario of the report; nothing when the catalog declares none. */
export function scenariosLines(report: Report, context: TableContext): string[] {
  const scenarios = report.scenarios ?? [];
  if (scenarios.length === 0) return [];
  return [context.chalk.bold(`Attack paths (${scenarios.length})`), ...scenarios.flatMap((scenario) => scenarioLines(scenario, context))];
}
