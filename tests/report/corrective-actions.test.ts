import { describe, expect, it } from 'vitest';
import type { ActionSpec } from '../../src/catalog/schema.js';
import { actionFlags, actionResult, actionText, correctiveActions, flaggedControls } from '../../src/report/corrective-actions.js';
import { sampleReport } from '../formatters/sample-report.js';

const asOf = new Date('2026-11-01T09:00:00Z');
const action = (fields: Partial<ActionSpec> = {}): ActionSpec => ({ what: 'Rotate the deploy key', owner: 'ops@example.com', due: '2026-10-31', ...fields });

describe('actionResult', () => {
  it('is open through its due day and overdue from the day after, by UTC calendar day', () => {
    expect(actionResult(action({ due: '2026-11-01' }), asOf)).toEqual({ what: 'Rotate the deploy key', owner: 'ops@example.com', due: '2026-11-01', status: 'open' });
    expect(actionResult(action({ due: '2026-10-31', ticket: 'OPS-1' }), asOf)).toEqual({ what: 'Rotate the deploy key', owner: 'ops@example.com', due: '2026-10-31', ticket: 'OPS-1', status: 'overdue', days_overdue: 1 });
    expect(actionResult(action({ due: '2026-10-01' }), asOf)).toMatchObject({ status: 'overdue', days_overdue: 31 });
  });

  it('is closed when closed on or before as-of; a closing date after as-of is not known yet', () => {
    expect(actionResult(action({ closed: '2026-11-01' }), asOf)).toMatchObject({ status: 'closed', closed: '2026-11-01' });
    expect(actionResult(action({ closed: '2026-09-30' }), asOf)).toMatchObject({ status: 'closed' });
    expect(actionResult(action({ closed: '2026-11-02' }), asOf)).toEqual({ what: 'Rotate the deploy key', owner: 'ops@example.com', due: '2026-10-31', status: 'overdue', days_overdue: 1 });
  });
});

describe('actionFlags', () => {
  const open = actionResult(action({ due: '2026-12-01' }), asOf);
  const overdue = actionResult(action(), asOf);
  const closed = actionResult(action({ closed: '2026-10-01' }), asOf);

  it('flags a divergent control (paper-only, failing, unproven) without an open action', () => {
    for (const assurance of ['paper-only', 'failing', 'unproven'] as const) {
      expect(actionFlags(assurance, [])).toEqual(['unplanned-divergence']);
      expect(actionFlags(assurance, [closed])).toEqual(['unplanned-divergence']);
      expect(actionFlags(assurance, [open])).toEqual([]);
    }
    for (const assurance of ['undocumented', 'unknown', 'assured'] as const) expect(actionFlags(assurance, [])).toEqual([]);
  });

  it('flags an overdue action on any control, and open actions on an assured one', () => {
    expect(actionFlags('paper-only', [overdue])).toEqual(['overdue-actions']);
    expect(actionFlags('assured', [open])).toEqual(['close-actions']);
    expect(actionFlags('assured', [overdue, closed])).toEqual(['overdue-actions', 'close-actions']);
    expect(actionFlags('assured', [closed])).toEqual([]);
  });
});

describe('correctiveActions', () => {
  it('leaves out actions and flags when there are none', () => {
    expect(correctiveActions([], 'assured', asOf)).toEqual({});
    expect(correctiveActions([], 'failing', asOf)).toEqual({ action_flags: ['unplanned-divergence'] });
    expect(correctiveActions([action({ due: '2026-12-01' })], 'failing', asOf)).toEqual({ actions: [expect.objectContaining({ status: 'open' })] });
  });
});

describe('actionText and flaggedControls', () => {
  it('says what, who, by when and the ticket', () => {
    expect(actionText(actionResult(action({ ticket: 'OPS-1' }), asOf))).toBe('Rotate the deploy key · owner ops@example.com · due 2026-10-31, 1 day overdue · ticket OPS-1');
    expect(actionText(actionResult(action({ closed: '2026-10-20' }), asOf))).toBe('Rotate the deploy key · owner ops@example.com · closed 2026-10-20');
  });

  it('lists the flagged controls in report order', () => {
    const [first, second, third] = sampleReport.controls;
    if (!first || !second || !third) throw new Error('the sample report has controls');
    expect(flaggedControls([first, { ...second, action_flags: ['overdue-actions'] }, third]).map((control) => control.id)).toEqual([second.id]);
  });
});
