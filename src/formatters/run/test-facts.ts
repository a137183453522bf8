// Facts about a test that machine formats (SARIF, JUnit) state alike.
import type { FindingResult, MetricResult, TestResult } from '../../report/model.js';

/** A metric threshold a test missed, in words: `metric mfa_coverage_pct is 81, expected at least 100`. */
export interface MissedMetric {
  name: string;
  text: string;
}

function expected(metric: MetricResult): string {
  const bounds = [metric.min === undefined ? '' : `at least ${metric.min}`, metric.max === undefined ? '' : `at most ${metric.max}`];
  return bounds.filter(Boolean).join(' and ');
}

/** The thresholds a test missed, in the report's (sorted) metric order. */
export function missedMetrics(test: Pick<TestResult, 'metrics'>): MissedMetric[] {
  return Object.entries(test.metrics)
    .filter(([, metric]) => metric.passed === false)
    .map(([name, metric]) => ({ name, text: `metric ${name} is ${metric.value}, expected ${expected(metric)}` }));
}

/** Findings that count as failures: not covered by an active exception (an expired one covers nothing). */
export function failingFindings(test: Pick<TestResult, 'findings'>): FindingResult[] {
  return test.findings.filter((finding) => finding.excepted_by === undefined);
}
