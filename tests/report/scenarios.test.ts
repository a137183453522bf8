import { describe, expect, it } from 'vitest';
import type { Assurance } from '../../src/core/vocabulary.js';
import type { ControlResult } from '../../src/report/model.js';
import { residualRisk, scenarioResults, scenarioShapes, scenarioStatus, stepsText, stepStatus } from '../../src/report/scenarios.js';
import { sampleReport } from '../formatters/sample-report.js';

// sampleReport's controls: MFA-2 assured, BAK-1 unproven, IAM-1 paper-only, KEY-3 undocumented, LOG-1 failing,
// JML-2 paper-only, IR-1 unproven, GH-1 unknown.
const controls = sampleReport.controls;
const lensed = (id: string, assurance: Assurance) => ({ id, title: id, function: 'prevent' as const, exists: 'evidenced' as const, works: 'effective' as const, assurance });
const filtered = (id: string) => ({ id, filtered: true as const });

describe('stepStatus', () => {
  it('is the strongest its controls give: assured holds, undocumented works unseen, paper-only and unproven are paper', () => {
    expect(stepStatus([lensed('a', 'failing'), lensed('b', 'assured'), lensed('c', 'paper-only')])).toBe('held');
    expect(stepStatus([lensed('a', 'paper-only'), lensed('b', 'undocumented')])).toBe('undocumented');
    expect(stepStatus([lensed('a', 'unproven'), lensed('b', 'failing')])).toBe('paper');
    expect(stepStatus([lensed('a', 'paper-only')])).toBe('paper');
  });

  it('is open when its controls are failing or unknown, and not assessed only when every one was filtered out', () => {
    expect(stepStatus([lensed('a', 'failing'), lensed('b', 'unknown')])).toBe('open');
    expect(stepStatus([filtered('a'), lensed('b', 'failing')])).toBe('open');
    expect(stepStatus([filtered('a'), lensed('b', 'assured')])).toBe('held');
    expect(stepStatus([filtered('a'), filtered('b')])).toBe('not-assessed');
  });
});

describe('scenarioStatus and residualRisk', () => {
  const steps = (...statuses: Parameters<typeof scenarioStatus>[0][number]['status'][]) => statuses.map((status) => ({ status }));

  it('takes the strongest assessed step: one held step breaks the path', () => {
    expect(scenarioStatus(steps('open', 'held', 'paper'))).toBe('held');
    expect(scenarioStatus(steps('open', 'paper', 'undocumented'))).toBe('undocumented');
    expect(scenarioStatus(steps('open', 'paper'))).toBe('paper');
    expect(scenarioStatus(steps('open', 'not-assessed', 'open'))).toBe('open');
    expect(scenarioStatus(steps('not-assessed'))).toBe('not-assessed');
  });

  it('names the held steps and every group of steps no assured control holds', () => {
    expect(residualRisk(steps('held', 'held'))).toBe('None shown: every step is held by an assured control.');
    expect(residualRisk(steps('open', 'held', 'paper', 'open'))).toBe(
      'Held at step 2 by an assured control; risk remains at step 3 (held only on paper: documented, not shown working); steps 1 and 4 (open: no control there is documented or shown working).',
    );
    expect(residualRisk(steps('paper', 'undocumented', 'paper', 'paper'))).toBe(
      'No step is held by an assured control; risk remains at step 2 (held only by controls that work but have no evidence, which an audit will not see); steps 1, 3 and 4 (held only on paper: documented, not shown working).',
    );
    expect(residualRisk(steps('open', 'open'))).toBe('Open end to end: no control on the path is documented or shown working.');
    expect(residualRisk(steps('open', 'not-assessed'))).toBe(
      'Open end to end where assessed; risk remains at step 1 (open: no control there is documented or shown working); step 2 (not assessed: the run left out every control named there).',
    );
    expect(residualRisk(steps('not-assessed'))).toBe('Not assessed: the run left out every control named on the path.');
    expect(stepsText([1, 2, 3])).toBe('steps 1, 2 and 3');
  });
});

describe('scenarioResults', () => {
  const scenario = {
    id: 'ATK-1',
    title: 'Phished admin',
    steps: [
      { title: 'Sign in with a phished password', controls: ['MFA-2', 'LOG-1'] },
      { title: 'Escalate', description: 'Grant itself admin', controls: ['IAM-1', 'GONE-1'] },
      { title: 'Cover tracks', controls: ['GONE-1'] },
    ],
  };

  it('gives each step its controls with both lenses, and says which the run left out instead of counting them open', () => {
    const [result] = scenarioResults([scenario], controls);
    expect(result?.status).toBe('held');
    expect(result?.steps.map((step) => step.status)).toEqual(['held', 'paper', 'not-assessed']);
    expect(result?.steps[0]?.controls[0]).toEqual({ id: 'MFA-2', title: controls[0]?.title, function: controls[0]?.function, exists: 'evidenced', works: 'effective', assurance: 'assured' });
    expect(result?.steps[1]).toMatchObject({ description: 'Grant itself admin', controls: [{ id: 'IAM-1', assurance: 'paper-only' }, { id: 'GONE-1', filtered: true }] });
    expect(result?.residual_risk).toBe('Held at step 1 by an assured control; risk remains at step 2 (held only on paper: documented, not shown working); step 3 (not assessed: the run left out every control named there).');
  });

  it('recomputes from other controls: the shape read back from a result is the declared one', () => {
    const [result] = scenarioResults([scenario], controls);
    expect(scenarioShapes(result === undefined ? [] : [result])).toEqual([scenario]);
    const failingNow = controls.map((control): ControlResult => (control.id === 'MFA-2' ? { ...control, works: 'ineffective', assurance: 'paper-only' } : control));
    expect(scenarioResults(scenarioShapes(result === undefined ? [] : [result]), failingNow)[0]?.status).toBe('paper');
  });
});
