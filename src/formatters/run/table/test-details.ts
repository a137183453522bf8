// A failing or errored test under its control: what was examined, the error, failed metrics, top findings, the fix.
import type { FindingResult, TestResult } from '../../../report/model.js';
import { plural, wrap, wrapParts } from '../../text/layout.js';
import { verdict } from '../../text/tones.js';
import type { TableContext } from './context.js';

/** Findings that count as failures first, so the ones shown are the ones to fix. */
export function topFindings(findings: readonly FindingResult[]): FindingResult[] {
  return [...findings.filter((finding) => !finding.excepted_by), ...findings.filter((finding) => finding.excepted_by)];
}

function findingLines(finding: FindingResult, { chalk, width }: TableContext): string[] {
  // The bullet stays with the resource id, which is never broken; the message wraps at its spaces.
  const words = [`- ${finding.resource}:`, ...finding.message.split(' ')];
  const layout = { width, indent: 6 };
  if (finding.excepted_by) return wrapParts([...words, `[excepted by ${finding.excepted_by}]`].map((word) => chalk.dim(word)), chalk.dim(' '), layout);
  if (finding.expired_exception) return wrapParts([...words, chalk.red(`[exception ${finding.expired_exception} expired]`)], ' ', layout);
  return wrapParts(words, ' ', layout);
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

function metricLines(test: TestResult, { chalk, width }: TableContext): string[] {
  return failedMetrics(test).flatMap(({ name, value, bounds }) => wrap(`metric ${name} = ${chalk.red(String(value))} ${chalk.dim(`(${bounds})`)}`, { width, indent: 6 }));
}

/** `… and 12 more: --format markdown, csv or json shows all`; nothing when every finding is shown. */
function hiddenLine(hidden: number, context: TableContext): string[] {
  if (hidden === 0) return [];
  return wrap(context.chalk.dim(`… and ${hidden} more: ${context.allFindingsHint}`), { width: context.width, indent: 6 });
}

/** `source credential-report` for a test of one input, `inputs leavers: hr; accounts: okta, github` otherwise. */
export function readsText(test: Pick<TestResult, 'inputs'>): string {
  const inputs = Object.entries(test.inputs);
  const [only, ...more] = inputs;
  if (only && more.length === 0) return `source ${only[1].join(', ')}`;
  return `inputs ${inputs.map(([name, sources]) => `${name}: ${sources.join(', ')}`).join('; ')}`;
}

/** One test in detail: its facts, then its error, failed metrics, the first findings and the fix. */
export function testLines(test: TestResult, context: TableContext): string[] {
  const { chalk, width } = context;
  // One source fits among the facts; several sources or inputs get lines of their own, wrapped at their spaces.
  const bound = Object.values(test.inputs);
  const singleSource = bound.length === 1 && bound[0]?.length === 1;
  const facts = [
    `${verdict(chalk, test.status)}  ${test.check}`,
    ...(singleSource ? [readsText(test)] : []),
    `examined ${test.examined}`,
    `${plural(test.findings.length, 'finding')}, ${test.excepted} excepted`,
  ];
  const shown = topFindings(test.findings).slice(0, context.maxFindings);
  return [
    ...wrapParts(facts, chalk.dim(' · '), { width, indent: 4, hang: 6 }),
    ...(singleSource ? [] : wrap(readsText(test), { width, indent: 10, hang: 2 })),
    ...(test.error === undefined ? [] : wrap(`${chalk.red('error:')} ${test.error}`, { width, indent: 6 })),
    ...metricLines(test, context),
    ...shown.flatMap((finding) => findingLines(finding, context)),
    ...hiddenLine(test.findings.length - shown.length, context),
    ...(test.remediation === undefined ? [] : wrap(chalk.dim(`fix: ${test.remediation}`), { width, indent: 6 })),
  ];
}
