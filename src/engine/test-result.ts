import type { LoadedException, LoadedTest } from '../catalog/model.js';
import { applyExceptions } from '../exceptions/match-exceptions.js';
import { maskValue, maskView } from '../report/mask-secrets.js';
import type { FindingResult, TestResult } from '../report/model.js';
import type { Outcome } from './outcomes.js';
import { metricResult, testStatus } from './verdicts.js';
import { compareText } from '../core/compare.js';

/** The test's verdict from its outcome, after exceptions and metric thresholds. */
export function testResult(test: LoadedTest, outcome: Outcome, exceptions: readonly LoadedException[], asOf: Date, matched: Map<string, string[]>): TestResult {
  const base = {
    check: test.spec.check,
    inputs: Object.fromEntries(test.bindings.map((binding) => [binding.input, binding.sources.map((bound) => bound.source)])),
    ...(test.spec.title ? { title: test.spec.title } : {}),
  };
  const position = { line: test.position.line ?? 1, col: test.position.col ?? 1 };
  if ('error' in outcome) return { ...base, status: 'error', examined: 0, excepted: 0, findings: [], metrics: {}, error: outcome.error, position };
  const applied = applyExceptions(outcome.findings, exceptions, asOf);
  for (const [id, resources] of applied.matched) matched.set(id, [...(matched.get(id) ?? []), ...resources]);
  const metrics = Object.fromEntries(
    Object.entries(outcome.metrics ?? {})
      .sort(([a], [b]) => compareText(a, b))
      .map(([name, value]) => [name, metricResult(value, test.spec.metrics[name])]),
  );
  const metricsMissed = Object.values(metrics).some((metric) => metric.passed === false);
  const failing = applied.findings.length - applied.excepted;
  const unmeasured = unmeasuredThresholds(test, metrics);
  // A threshold the inputs could not measure proves nothing: unless the test fails anyway, it could not be judged.
  const unjudged = unmeasured.length > 0 && failing === 0 && !metricsMissed && outcome.examined > 0;
  const status = unjudged ? 'error' : testStatus({ failing, metricsMissed, examined: outcome.examined });
  // Masked here too, for programmatic users of runAudit; every formatter masks its whole view again.
  const findings = applied.findings.map((finding): FindingResult =>
    maskView({
      resource: finding.resource,
      message: finding.message,
      ...(finding.details === undefined ? {} : { details: finding.details }),
      ...(finding.excepted_by === undefined ? {} : { excepted_by: finding.excepted_by }),
      ...(finding.expired_exception === undefined ? {} : { expired_exception: finding.expired_exception }),
    }),
  );
  return {
    ...base,
    status,
    examined: outcome.examined,
    excepted: applied.excepted,
    findings,
    metrics,
    ...(outcome.details === undefined ? {} : { details: maskValue(outcome.details) as Record<string, unknown> }),
    ...(unjudged ? { error: unmeasuredMessage(unmeasured) } : {}),
    ...(status === 'fail' ? { remediation: test.check.remediation } : {}),
    position,
  };
}

/** The metrics the test sets a threshold on that the check did not measure from these inputs, in name order. */
function unmeasuredThresholds(test: LoadedTest, measured: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(test.spec.metrics)
    .filter((name) => !Object.hasOwn(measured, name))
    .sort(compareText);
}

function unmeasuredMessage(names: readonly string[]): string {
  const list = names.join(', ');
  return `the threshold on ${list} cannot be judged: the check could not measure ${names.length === 1 ? 'it' : 'them'} from these inputs (they lack the data it needs)`;
}
