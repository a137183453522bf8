// The trajectory as a few Markdown lines, for a briefing that carries a trend beside a run (run --brief --history).
import { maskView } from '../../report/mask-secrets.js';
import { lensPath, type TrendView } from '../../report/trend.js';
import { inertView } from '../text/inert.js';
import { markdownText } from '../text/markdown.js';
import { numberText, seriesText, summaryText, windowText } from './columns.js';

/** How many controls of each moving trajectory the lines name; the rest are counted. */
const NAMED = 5;

/**
 * The trend in a few Markdown lines: counts per trajectory over the window, the controls deteriorating, in a gap and
 * improving (each lens oldest → newest, owner), the metrics that moved, and the rule. Masks and escapes the view
 * itself, since a caller embeds the lines in its own document.
 */
export function trajectoryLines(given: TrendView): string[] {
  const view = inertView(maskView(given));
  const lines = [`**Trajectory, ${markdownText(windowText(view))}:** ${markdownText(summaryText(view))}`, ''];
  for (const trajectory of ['deteriorating', 'gap', 'improving'] as const) {
    const controls = view.controls.filter((control) => control.trajectory === trajectory);
    for (const control of controls.slice(0, NAMED)) {
      lines.push(`- ${trajectory}: ${markdownText(control.id)} ${markdownText(control.title)}: exists ${markdownText(lensPath(control, 'exists'))}, works ${markdownText(lensPath(control, 'works'))} (owner ${markdownText(control.owner)})`);
    }
    if (controls.length > NAMED) lines.push(`- ${trajectory}: ${controls.length - NAMED} more`);
  }
  for (const metric of view.metrics.filter((each) => each.delta !== null && each.delta !== 0)) {
    const delta = metric.delta ?? 0;
    lines.push(`- ${markdownText(metric.metric)} (${markdownText(metric.control)}${metric.scope === undefined ? '' : `, ${markdownText(metric.scope)}`}): ${markdownText(seriesText(metric.values))} (${delta > 0 ? '+' : ''}${numberText(delta)})`);
  }
  lines.push('', `_${markdownText(view.rule)}_`);
  if (view.warnings.length > 0) lines.push('', ...view.warnings.map((warning) => `- ${markdownText(warning.message)}`));
  return lines;
}
