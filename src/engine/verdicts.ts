import type { MetricResult } from '../report/model.js';
import type { Assurance, ExistsVerdict, TestStatus, WorksVerdict } from '../core/vocabulary.js';

/** The verdict of one test: error outranks fail, fail outranks vacuous. */
export function testStatus(outcome: { error?: string; failing: number; metricsMissed: boolean; examined: number }): TestStatus {
  if (outcome.error !== undefined) return 'error';
  if (outcome.failing > 0 || outcome.metricsMissed) return 'fail';
  if (outcome.examined === 0) return 'vacuous';
  return 'pass';
}

/** Compares a metric with the test's thresholds; `passed` is absent when the test sets none. */
export function metricResult(value: number, threshold: { min?: number | undefined; max?: number | undefined } | undefined): MetricResult {
  if (!threshold) return { value };
  const passed = (threshold.min === undefined || value >= threshold.min) && (threshold.max === undefined || value <= threshold.max);
  return { value, ...(threshold.min === undefined ? {} : { min: threshold.min }), ...(threshold.max === undefined ? {} : { max: threshold.max }), passed };
}

/** The works lens of a control, from its tests' statuses. */
export function worksVerdict(statuses: readonly TestStatus[]): WorksVerdict {
  if (statuses.includes('fail')) return 'ineffective';
  if (statuses.includes('error')) return 'error';
  if (statuses.length === 0 || statuses.every((status) => status === 'vacuous')) return 'untested';
  return 'effective';
}

/**
 * The label naming the exists × works pair (DESIGN.md's table). DESIGN.md leaves stale + effective
 * open; it is `undocumented`: the control works, but its evidence will not satisfy an audit.
 */
export function assurance(exists: ExistsVerdict, works: WorksVerdict): Assurance {
  const documented = exists === 'evidenced' || exists === 'stale';
  if (works === 'ineffective') return documented ? 'paper-only' : 'failing';
  if (works === 'effective') return exists === 'evidenced' ? 'assured' : 'undocumented';
  return documented ? 'unproven' : 'unknown';
}
