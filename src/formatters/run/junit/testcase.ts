// One JUnit testcase per test of a control: `failure` with what failed it, `error` when it could not run,
// `skipped` when it examined nothing and so proved nothing.
import type { FindingResult, TestResult } from '../../../report/model.js';
import { plural } from '../../text/layout.js';
import { readsText } from '../table/test-details.js';
import { failingFindings, missedMetrics } from '../test-facts.js';
import { element, xmlText } from './xml.js';

/** `aws/iam-console-mfa (source credential-report)`, numbered `#2`, `#3` when a control has the same test again: GitLab keeps only the first of a name. */
export function testcaseNames(tests: readonly TestResult[]): string[] {
  const used = new Set<string>();
  return tests.map((test) => {
    const base = `${test.check} (${readsText(test)})`;
    let name = base;
    for (let count = 2; used.has(name); count += 1) name = `${base} #${count}`;
    used.add(name);
    return name;
  });
}

function findingLine(finding: FindingResult): string {
  const note = finding.excepted_by ? ` [excepted by ${finding.excepted_by}]` : finding.expired_exception ? ` [exception ${finding.expired_exception} expired]` : '';
  return `${finding.resource}: ${finding.message}${note}`;
}

function failureMessage(test: TestResult): string {
  const failing = failingFindings(test);
  const metrics = missedMetrics(test);
  const parts = [
    ...(failing.length > 0 ? [`${plural(failing.length, 'finding')} failing`] : []),
    ...metrics.map((metric) => metric.text),
  ];
  return parts.length > 0 ? parts.join('; ') : 'failed';
}

/** Missed metrics, failing findings, excepted ones, then the fix: one line each. */
function failureBody(test: TestResult): string {
  const excepted = test.findings.filter((finding) => finding.excepted_by !== undefined);
  return [
    ...missedMetrics(test).map((metric) => metric.text),
    ...failingFindings(test).map(findingLine),
    ...excepted.map(findingLine),
    `examined ${test.examined}, ${test.excepted} excepted`,
    ...(test.remediation === undefined ? [] : [`Remediation: ${test.remediation}`]),
  ].join('\n');
}

function outcome(test: TestResult): string {
  if (test.status === 'fail') return element('failure', [['message', failureMessage(test)], ['type', 'fail']], xmlText(failureBody(test)));
  if (test.status === 'error') return element('error', [['message', test.error ?? 'error'], ['type', 'error']], xmlText(test.error ?? 'error'));
  if (test.status === 'vacuous') return element('skipped', [['message', 'examined no resources, so the test proves nothing']]);
  return '';
}

export function testcase(classname: string, name: string, test: TestResult): string {
  const inner = outcome(test);
  return element('testcase', [['name', name], ['classname', classname], ['time', 0]], inner === '' ? undefined : `\n      ${inner}\n    `);
}
