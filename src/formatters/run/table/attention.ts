// The controls that need attention (every one not assured), most at risk first, each with what is wrong with it.
import type { Assurance } from '../../../core/vocabulary.js';
import { RISKS } from '../../../core/vocabulary.js';
import { daysBetween, parseDate, startOfDay } from '../../../core/time.js';
import type { ControlResult, EvidenceResult, Report } from '../../../report/model.js';
import { plural, wrap, wrapParts } from '../../text/layout.js';
import { verdict } from '../../text/tones.js';
import type { TableContext } from './context.js';
import { testLines } from './test-details.js';

/** Within a risk tier, what to look at first: failing in the data, then not known to work, then only undocumented. */
export const ATTENTION_ORDER: readonly Exclude<Assurance, 'assured'>[] = ['paper-only', 'failing', 'unknown', 'unproven', 'undocumented'];

/** Whether the control is shown in detail in the attention part rather than only in the table of assured ones. */
export function needsAttention(control: Pick<ControlResult, 'assurance'>): boolean {
  return control.assurance !== 'assured';
}

const rank = (control: Pick<ControlResult, 'risk' | 'assurance'>): [number, number] => [
  RISKS.indexOf(control.risk),
  ATTENTION_ORDER.findIndex((assurance) => assurance === control.assurance),
];

/** The controls that need attention by risk (critical first), then assurance (ATTENTION_ORDER), then catalog order. */
export function attentionOrder<C extends Pick<ControlResult, 'risk' | 'assurance'>>(controls: readonly C[]): C[] {
  return controls
    .filter(needsAttention)
    .map((control, index) => ({ control, index, rank: rank(control) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.index - b.index)
    .map(({ control }) => control);
}

/** `12mo max age, dated 2025-06-01, 183 days overdue` for a stale item; its reason (or status) otherwise. */
export function evidenceProblem(item: EvidenceResult, asOf: string): string {
  const freshUntil = item.fresh_until === undefined ? undefined : parseDate(item.fresh_until);
  if (item.status !== 'stale' || item.date === undefined || freshUntil === undefined) return item.reason ?? item.status;
  const overdue = daysBetween(freshUntil, startOfDay(new Date(asOf)));
  return `${item.max_age} max age, dated ${item.date}, ${plural(overdue, 'day')} overdue`;
}

function evidenceLines(control: ControlResult, asOf: string, context: TableContext): string[] {
  const { chalk, width } = context;
  if (control.evidence.length === 0) return [`    ${verdict(chalk, 'none')}  no evidence declared: an audit will not see this control`];
  return control.evidence
    .filter((item) => item.status !== 'fresh')
    .flatMap((item) => wrap(`${verdict(chalk, item.status)}  evidence ${item.title}: ${chalk.dim(evidenceProblem(item, asOf))}`, { width, indent: 4, hang: 6 }));
}

function controlLines(control: ControlResult, asOf: string, context: TableContext): string[] {
  const { chalk, width } = context;
  const facts = [
    verdict(chalk, control.assurance),
    `owner ${control.owner}`,
    `risk ${control.risk}`,
    `exists ${verdict(chalk, control.exists)}`,
    `works ${verdict(chalk, control.works)}`,
  ];
  const notPassed = control.tests.filter((test) => test.status !== 'pass');
  return [
    ...wrap(`${chalk.bold(control.id)}  ${control.title}`, { width, indent: 2 }),
    ...wrapParts(facts, chalk.dim(' · '), { width, indent: 4 }),
    ...evidenceLines(control, asOf, context),
    ...(control.tests.length === 0 ? [`    ${verdict(chalk, 'untested')}  no tests: nothing shows this control working`] : []),
    ...notPassed.flatMap((test) => testLines(test, context)),
  ];
}

/** The controls that need attention, in attentionOrder, or a line saying every control is assured. */
export function attentionLines(report: Report, context: TableContext): string[] {
  const { chalk, width } = context;
  const controls = attentionOrder(report.controls);
  if (controls.length === 0) return [chalk.green('Every control is assured: evidenced and effective.')];
  const heading = `${chalk.red.bold(`Needs attention (${controls.length})`)}: most at risk first, then by assurance`;
  return [...wrap(heading, { width, indent: 0 }), ...controls.flatMap((control) => ['', ...controlLines(control, report.as_of, context)])];
}
