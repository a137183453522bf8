import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { DEFAULT_FAIL_ON, exceptionFailReasons, FAIL_ON_CONDITIONS, failOnReasons, parseExceptionFailOn, parseFailOn } from '../../src/report/fail-on.js';
import { sampleReport } from '../formatters/sample-report.js';
import type { ExceptionResult } from '../../src/report/model.js';

function exception(id: string, status: ExceptionResult['status'], daysToExpiry: number): ExceptionResult {
  return {
    id,
    control: 'IAM-03',
    status,
    risk: 'high',
    owner: 'data-platform@example.com',
    approved_by: 'ciso@example.com',
    approved: '2026-01-01',
    expires: '2026-09-30',
    reason: 'legacy job',
    file: 'controls.yaml',
    age_days: 100,
    days_to_expiry: daysToExpiry,
    matched: [],
  };
}

const exceptions = [
  exception('EX-OLD', 'expired', -32),
  exception('EX-LAST-DAY', 'expiring', 0),
  exception('EX-SOON-UNUSED', 'unused', 10),
  exception('EX-LATER', 'active', 31),
];

describe('parseExceptionFailOn', () => {
  it('takes expired, expiring, both, or none', () => {
    expect(parseExceptionFailOn('expired')).toEqual(['expired']);
    expect(parseExceptionFailOn('expired, expiring')).toEqual(['expired', 'expiring']);
    expect(parseExceptionFailOn('none')).toEqual([]);
  });

  it('rejects run\'s condition names with a suggestion', () => {
    expect(() => parseExceptionFailOn('expired-exceptions')).toThrow(UserError);
    expect(() => parseExceptionFailOn('expird')).toThrow('Unknown --fail-on condition "expird": expected a comma list of expired, expiring, or none');
  });
});

describe('exceptionFailReasons', () => {
  it('names each expired exception, its owner and how long it is overdue', () => {
    expect(exceptionFailReasons(exceptions, 30, ['expired'])).toEqual([
      'exception EX-OLD (control IAM-03, owner: data-platform@example.com) expired on 2026-09-30, 32 day(s) overdue',
    ]);
  });

  it('with expiring, adds every exception ending within the window by date, the last day and unused ones included', () => {
    expect(exceptionFailReasons(exceptions, 30, ['expired', 'expiring']).map((reason) => reason.split(' ')[1])).toEqual([
      'EX-OLD',
      'EX-LAST-DAY',
      'EX-SOON-UNUSED',
    ]);
    expect(exceptionFailReasons(exceptions, 30, ['expiring'])[0]).toBe(
      'exception EX-LAST-DAY (control IAM-03, owner: data-platform@example.com) expires on 2026-09-30, in 0 day(s)',
    );
  });

  it('is empty for none', () => {
    expect(exceptionFailReasons(exceptions, 30, [])).toEqual([]);
  });
});

describe('parseFailOn', () => {
  it('takes a comma list of conditions, spaces and empty items ignored, or none', () => {
    expect(parseFailOn(DEFAULT_FAIL_ON)).toEqual(['ineffective', 'expired-exceptions']);
    expect(parseFailOn(' paper-only , vacuous,')).toEqual(['paper-only', 'vacuous']);
    expect(parseFailOn('none')).toEqual([]);
  });

  it('rejects an unknown condition with a suggestion', () => {
    expect(() => parseFailOn('ineffective,papr-only')).toThrow(UserError);
    expect(() => parseFailOn('papr-only')).toThrow(`Unknown --fail-on condition "papr-only": expected a comma list of ${FAIL_ON_CONDITIONS.join(', ')}, or none`);
  });

  it('suggests none for a near miss', () => {
    expect(() => parseFailOn('nnoe')).toThrow(expect.objectContaining({ hint: 'Did you mean "none"?' }));
  });

  it('without a close suggestion, hints at an example', () => {
    expect(() => parseFailOn('whenever')).toThrow(expect.objectContaining({ hint: 'For example --fail-on ineffective,paper-only, or --fail-on none.' }));
    expect(() => parseExceptionFailOn('whenever')).toThrow(expect.objectContaining({ hint: 'For example --fail-on expired,expiring, or --fail-on none.' }));
  });

  it('refuses an empty list rather than never failing', () => {
    for (const text of ['', ' ', ' , ,']) {
      expect(() => parseFailOn(text)).toThrow(
        expect.objectContaining({ message: '--fail-on needs a condition', hint: `Give a comma list of ${FAIL_ON_CONDITIONS.join(', ')}, or none to never fail.` }),
      );
    }
  });
});

