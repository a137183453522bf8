import { z } from 'zod';
import { compareText } from '../../../core/compare.js';
import { daysBetween, formatDate } from '../../../core/time.js';
import { defineCheck, type Finding } from '../../../kit/define-check.js';
import { EXERCISE_KINDS, type ActionItem, type Exercise } from '../lib/exercise-contract.js';

const params = z.strictObject({
  kind: z.enum(EXERCISE_KINDS).optional().describe(`Only the action items of exercises of this kind (${EXERCISE_KINDS.join(', ')}); omitted: every exercise.`),
});

/** An action item with the exercise that raised it. */
interface RaisedAction {
  exercise: Exercise;
  action: ActionItem;
}

/** Whether the item was closed by as-of: one closed later was still open then. */
const closedBy = (action: ActionItem, asOf: Date): action is ActionItem & { closed: Date } => action.closed !== null && action.closed.getTime() <= asOf.getTime();

function overdueFinding({ exercise, action }: RaisedAction, asOf: Date): Finding {
  const days = daysBetween(action.due, asOf);
  return {
    resource: `${exercise.id}/${action.id}`,
    message: `action ${action.id} "${action.title}" of ${exercise.kind} exercise ${exercise.id} (${formatDate(exercise.held)}), owned by ${action.owner}, was due ${action.dueText} and is still open ${days} ${days === 1 ? 'day' : 'days'} later`,
    details: { exercise: exercise.id, owner: action.owner, due: action.dueText, days_overdue: days },
  };
}

export default defineCheck({
  id: 'governance/exercise-actions-closed',
  title: 'Action items of exercises are closed by their due date',
  description:
    'Every action item raised by an exercise held on or before as-of (of `kind`, when set) that is past its due date and still open is a finding naming its owner and due date; an item closed after as-of counts as open, so a run with an earlier as-of sees what was open then. ' +
    'A due date alone ends at the end of that day in UTC: an item due 2026-06-30 becomes overdue at 2026-07-01T00:00Z. Items closed after their due date are counted (`actions_closed_late`) but do not fail: they were followed through, late. ' +
    'A register without action items examines nothing: the test is vacuous.',
  inputs: { records: 'governance/exercises' },
  params,
  remediation:
    'Close each listed item or agree a new due date with its owner and record it; an exercise whose actions stay open has shown a weakness and left it in place. Review open exercise actions in the security steering meeting until they are closed.',
  metrics: {
    oldest_open_overdue_days: 'Days the longest-overdue open item is past its due date (0 when none is overdue)',
    actions_open_overdue: 'Open items past their due date',
    actions_open_not_due: 'Open items not yet due',
    actions_closed_late: 'Items closed after their due date',
    actions_closed_on_time: 'Items closed by their due date',
  },
  criteria: { soc2: ['CC4.2', 'CC7.5'], 'pci-dss-4': ['12.10.6'], 'iso27001-2022': ['A.5.27'], 'nist-csf-2': ['ID.IM-02'] },
  resourceExample: 'TTX-2026-04/A2',
  run({ inputs: { records }, params: { kind }, asOf }) {
    const raised = records
      .filter((exercise) => exercise.held.getTime() <= asOf.getTime() && (kind === undefined || exercise.kind === kind))
      .flatMap((exercise) => exercise.actions.map((action) => ({ exercise, action })));
    const open = raised.filter(({ action }) => !closedBy(action, asOf));
    const overdue = open
      .filter(({ action }) => action.due.getTime() < asOf.getTime())
      .sort((a, b) => a.action.due.getTime() - b.action.due.getTime() || compareText(`${a.exercise.id}/${a.action.id}`, `${b.exercise.id}/${b.action.id}`));
    const closed = raised.flatMap(({ action }) => (closedBy(action, asOf) ? [action] : []));
    const late = closed.filter((action) => action.closed.getTime() > action.due.getTime());
    const oldest = overdue[0];
    return {
      examined: raised.length,
      findings: overdue.map((item) => overdueFinding(item, asOf)),
      metrics: {
        oldest_open_overdue_days: oldest === undefined ? 0 : daysBetween(oldest.action.due, asOf),
        actions_open_overdue: overdue.length,
        actions_open_not_due: open.length - overdue.length,
        actions_closed_late: late.length,
        actions_closed_on_time: closed.length - late.length,
      },
    };
  },
});
