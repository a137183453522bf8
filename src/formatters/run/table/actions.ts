// Corrective actions: each divergent control with its likely causes and actions, and any other control whose actions
// are past due or can be closed.
import { actionText, divergenceCauses, flaggedControls, flagText } from '../../../report/corrective-actions.js';
import type { ControlResult, Report } from '../../../report/model.js';
import { wrap } from '../../text/layout.js';
import type { TableContext } from './context.js';

function controlLines(control: ControlResult, context: TableContext): string[] {
  const { chalk, width } = context;
  const flags = (control.action_flags ?? []).map((flag) => (flag === 'close-actions' ? chalk.green(flagText(flag)) : chalk.red(flagText(flag))));
  const actions = (control.actions ?? []).filter((action) => action.status !== 'closed');
  const causes = divergenceCauses(control);
  return [
    ...wrap(`${chalk.bold(control.id)}  ${[...flags, chalk.dim(`${control.assurance} · owner ${control.owner}`)].join(chalk.dim(' · '))}`, { width, indent: 2, hang: 4 }),
    ...(causes.length === 0 ? [] : wrap(chalk.dim(`why: ${causes.join('; ')}`), { width, indent: 4, hang: 5 })),
    ...actions.flatMap((action) => wrap(`${action.status === 'overdue' ? chalk.red('overdue') : 'open'}  ${actionText(action)}`, { width, indent: 4, hang: 6 })),
  ];
}

/** The controls flaggedControls lists, in report order; nothing when there are none. */
export function actionLines(report: Report, context: TableContext): string[] {
  const controls = flaggedControls(report.controls);
  if (controls.length === 0) return [];
  return [context.chalk.bold(`Corrective actions (${controls.length})`), ...controls.flatMap((control) => controlLines(control, context))];
}
