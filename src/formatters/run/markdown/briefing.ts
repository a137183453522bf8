// The briefing in Markdown (`run --format markdown --brief`): evidence and behaviour metrics in two blocks, the
// trajectory when history is given, the top divergences with their actions, the attack paths. Never one score.
import { EVIDENCE_STATUSES, EXCEPTION_STATUSES, EXISTS, FUNCTIONS, WORKS } from '../../../core/vocabulary.js';
import { briefing, readingText, type BriefMetric, type Briefing } from '../../../report/briefing.js';
import { actionText, divergenceCauses, flagText } from '../../../report/corrective-actions.js';
import type { ControlResult, Report } from '../../../report/model.js';
import { TIER_ALIGN, TIER_HEAD, tierCells } from '../../exceptions/columns.js';
import type { BriefOptions } from '../../define-formatter.js';
import { plural, sum } from '../../text/layout.js';
import { markdownTable, markdownText } from '../../text/markdown.js';
import { scenarioLines } from './scenarios.js';

const counted = <K extends string>(keys: readonly K[], counts: Readonly<Record<K, number>>): string => keys.map((key) => `${counts[key]} ${key}`).join(' · ');

function evidenceLines({ evidence }: Briefing): string[] {
  const stale = evidence.staleItems.map((item) => `${markdownText(item.control)} "${markdownText(item.title)}" (fresh until ${item.fresh_until ?? 'unknown'})`);
  return [
    '## Evidence metrics: is it documented?',
    '',
    `- **Control completion:** ${counted(EXISTS, evidence.exists)}, of ${plural(evidence.controls, 'control')}`,
    `- **Evidence freshness:** ${counted(EVIDENCE_STATUSES, evidence.items)} evidence items${stale.length === 0 ? '' : `; stale: ${stale.join(', ')}`}`,
    `- **Exceptions:** ${counted(EXCEPTION_STATUSES, evidence.exceptions)}; by risk tier (days since approval):`,
    '',
    ...markdownTable(TIER_HEAD, TIER_ALIGN, evidence.tiers.map((tier) => tierCells(tier, ''))),
  ];
}

function metricLine(metric: BriefMetric): string {
  const shown = metric.readings.length === 0 ? 'not measured' : metric.readings.map((reading) => markdownText(readingText(reading))).join('; ');
  return `- **${markdownText(metric.label)}:** ${shown}`;
}

function behaviourLines({ behaviour }: Briefing): string[] {
  const detect = behaviour.byFunction.detect;
  return [
    '## Behaviour metrics: does it work?',
    '',
    `- **Works:** ${counted(WORKS, behaviour.works)}`,
    `- **Detection coverage:** ${detect.effective} of ${plural(sum(WORKS.map((works) => detect[works])), 'detect control')} shown working`,
    ...behaviour.metrics.map(metricLine),
    '',
    ...markdownTable(['works by function', ...WORKS], ['left', ...WORKS.map((): 'right' => 'right')], FUNCTIONS.map((fn) => [fn, ...WORKS.map((works) => String(behaviour.byFunction[fn][works]))])),
  ];
}

function trajectoryLines(options: BriefOptions): string[] {
  return ['## Trajectory', '', ...(options.trajectory?.markdown ?? ['No run history given: the trajectory needs earlier reports.'])];
}

function divergenceLines(control: ControlResult): string[] {
  const open = (control.actions ?? []).filter((action) => action.status !== 'closed');
  return [
    `- **${markdownText(control.id)}** ${markdownText(control.title)} · ${control.assurance} · risk ${control.risk} · owner ${markdownText(control.owner)}`,
    ...(control.action_flags ?? []).map((flag) => `  - **${markdownText(flagText(flag))}**`),
    ...divergenceCauses(control).map((cause) => `  - why: ${markdownText(cause)}`),
    ...open.map((action) => `  - ${action.status}: ${markdownText(actionText(action))}`),
  ];
}

function divergencesLines(brief: Briefing): string[] {
  if (brief.divergent === 0) return ['## Divergences', '', 'No control is paper-only, failing or unproven.'];
  const more = brief.divergent - brief.divergences.length;
  return [
    `## Top divergences (${brief.divergences.length} of ${brief.divergent})`,
    '',
    ...brief.divergences.flatMap(divergenceLines),
    ...(more > 0 ? ['', `${plural(more, 'more divergent control')}: see the corrective actions of the full report.`] : []),
  ];
}

function pathLines(brief: Briefing): string[] {
  if (brief.scenarios.length === 0) return ['## Attack path', '', 'The catalog declares no scenario.'];
  return [`## Attack ${brief.scenarios.length === 1 ? 'path' : 'paths'}`, ...brief.scenarios.flatMap((scenario) => ['', ...scenarioLines(scenario)])];
}

/** The briefing's blocks, each a list of lines. */
export function briefingBlocks(report: Report, options: BriefOptions): string[][] {
  const brief = briefing(report);
  return [evidenceLines(brief), behaviourLines(brief), trajectoryLines(options), divergencesLines(brief), pathLines(brief)];
}
