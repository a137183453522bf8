import { describe, expect, it } from 'vitest';
import { mergeReports } from '../../src/report/merge.js';
import type { Report } from '../../src/report/model.js';
import { scenarioResults } from '../../src/report/scenarios.js';
import { sampleReport } from '../formatters/sample-report.js';

const SCENARIO = { id: 'ATK-1', title: 'Phished admin', steps: [{ title: 'Sign in', controls: ['MFA-2'] }] };

/** The sample report with its attack path, MFA-2's console test failing in this scope when `failing`. */
function scopeReport(failing: boolean): Report {
  const report = structuredClone(sampleReport);
  const mfa = report.controls.find((control) => control.id === 'MFA-2');
  const [test] = mfa?.tests ?? [];
  if (!mfa || !test) throw new Error('sample report changed: MFA-2');
  if (failing) {
    test.status = 'fail';
    mfa.works = 'ineffective';
    mfa.assurance = 'paper-only';
    mfa.action_flags = ['unplanned-divergence'];
  }
  return { ...report, scenarios: scenarioResults([SCENARIO], report.controls) };
}

describe('mergeReports', () => {
  const merged = mergeReports(
    [
      { file: 'a.json', scope: 'a', report: scopeReport(false) },
      { file: 'b.json', scope: 'b', report: scopeReport(true) },
    ],
    { allowMixed: false, toolVersion: '0.0.0' },
  );
  const mfa = merged.controls.find((control) => control.id === 'MFA-2');

  it('recomputes the attack path from the merged controls: a step one scope fails is held only on paper', () => {
    expect(mfa?.assurance).toBe('paper-only');
    expect(merged.scenarios?.[0]?.steps[0]).toMatchObject({ status: 'paper', controls: [{ id: 'MFA-2', assurance: 'paper-only' }] });
    expect(merged.scenarios?.[0]?.status).toBe('paper');
  });

  it('asks of the actions what the merged assurance needs, not what the first scope\'s did', () => {
    expect(mfa?.action_flags).toEqual(['unplanned-divergence']);
    // Scope a comes first and holds no flag for MFA-2: the flag is the merged verdict's.
    expect(merged.summary.action_flags?.['unplanned-divergence']).toBe(merged.controls.filter((control) => control.action_flags?.includes('unplanned-divergence')).length);
  });
});
