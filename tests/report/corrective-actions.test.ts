import { describe, expect, it } from 'vitest';
import type { ActionSpec } from '../../src/catalog/schema.js';
import { actionFlags, actionResult, actionText, correctiveActions, divergenceCauses, flaggedControls } from '../../src/report/corrective-actions.js';
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

  it('lists every divergent control and any other flagged one, in report order', () => {
    const [first] = sampleReport.controls;
    if (!first) throw new Error('the sample report has controls');
    const controls = [
      { ...first, id: 'A', assurance: 'assured' as const },
      { ...first, id: 'B', assurance: 'assured' as const, action_flags: ['close-actions' as const] },
      { ...first, id: 'C', assurance: 'paper-only' as const },
      { ...first, id: 'D', assurance: 'undocumented' as const },
      { ...first, id: 'E', assurance: 'unproven' as const },
    ];
    expect(flaggedControls(controls).map((control) => control.id)).toEqual(['B', 'C', 'E']);
  });
});

describe('divergenceCauses', () => {
  const [first] = sampleReport.controls;
  if (!first) throw new Error('the sample report has controls');
  const finding = (resource: string, excepted_by?: string) => ({ resource, message: 'm', ...(excepted_by === undefined ? {} : { excepted_by }) });
  const test = { ...first.tests[0]!, check: 'aws/iam-console-mfa', status: 'fail' as const };

  it('names stale and missing evidence, failing tests with their top resources, tests that could not run', () => {
    const control = {
      ...first,
      works: 'ineffective' as const,
      evidence: [
        { kind: 'document' as const, title: 'MFA standard', status: 'stale' as const, date: '2025-01-01', max_age: '12mo', fresh_until: '2026-01-01' },
        { kind: 'record' as const, title: 'Ticket', status: 'missing' as const, max_age: '12mo', reason: 'no date' },
        { kind: 'document' as const, title: 'Fresh', status: 'fresh' as const, date: '2026-10-01', max_age: '12mo' },
      ],
      tests: [
        { ...test, findings: [finding('user/a'), finding('user/b', 'EX-1'), finding('user/c'), finding('user/d')] },
        { ...test, check: 'aws/iam-root-mfa', findings: [] },
        { ...test, check: 'aws/kms-key-rotation', status: 'error' as const, findings: [] },
        { ...test, check: 'aws/iam-password-policy', status: 'pass' as const, findings: [] },
      ],
    };
    expect(divergenceCauses(control)).toEqual([
      'evidence "MFA standard" is stale: dated 2025-01-01, fresh until 2026-01-01',
      'evidence "Ticket" is missing: no date',
      'aws/iam-console-mfa found 3 resources: user/a, user/c and 1 more',
      'aws/iam-root-mfa missed a metric threshold',
      'aws/kms-key-rotation could not run',
    ]);
  });

  it('says when nothing shows the control working', () => {
    expect(divergenceCauses({ ...first, works: 'untested', evidence: [], tests: [] })).toEqual(['no test shows it working']);
    expect(divergenceCauses({ ...first, works: 'untested', evidence: [], tests: [{ ...test, status: 'vacuous', findings: [] }] })).toEqual(['every test examined nothing']);
  });
});
