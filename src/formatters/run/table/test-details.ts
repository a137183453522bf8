// A failing or errored test under its control: what was examined, the error, failed metrics, top findings, the fix.
import type { ChalkInstance } from 'chalk';
import type { FindingResult, TestResult } from '../../../report/model.js';
import { plural, wrap, wrapParts } from '../../text/layout.js';
import { verdict } from '../../text/tones.js';

const FINDINGS_PER_TEST = 5;

/** Findings that count as failures first, so the ones shown are the ones to fix. */
export function topFindings(findings: readonly FindingResult[]): FindingResult[] {
  return [...findings.filter((finding) => !finding.excepted_by), ...findings.filter((finding) => finding.excepted_by)];
}

function findingLines(finding: FindingResult, chalk: ChalkInstance): string[] {
  const text = `- ${finding.resource}: ${finding.message}`;
  if (finding.excepted_by) return wrap(chalk.dim(`${text} [excepted by ${finding.excepted_by}]`), 6);
  if (finding.expired_exception) return wrap(`${text} ${chalk.red(`[exception ${finding.expired_exception} expired]`)}`, 6);
  return wrap(text, 6);
}

/** The metrics of a test that missed their bounds, each with its bounds as text: `min 100, max 5`. */
export function failedMetrics(test: Pick<TestResult, 'metrics'>): { name: string; value: number; bounds: string }[] {
  return Object.entries(test.metrics)
    .filter(([, metric]) => metric.passed === false)
    .map(([name, metric]) => {
      const bounds = [metric.min === undefined ? '' : `min ${metric.min}`, metric.max === undefined ? '' : `max ${metric.max}`];
      return { name, value: metric.value, bounds: bounds.filter(Boolean).join(', ') };
    });
}

function metricLines(test: TestResult, chalk: ChalkInstance): string[] {
  return failedMetrics(test).map(({ name, value, bounds }) => `      metric ${name} = ${chalk.red(String(value))} ${chalk.dim(`(${bounds})`)}`);
}

/** `source credential-report` for a test of one input, `inputs leavers: hr; accounts: okta, github` otherwise. */
export function readsText(test: Pick<TestResult, 'inputs'>): string {
  const inputs = Object.entries(test.inputs);
  const [only, ...more] = inputs;
  if (only && more.length === 0) return `source ${only[1].join(', ')}`;
  return `inputs ${inputs.map(([name, sources]) => `${name}: ${sources.join(', ')}`).join('; ')}`;
}

/** One test in detail: its facts, then its error, failed metrics, the first findings and the fix. */
export function testLines(test: TestResult, chalk: ChalkInstance): string[] {
  const facts = [
    `${verdict(chalk, test.status)}  ${test.check}`,
    readsText(test),
    `examined ${test.examined}`,
    `${plural(test.findings.length, 'finding')}, ${test.excepted} excepted`,
  ];
  const shown = topFindings(test.findings).slice(0, FINDINGS_PER_TEST);
  const hidden = test.findings.length - shown.length;
  return [
    ...wrapParts(facts, chalk.dim(' · '), 4, 6),
    ...(test.error === undefined ? [] : wrap(`${chalk.red('error:')} ${test.error}`, 6)),
    ...metricLines(test, chalk),
    ...shown.flatMap((finding) => findingLines(finding, chalk)),
    ...(hidden > 0 ? [chalk.dim(`      … and ${hidden} more`)] : []),
    ...(test.remediation === undefined ? [] : wrap(chalk.dim(`fix: ${test.remediation}`), 6)),
  ];
}