describe('failOnReasons', () => {
  it('names, for each condition, the controls it holds for with their owners', () => {
    const reasons = Object.fromEntries(FAIL_ON_CONDITIONS.map((condition) => [condition, failOnReasons(sampleReport, [condition])]));
    expect(reasons).toEqual({
      ineffective: ['ineffective controls: IAM-1 (owner: platform-security@acme.example), LOG-1 (owner: cloud-platform@acme.example), JML-2 (owner: it-operations@acme.example)'],
      'paper-only': ['paper-only controls: IAM-1 (owner: platform-security@acme.example), JML-2 (owner: it-operations@acme.example)'],
      error: ['controls with tests in error: IR-1 (owner: soc@acme.example), GH-1 (owner: engineering@acme.example)'],
      'stale-evidence': ['controls with stale evidence: JML-2 (owner: it-operations@acme.example), IR-1 (owner: soc@acme.example)'],
      'missing-evidence': ['controls with missing evidence: GH-1 (owner: engineering@acme.example)'],
      'expired-exceptions': ['exception EX-3 (control IAM-1, owner: platform-security@acme.example) expired on 2025-05-26, 35 day(s) overdue'],
      'expiring-exceptions': ['exception EX-9 (control KEY-3, owner: platform-security@acme.example) expires on 2025-07-14, in 14 day(s)'],
      vacuous: ['controls with vacuous tests: BAK-1 (owner: sre@acme.example)'],
      // The sample catalog plans no corrective actions, so the report flags none.
      'unplanned-divergence': [],
      'overdue-actions': [],
    });
  });

  it('names the divergent controls with no corrective action planned, and those with one overdue', () => {
    const [first, second] = sampleReport.controls;
    if (!first || !second) throw new Error('the sample report has controls');
    const flagged = { ...sampleReport, controls: [{ ...first, action_flags: ['unplanned-divergence' as const] }, { ...second, action_flags: ['overdue-actions' as const] }] };
    expect(failOnReasons(flagged, ['unplanned-divergence', 'overdue-actions'])).toEqual([
      `divergent controls with no corrective action planned: ${first.id} (owner: ${first.owner})`,
      `controls with corrective actions overdue: ${second.id} (owner: ${second.owner})`,
    ]);
  });

  it('names a control when any one of its tests is in error or vacuous', () => {
    const [first] = sampleReport.controls;
    if (!first) throw new Error('the sample report has controls');
    const [test] = first.tests;
    if (!test) throw new Error('the first control has a test');
    const mixed = (status: 'error' | 'vacuous'): typeof sampleReport => ({
      ...sampleReport,
      controls: [{ ...first, tests: [{ ...test, status: 'pass' }, { ...test, status }] }],
    });
    expect(failOnReasons(mixed('error'), ['error'])).toEqual([`controls with tests in error: ${first.id} (owner: ${first.owner})`]);
    expect(failOnReasons(mixed('vacuous'), ['vacuous'])).toEqual([`controls with vacuous tests: ${first.id} (owner: ${first.owner})`]);
  });

  it('with vacuous, fails a run that examined nothing, unless a test could not run', () => {
    const allTests = (status: 'pass' | 'error'): typeof sampleReport => ({
      ...sampleReport,
      controls: sampleReport.controls.map((control) => ({ ...control, tests: control.tests.map((test) => ({ ...test, status, examined: 0 })) })),
    });
    expect(failOnReasons(allTests('pass'), ['vacuous'])).toEqual(['the run examined nothing: no test of the selected controls examined a resource']);
    expect(failOnReasons(allTests('error'), ['vacuous'])).toEqual([]);
    expect(failOnReasons(allTests('pass'), ['error'])).toEqual([]);
  });

  it('is empty for no conditions, and for conditions that did not happen', () => {
    expect(failOnReasons(sampleReport, [])).toEqual([]);
    const healthy = { ...sampleReport, controls: sampleReport.controls.filter((control) => control.assurance === 'assured'), exceptions: [] };
    expect(failOnReasons(healthy, [...FAIL_ON_CONDITIONS])).toEqual([]);
  });
});
