// One JUnit testsuite per control: both lenses and the exceptions as properties, the evidence in system-out.
import type { ControlResult, EvidenceResult, ExceptionResult, Report } from '../../../report/model.js';
import { testcase, testcaseNames } from './testcase.js';
import { element, xmlText, type Attributes } from './xml.js';

function controlProperties(control: ControlResult, exceptions: readonly ExceptionResult[]): Attributes {
  return [
    ['title', control.title],
    ['owner', control.owner],
    ['risk', control.risk],
    ['function', control.function],
    ['exists', control.exists],
    ['works', control.works],
    ['assurance', control.assurance],
    ...Object.entries(control.mappings).map(([framework, criteria]): [string, string] => [`mapping.${framework}`, criteria.join(', ')]),
    ...exceptions.flatMap((exception): [string, string][] => [
      [`exception.${exception.id}.status`, exception.status],
      [`exception.${exception.id}.expires`, exception.expires],
      [`exception.${exception.id}.owner`, exception.owner],
      [`exception.${exception.id}.reason`, exception.reason],
    ]),
  ];
}

function evidenceLine(item: EvidenceResult): string {
  const until = item.fresh_until === undefined ? '' : `, fresh until ${item.fresh_until}`;
  return `- ${item.kind} "${item.title}": ${item.status}${until}${item.reason === undefined ? '' : ` (${item.reason})`}`;
}

/** What the exists lens saw, and the findings exceptions allowed: what a reader of a passing suite still needs. */
function systemOut(control: ControlResult): string {
  const excepted = control.tests.flatMap((test) => test.findings.filter((finding) => finding.excepted_by !== undefined).map((finding) => ({ test, finding })));
  return [
    `exists: ${control.exists}, works: ${control.works}, assurance: ${control.assurance}`,
    ...(control.evidence.length === 0 ? ['evidence: none declared'] : ['evidence:', ...control.evidence.map(evidenceLine)]),
    ...(excepted.length === 0 ? [] : ['excepted findings:', ...excepted.map(({ test, finding }) => `- ${test.check} ${finding.resource}: ${finding.message} [excepted by ${finding.excepted_by ?? ''}]`)]),
  ].join('\n');
}

function count(control: ControlResult, status: string): number {
  return control.tests.filter((test) => test.status === status).length;
}

/** The suite of the `index`th control; `timestamp` is the as-of moment, without its zone as the schema wants. */
export function testsuite(report: Report, control: ControlResult, index: number, timestamp: string): string {
  const exceptions = report.exceptions.filter((exception) => exception.control === control.id);
  const names = testcaseNames(control.tests);
  const properties = controlProperties(control, exceptions).map(([name, value]) => `\n      ${element('property', [['name', name], ['value', value]])}`);
  const children = [
    element('properties', [], `${properties.join('')}\n    `),
    ...control.tests.map((test, position) => testcase(control.id, names[position] ?? test.check, test)),
    element('system-out', [], xmlText(systemOut(control))),
    element('system-err', [], ''),
  ];
  const attributes: Attributes = [
    ['name', control.id],
    ['package', 'controlproof'],
    ['id', index],
    ['timestamp', timestamp],
    ['hostname', 'localhost'],
    ['tests', control.tests.length],
    ['failures', count(control, 'fail')],
    ['errors', count(control, 'error')],
    ['skipped', count(control, 'vacuous')],
    ['time', 0],
  ];
  return element('testsuite', attributes, `\n    ${children.join('\n    ')}\n  `);
}
