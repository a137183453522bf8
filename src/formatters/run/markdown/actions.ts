// Corrective actions in the Markdown report: each flagged control, what the report asks, its open actions.
import { actionText, flaggedControls, flagText } from '../../../report/corrective-actions.js';
import type { Report } from '../../../report/model.js';
import { markdownText } from '../../text/markdown.js';

/** The flagged controls, in report order; nothing when no control is flagged. */
export function actionLines(report: Report): string[] {
  const controls = flaggedControls(report.controls);
  if (controls.length === 0) return [];
  return [
    `## Corrective actions (${controls.length})`,
    ...controls.flatMap((control) => [
      '',
      `- **${markdownText(control.id)}** ${markdownText(control.title)} · ${control.assurance} · owner ${markdownText(control.owner)}`,
      ...(control.action_flags ?? []).map((flag) => `  - **${markdownText(flagText(flag))}**`),
      ...(control.actions ?? []).filter((action) => action.status !== 'closed').map((action) => `  - ${action.status}: ${markdownText(actionText(action))}`),
    ]),
  ];
}
