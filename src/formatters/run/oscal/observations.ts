import type { ControlResult, FindingResult, MetricResult, TestResult } from '../../../report/model.js';
import { prop, propsField, type OscalContext } from './context.js';
import { evidenceItemEvidence, evidenceText, testEvidence, testSources } from './evidence.js';
import type { Observation, Prop } from './model.js';
import { markup, markupLine, token } from './text.js';

export const testObservationUuid = (context: OscalContext, control: ControlResult, index: number): string =>
  context.uuid(`observation:${control.id}:test:${index}`);
export const existsObservationUuid = (context: OscalContext, control: ControlResult): string => context.uuid(`observation:${control.id}:exists`);

/** What a test bound and checked, for titles: `aws/iam-console-mfa on credential-report`. */
export function testName(context: OscalContext, test: TestResult): string {
  const sources = testSources(context.report, test).map((source) => source.name);
  return `${test.title ?? test.check}${sources.length > 0 ? ` on ${sources.join(', ')}` : ''}`;
}

function findingText(finding: FindingResult): string {
  const exception =
    finding.excepted_by !== undefined
      ? ` (excepted by ${finding.excepted_by})`
      : finding.expired_exception !== undefined
        ? ` (exception ${finding.expired_exception} expired: counts as a failure)`
        : '';
  return `${finding.resource}: ${finding.message}${exception}`;
}

function metricText(name: string, metric: MetricResult): string {
  const bounds = [...(metric.min === undefined ? [] : [`min ${metric.min}`]), ...(metric.max === undefined ? [] : [`max ${metric.max}`])];
  const verdict = metric.passed === undefined ? '' : metric.passed ? ': passed' : ': failed';
  return `${name} = ${metric.value}${bounds.length > 0 ? ` (${bounds.join(', ')})` : ''}${verdict}`;
}

function list(heading: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : ['', `${heading}:`, '', ...items.map((item) => `- ${markup(item)}`)];
}

function testDescription(control: ControlResult, test: TestResult, name: string): string {
  const counts = `Examined ${test.examined}; ${test.findings.length} finding(s), ${test.excepted} excepted.`;
  return [
    markup(`Test ${name} of control ${control.id}: ${test.status}. ${counts}`),
    ...(test.error === undefined ? [] : ['', markup(`Error: ${test.error}`)]),
    ...list('Findings', test.findings.map(findingText)),
    ...list('Metrics', Object.entries(test.metrics).map(([metric, result]) => metricText(metric, result))),
    ...(test.remediation === undefined ? [] : ['', markup(`Remediation: ${test.remediation}`)]),
  ].join('\n');
}

function findingProps(finding: FindingResult): Prop[] {
  const state = finding.excepted_by !== undefined ? 'excepted' : finding.expired_exception !== undefined ? 'expired-exception' : 'open';
  return prop('finding', finding.resource, { class: state, remarks: markup(findingText(finding)) });
}

/** The works lens, one test: an automated TEST of the exported data, with its verdict, findings and the files it read. */
export function testObservation(context: OscalContext, control: ControlResult, test: TestResult, index: number): Observation {
  const name = testName(context, test);
  const evidence = testEvidence(context, test);
  return {
    uuid: testObservationUuid(context, control, index),
    title: markupLine(`${control.id}: ${name}: ${test.status}`, 'test'),
    description: testDescription(control, test, name),
    ...propsField([
      ...prop('lens', 'works'),
      ...prop('control-id', control.id),
      ...prop('check', test.check),
      ...prop('test-status', test.status),
      ...prop('examined', test.examined),
      ...prop('excepted', test.excepted),
      ...prop('catalog-position', `${test.position.line}:${test.position.col}`),
      ...Object.entries(test.metrics).flatMap(([metric, result]) => prop('metric', result.value, { class: token(metric), remarks: markup(metricText(metric, result)) })),
      ...test.findings.flatMap(findingProps),
    ]),
    methods: ['TEST'],
    origins: context.origins,
    ...(evidence.length > 0 ? { 'relevant-evidence': evidence } : {}),
    collected: context.report.as_of,
  };
}

/** The exists lens of a control, kept apart from its tests: an EXAMINE of each evidence item, with its freshness. */
export function existsObservation(context: OscalContext, control: ControlResult): Observation {
  const items = control.evidence.map((item) => evidenceItemEvidence(context, item));
  const summary = control.evidence.length === 0 ? 'it declares no evidence' : `${control.evidence.length} evidence item(s)`;
  return {
    uuid: existsObservationUuid(context, control),
    title: markupLine(`${control.id}: evidence ${control.exists}`, 'evidence'),
    description: [markup(`Evidence of control ${control.id}: ${control.exists}; ${summary}.`), ...list('Items', control.evidence.map(evidenceText))].join('\n'),
    ...propsField([...prop('lens', 'exists'), ...prop('control-id', control.id), ...prop('exists', control.exists)]),
    methods: ['EXAMINE'],
    origins: context.origins,
    ...(items.length > 0 ? { 'relevant-evidence': items } : {}),
    collected: context.report.as_of,
  };
}
