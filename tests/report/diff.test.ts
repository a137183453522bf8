import { describe, expect, it } from 'vitest';
import { diffFailReasons, diffReports, diffViewSchema } from '../../src/report/diff.js';
import type { ControlResult, Report } from '../../src/report/model.js';
import { sampleReport } from '../formatters/sample-report.js';

/** The sample report with `change` applied to a deep copy: the next run of the same catalog. */
function nextRun(change: (report: Report) => void): Report {
  const report = structuredClone(sampleReport);
  change(report);
  return report;
}

function control(report: Report, id: string): ControlResult {
  const found = report.controls.find((each) => each.id === id);
  if (!found) throw new Error(`no control ${id}`);
  return found;
}

const diff = (now: Report, old: Report = sampleReport) => diffReports({ file: 'old.json', report: old }, { file: 'new.json', report: now });

describe('diffReports', () => {
  it('says nothing changed between a report and itself, and validates against its schema', () => {
    const view = diffViewSchema.parse(diff(sampleReport));
    expect(view.summary).toMatchObject({ regressed: 0, improved: 0, unchanged: sampleReport.controls.length, added: 0, removed: 0, renamed: 0, new_findings: 0, resolved_findings: 0 });
    expect(view.metrics).toEqual([]);
    expect(view.exceptions).toEqual([]);
    expect(diffFailReasons(view, ['regressed', 'removed', 'new-findings'])).toEqual([]);
  });

  it('calls assured → paper-only a works regression, and the CI gate fails on it', () => {
    const now = nextRun((report) => {
      const mfa = control(report, 'MFA-2');
      mfa.works = 'ineffective';
      mfa.assurance = 'paper-only';
      const [test] = mfa.tests;
      if (test) Object.assign(test, { status: 'fail', findings: [{ resource: 'okta:user/00u1', message: 'user ana has no phishing-resistant factor' }] });
    });
    const view = diff(now);
    expect(view.controls.find((each) => each.id === 'MFA-2')).toMatchObject({
      change: 'regressed',
      exists: { old: 'evidenced', new: 'evidenced', move: 'unchanged' },
      works: { old: 'effective', new: 'ineffective', move: 'regressed' },
      assurance: { old: 'assured', new: 'paper-only' },
    });
    expect(view.new_findings).toEqual([{ control: 'MFA-2', check: 'okta/mfa-enrolled', resource: 'okta:user/00u1', message: 'user ana has no phishing-resistant factor' }]);
    expect(diffFailReasons(view, ['regressed'])).toEqual(['regressed controls: MFA-2 (works effective → ineffective; owner: identity@acme.example)']);
    expect(diffFailReasons(view, [])).toEqual([]);
  });

  it.each([
    ['works', 'ineffective', 'error', 'improved'],
    ['works', 'error', 'untested', 'improved'],
    ['works', 'untested', 'error', 'regressed'],
    ['exists', 'missing', 'none', 'regressed'],
    ['exists', 'stale', 'evidenced', 'improved'],
    ['exists', 'evidenced', 'stale', 'regressed'],
  ] as const)('ranks %s %s → %s as %s', (lens, from, to, move) => {
    const before = nextRun((report) => Object.assign(control(report, 'BAK-1'), { [lens]: from }));
    const after = nextRun((report) => Object.assign(control(report, 'BAK-1'), { [lens]: to }));
    expect(diff(after, before).controls.find((each) => each.id === 'BAK-1')?.[lens].move).toBe(move);
  });

  it('compares controls by id: a new title is a rename, a missing id removed, a new id added', () => {
    const now = nextRun((report) => {
      control(report, 'IAM-1').title = 'Console users sign in with a second factor';
      report.controls = report.controls.filter((each) => each.id !== 'GH-1');
      report.controls.push({ ...structuredClone(control(report, 'BAK-1')), id: 'BAK-2', title: 'Backups are immutable' });
    });
    const view = diff(now);
    expect(view.renamed).toEqual([{ id: 'IAM-1', old_title: 'Console users sign in with MFA', new_title: 'Console users sign in with a second factor' }]);
    expect(view.removed.map((each) => each.id)).toEqual(['GH-1']);
    expect(view.added.map((each) => each.id)).toEqual(['BAK-2']);
    expect(view.controls.find((each) => each.id === 'IAM-1')?.change).toBe('unchanged');
    expect(diffFailReasons(view, ['removed'])).toEqual(['removed controls: GH-1']);
  });

  it('resolves a finding only when its test ran again; one its test could not run for is unverified', () => {
    const fixed = nextRun((report) => {
      const test = control(report, 'IAM-1').tests.find((each) => each.check === 'aws/iam-console-mfa');
      if (test) test.findings = test.findings.filter((finding) => !finding.resource.endsWith('/dana'));
    });
    expect(diff(fixed).resolved_findings.map((finding) => finding.resource)).toEqual(['arn:aws:iam::210987654321:user/dana']);
    expect(diff(fixed).unverified_findings).toEqual([]);
    const broken = nextRun((report) => {
      const test = control(report, 'IAM-1').tests.find((each) => each.check === 'aws/iam-console-mfa');
      if (test) Object.assign(test, { status: 'error', findings: [], error: 'source iam-credentials could not be read' });
    });
    const view = diff(broken);
    expect(view.resolved_findings).toEqual([]);
    expect(view.unverified_findings).toHaveLength(8);
    expect(new Set(view.unverified_findings.map((finding) => finding.reason))).toEqual(new Set(['test-error']));
  });

  it('lists metric deltas of the same test, and exceptions new, expired since and retired', () => {
    const now = nextRun((report) => {
      const test = control(report, 'IAM-1').tests.find((each) => each.check === 'aws/iam-console-mfa');
      if (test) test.metrics = { mfa_coverage_pct: { value: 95, min: 100, passed: false } };
      // EX-9 expires by this run, EX-12 is retired, EX-99 is new.
      report.exceptions = report.exceptions.flatMap((each) => (each.id === 'EX-12' ? [] : each.id === 'EX-9' ? [{ ...each, status: 'expired' as const }] : [each]));
      report.exceptions.push({ ...structuredClone(report.exceptions[0]!), id: 'EX-99', status: 'active' });
    });
    const view = diff(now);
    expect(view.metrics).toEqual([
      { control: 'IAM-1', check: 'aws/iam-console-mfa', inputs: { records: ['iam-credentials'] }, metric: 'mfa_coverage_pct', old: 81, new: 95, delta: 14, passed_old: false, passed_new: false },
    ]);
    expect(sampleReport.exceptions.find((each) => each.id === 'EX-9')?.status).not.toBe('expired');
    expect(view.exceptions.map((each) => [each.id, each.change])).toEqual([
      ['EX-9', 'expired'],
      ['EX-99', 'new'],
      ['EX-12', 'retired'],
    ]);
  });

  it('warns when OLD assesses a later moment than NEW', () => {
    const earlier = nextRun((report) => void (report.as_of = '2025-01-01T00:00:00.000Z'));
    expect(diff(earlier).warnings.map((warning) => warning.message)).toEqual([
      'OLD (old.json) assesses 2025-06-30T00:00:00.000Z, after NEW (new.json) at 2025-01-01T00:00:00.000Z',
    ]);
  });
});
