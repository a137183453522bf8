// Corrective actions in the Markdown report: each divergent or flagged control, what the report asks, the likely
// causes, its open actions.
import { actionText, divergenceCauses, flaggedControls, flagText } from '../../../report/corrective-actions.js';
import type { Report } from '../../../report/model.js';
import { markdownText } from '../../text/markdown.js';

/** The controls flaggedControls lists, in report order; nothing when there are none. */
export function actionLines(report: Report): string[] {
  const controls = flaggedControls(report.controls);
  if (controls.length === 0) return [];
  return [
    `## Corrective actions (${controls.length})`,
    ...controls.flatMap((control) => [
      '',
      `- **${markdownText(control.id)}** ${markdownText(control.title)} · ${control.assurance} · owner ${markdownText(control.owner)}`,
      ...(control.action_flags ?? []).map((flag) => `  - **${markdownText(flagText(flag))}**`),
      ...divergenceCauses(control).map((cause) => `  - why: ${markdownText(cause)}`),
      ...(control.actions ?? []).filter((action) => action.status !== 'closed').map((action) => `  - ${action.status}: ${markdownText(actionText(action))}`),
    ]),
  ];
}
