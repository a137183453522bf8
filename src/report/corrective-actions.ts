// Corrective actions on controls: each action's status at as-of, and what the report asks of a control's actions —
// a divergence nobody plans to fix, an action past its due date, actions left open on a control that now holds.
import type { ActionSpec } from '../catalog/schema.js';
import { daysBetween, parseDate, startOfDay } from '../core/time.js';
import type { ActionFlag, Assurance } from '../core/vocabulary.js';
import type { ActionResult, ControlResult } from './model.js';

/** The assurance labels where the two lenses diverge or nothing shows the control working: each needs a plan. */
export const DIVERGENT: readonly Assurance[] = ['paper-only', 'failing', 'unproven'];

/** Whole UTC days `date` lies before as-of's day; 0 on the day itself, negative after. */
function daysBefore(date: string, asOf: Date): number {
  const day = parseDate(date);
  // The catalog loader validated every date.
  if (day === undefined) throw new RangeError(`invalid date ${date}`);
  return daysBetween(startOfDay(day), startOfDay(asOf));
}

/**
 * An action's status at as-of, by UTC calendar day: closed on or before as-of's day is closed (a closing date after
 * it is not yet known); otherwise open through its due day and overdue from the day after.
 */
export function actionResult(action: ActionSpec, asOf: Date): ActionResult {
  const base = { what: action.what, owner: action.owner, due: action.due, ...(action.ticket === undefined ? {} : { ticket: action.ticket }) };
  if (action.closed !== undefined && daysBefore(action.closed, asOf) >= 0) return { ...base, closed: action.closed, status: 'closed' };
  const overdue = daysBefore(action.due, asOf);
  return overdue > 0 ? { ...base, status: 'overdue', days_overdue: overdue } : { ...base, status: 'open' };
}

/** What the report asks of a control's actions, in ACTION_FLAGS order. */
export function actionFlags(assurance: Assurance, actions: readonly ActionResult[]): ActionFlag[] {
  const open = actions.filter((action) => action.status !== 'closed');
  return [
    ...(DIVERGENT.includes(assurance) && open.length === 0 ? (['unplanned-divergence'] as const) : []),
    ...(open.some((action) => action.status === 'overdue') ? (['overdue-actions'] as const) : []),
    ...(assurance === 'assured' && open.length > 0 ? (['close-actions'] as const) : []),
  ];
}

/** The report's `actions` and `action_flags` of one control, each left out when empty. */
export function correctiveActions(specs: readonly ActionSpec[], assurance: Assurance, asOf: Date): Pick<ControlResult, 'actions' | 'action_flags'> {
  const actions = specs.map((spec) => actionResult(spec, asOf));
  const flags = actionFlags(assurance, actions);
  return { ...(actions.length === 0 ? {} : { actions }), ...(flags.length === 0 ? {} : { action_flags: flags }) };
}

const overdueDays = (days: number): string => `${days} ${days === 1 ? 'day' : 'days'}`;

/** `Rotate the key · owner a@x · due 2026-10-01, 31 days overdue · ticket SEC-1`. */
export function actionText(action: ActionResult): string {
  const when =
    action.status === 'closed' ? `closed ${action.closed ?? ''}` : action.status === 'overdue' ? `due ${action.due}, ${overdueDays(action.days_overdue ?? 0)} overdue` : `due ${action.due}`;
  return [action.what, `owner ${action.owner}`, when, ...(action.ticket === undefined ? [] : [`ticket ${action.ticket}`])].join(' · ');
}

const FLAG_TEXT: Readonly<Record<ActionFlag, string>> = {
  'unplanned-divergence': 'no corrective action planned',
  'overdue-actions': 'corrective action overdue',
  'close-actions': 'assured now: close its open actions',
};

/** What each flag asks of the control's owner, for every human format. */
export function flagText(flag: ActionFlag): string {
  return FLAG_TEXT[flag];
}

/**
 * What the corrective-actions part of a report lists, in report order: every divergent control (whatever its
 * actions), and any other control with a flag.
 */
export function flaggedControls(controls: readonly ControlResult[]): ControlResult[] {
  return controls.filter((control) => DIVERGENT.includes(control.assurance) || (control.action_flags?.length ?? 0) > 0);
}

const TOP_RESOURCES = 2;

function testCause(test: ControlResult['tests'][number]): string | undefined {
  if (test.status === 'error') return `${test.check} could not run`;
  if (test.status !== 'fail') return undefined;
  const failing = test.findings.filter((finding) => finding.excepted_by === undefined);
  if (failing.length === 0) return `${test.check} missed a metric threshold`;
  const top = failing.slice(0, TOP_RESOURCES).map((finding) => finding.resource);
  const more = failing.length > top.length ? ` and ${failing.length - top.length} more` : '';
  return `${test.check} found ${failing.length === 1 ? '1 resource' : `${failing.length} resources`}: ${top.join(', ')}${more}`;
}

/**
 * The likely causes of a control's divergence, from its own results: evidence that is stale or missing (with its
 * dates), tests that failed (with their top resources) or could not run, and no test showing it working.
 */
export function divergenceCauses(control: ControlResult): string[] {
  const evidence = control.evidence.flatMap((item) => {
    if (item.status === 'stale') return [`evidence "${item.title}" is stale: dated ${item.date ?? 'unknown'}, fresh until ${item.fresh_until ?? 'unknown'}`];
    return item.status === 'missing' ? [`evidence "${item.title}" is missing${item.reason === undefined ? '' : `: ${item.reason}`}`] : [];
  });
  const tests = control.tests.flatMap((test) => testCause(test) ?? []);
  const untested = control.works === 'untested' ? [control.tests.length === 0 ? 'no test shows it working' : 'every test examined nothing'] : [];
  return [...evidence, ...tests, ...untested];
}
