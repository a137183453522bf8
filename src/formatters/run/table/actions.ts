// Corrective actions: each control with a divergence nobody plans to fix, an action past due, or actions to close.
import { actionText, flaggedControls, flagText } from '../../../report/corrective-actions.js';
import type { ControlResult, Report } from '../../../report/model.js';
import { wrap } from '../../text/layout.js';
import type { TableContext } from './context.js';

function controlLines(control: ControlResult, context: TableContext): string[] {
  const { chalk, width } = context;
  const flags = (control.action_flags ?? []).map((flag) => (flag === 'close-actions' ? chalk.green(flagText(flag)) : chalk.red(flagText(flag))));
  const actions = (control.actions ?? []).filter((action) => action.status !== 'closed');
  return [
    ...wrap(`${chalk.bold(control.id)}  ${flags.join(chalk.dim(' · '))} ${chalk.dim(`· ${control.assurance} · owner ${control.owner}`)}`, { width, indent: 2, hang: 4 }),
    ...actions.flatMap((action) => wrap(`${action.status === 'overdue' ? chalk.red('overdue') : 'open'}  ${actionText(action)}`, { width, indent: 4, hang: 6 })),
  ];
}

/** The flagged controls, in report order; nothing when no control is flagged. */
export function actionLines(report: Report, context: TableContext): string[] {
  const controls = flaggedControls(report.controls);
  if (controls.length === 0) return [];
  return [context.chalk.bold(`Corrective actions (${controls.length})`), ...controls.flatMap((control) => controlLines(control, context))];
}
