// The trajectory as a short block, for a briefing that carries a trend beside a run (run --brief --history): the
// same items as Markdown lines and as HTML.
import { maskView } from '../../report/mask-secrets.js';
import { lensPath, type TrendView } from '../../report/trend.js';
import { html, type Markup } from '../html/markup.js';
import { inertView } from '../text/inert.js';
import { markdownText } from '../text/markdown.js';
import { numberText, seriesText, summaryText, windowText } from './columns.js';

/** How many controls of each moving trajectory, and how many moved metrics, the block names; the rest are counted. */
const NAMED = 5;

/** One item of the block: a label (what moved) and the text after it. */
interface TrajectoryItem {
  label: string;
  text: string;
}

/** What the block says, as plain text masked and made inert: the caller escapes it for its format. */
interface TrajectoryParts {
  window: string;
  summary: string;
  items: TrajectoryItem[];
  rule: string;
  warnings: string[];
}

/**
 * Counts per trajectory over the window, the controls deteriorating, in a gap and improving (each lens oldest →
 * newest, owner), the metrics that moved, and the rule.
 */
function trajectoryParts(given: TrendView): TrajectoryParts {
  const view = inertView(maskView(given));
  const items: TrajectoryItem[] = [];
  for (const trajectory of ['deteriorating', 'gap', 'improving'] as const) {
    const controls = view.controls.filter((control) => control.trajectory === trajectory);
    for (const control of controls.slice(0, NAMED)) {
      items.push({ label: trajectory, text: `${control.id} ${control.title}: exists ${lensPath(control, 'exists')}, works ${lensPath(control, 'works')} (owner ${control.owner})` });
    }
    if (controls.length > NAMED) items.push({ label: trajectory, text: `${controls.length - NAMED} more` });
  }
  const moved = view.metrics.filter((each) => each.delta !== null && each.delta !== 0);
  for (const metric of moved.slice(0, NAMED)) {
    const delta = metric.delta ?? 0;
    items.push({ label: `${metric.metric} (${metric.control}${metric.scope === undefined ? '' : `, ${metric.scope}`})`, text: `${seriesText(metric.values)} (${delta > 0 ? '+' : ''}${numberText(delta)})` });
  }
  if (moved.length > NAMED) items.push({ label: 'metrics', text: `${moved.length - NAMED} more moved (controlproof trend lists every one)` });
  return { window: windowText(view), summary: summaryText(view), items, rule: view.rule, warnings: view.warnings.map((warning) => warning.message) };
}

/** The block as Markdown lines, escaped, so a caller embeds them as they are. */
export function trajectoryLines(view: TrendView): string[] {
  const parts = trajectoryParts(view);
  return [
    `**Trajectory, ${markdownText(parts.window)}:** ${markdownText(parts.summary)}`,
    '',
    ...parts.items.map((item) => `- ${markdownText(item.label)}: ${markdownText(item.text)}`),
    '',
    `_${markdownText(parts.rule)}_`,
    ...(parts.warnings.length > 0 ? ['', ...parts.warnings.map((warning) => `- ${markdownText(warning)}`)] : []),
  ];
}

/** The block as HTML, escaped by `html`. */
export function trajectoryMarkup(view: TrendView): Markup {
  const parts = trajectoryParts(view);
  const items = parts.items.map((item) => html`<li><strong>${item.label}:</strong> ${item.text}</li>`);
  const warnings = parts.warnings.map((warning) => html`<li>${warning}</li>`);
  return html`<div class="trajectory"><p><strong>Trajectory, ${parts.window}:</strong> ${parts.summary}</p>${items.length > 0 ? html`<ul>${items}</ul>` : ''}<p class="muted">${parts.rule}</p>${warnings.length > 0 ? html`<ul class="warnings">${warnings}</ul>` : ''}</div>`;
}
