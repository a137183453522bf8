import { describe, expect, it } from 'vitest';
import { briefing, readingText } from '../../src/report/briefing.js';
import { sampleReport } from '../formatters/sample-report.js';

describe('briefing', () => {
  const brief = briefing(sampleReport);

  it('ranks the divergent controls highest risk first, paper-only before failing before unproven, and counts them all', () => {
    const divergent = sampleReport.controls.filter((control) => ['paper-only', 'failing', 'unproven'].includes(control.assurance));
    expect(brief.divergent).toBe(divergent.length);
    const keys = brief.divergences.map((control) => [['critical', 'high', 'medium', 'low'].indexOf(control.risk), ['paper-only', 'failing', 'unproven'].indexOf(control.assurance)]);
    expect(keys).toEqual([...keys].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0)));
  });

  it('reads behaviour metrics by name from every test that measured them, with their threshold; none is not measured', () => {
    const mfa = brief.behaviour.metrics.find((metric) => metric.metric === 'mfa_coverage_pct');
    expect(mfa?.readings.map(readingText)).toEqual(['81% (min 100: missed) · IAM-1 aws/iam-console-mfa']);
    expect(brief.behaviour.metrics.find((metric) => metric.metric === 'security_change_failure_rate_pct')?.readings).toEqual([]);
  });

  it('keeps the evidence lens apart: controls per exists verdict, evidence items per status, exceptions by tier', () => {
    expect(brief.evidence.exists).toEqual(sampleReport.summary.exists);
    expect(brief.evidence.tiers).toEqual(sampleReport.summary.exception_tiers);
    expect(brief.evidence.items.fresh + brief.evidence.items.stale + brief.evidence.items.missing).toBe(sampleReport.controls.flatMap((control) => control.evidence).length);
  });
});
