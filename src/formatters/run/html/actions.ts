// Corrective actions in the HTML report: each divergent or flagged control, what the report asks of it, the likely
// causes, and its open actions.
import { actionText, divergenceCauses, flaggedControls, flagText } from '../../../report/corrective-actions.js';
import type { Report } from '../../../report/model.js';
import { html, type Markup } from '../../html/markup.js';
import { dataTable } from '../../html/table.js';
import { badge } from '../../html/tones.js';

/** The corrective-actions part; nothing when no control is listed. */
export function actionsSection(report: Report): Markup | '' {
  const controls = flaggedControls(report.controls);
  if (controls.length === 0) return '';
  const rows = controls.map((control) => {
    const open = (control.actions ?? []).filter((action) => action.status !== 'closed');
    return [
      { header: html`<code>${control.id}</code>` },
      control.title,
      badge(control.assurance),
      control.owner,
      html`<ul>${(control.action_flags ?? []).map((flag) => html`<li data-flag="${flag}"><strong>${flagText(flag)}</strong></li>`)}${divergenceCauses(control).map((cause) => html`<li>${cause}</li>`)}</ul>`,
      open.length === 0 ? html`<span class="muted">none open</span>` : html`<ul>${open.map((action) => html`<li>${badge(action.status)} ${actionText(action)}</li>`)}</ul>`,
    ];
  });
  const table = dataTable({ caption: 'Divergent controls with their likely causes and plans, actions past due, actions to close', columns: [{ title: 'control', nowrap: true }, 'title', 'assurance', 'owner', 'asks and likely causes', 'open actions'], rows });
  return html`<section id="actions" aria-labelledby="actions-heading"><h2 id="actions-heading">Corrective actions (${controls.length})</h2>${table}</section>`;
}
