// The controls that need action (paper-only, then failing), each with its evidence problems and failing tests.
import type { ChalkInstance } from 'chalk';
import type { ControlResult, Report } from '../../../report/model.js';
import { wrap, wrapParts } from '../../text/layout.js';
import { testLines } from './test-details.js';
import { verdict } from '../../text/tones.js';
import type { Assurance } from '../../../core/vocabulary.js';

/** The controls that need action, in the order they are shown, each with what it means. */
export const ATTENTION: readonly { assurance: Assurance; heading: string; meaning: string }[] = [
  { assurance: 'paper-only', heading: 'Paper-only', meaning: 'evidenced on paper, failing in the data' },
  { assurance: 'failing', heading: 'Failing', meaning: 'neither evidenced nor working' },
];

/** Whether the control is shown in detail in the attention sections rather than only in the table of the rest. */
export function needsAttention(control: ControlResult): boolean {
  return ATTENTION.some((section) => section.assurance === control.assurance);
}

function controlLines(control: ControlResult, chalk: ChalkInstance): string[] {
  const facts = [
    `owner ${control.owner}`,
    `risk ${control.risk}`,
    `exists ${verdict(chalk, control.exists)}`,
    `works ${verdict(chalk, control.works)}`,
  ];
  return [
    ...wrap(`${chalk.bold(control.id)}  ${control.title}`, 2),
    ...wrapParts(facts, chalk.dim(' · '), 4, 2),
    ...control.evidence
      .filter((item) => item.status !== 'fresh')
      .flatMap((item) => wrap(`${verdict(chalk, item.status)}  evidence ${item.title}${item.reason ? chalk.dim(`: ${item.reason}`) : ''}`, 4, 6)),
    ...control.tests
      .filter((test) => test.status === 'fail' || test.status === 'error')
      .flatMap((test) => testLines(test, chalk)),
  ];
}

/** One section per attention level that has controls, or a line saying there are none. */
export function attentionLines(report: Report, chalk: ChalkInstance): string[] {
  const sections = ATTENTION.map((section) => ({
    ...section,
    controls: report.controls.filter((control) => control.assurance === section.assurance),
  })).filter((section) => section.controls.length > 0);
  if (sections.length === 0) return [chalk.green('No paper-only or failing controls.')];
  return sections.flatMap((section, index) => [
    ...(index === 0 ? [] : ['']),
    `${chalk.red.bold(section.heading)} (${section.controls.length}): ${section.meaning}`,
    ...section.controls.flatMap((control) => ['', ...controlLines(control, chalk)]),
  ]);
}
