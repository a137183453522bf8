// SARIF results: one per finding, located at the test in the catalog; findings under an active exception are
// suppressed with its justification rather than left out, so code scanning shows them as dismissed.
import { createHash } from 'node:crypto';
import type { ControlResult, ExceptionResult, FindingResult, Report, TestResult } from '../../../report/model.js';
import { failingFindings, missedMetrics } from '../test-facts.js';
import { levelOf, securitySeverity, type SarifLevel } from './severity.js';

export interface SarifLocation {
  physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
}

interface Suppression {
  kind: 'external';
  status: 'accepted';
  justification: string;
  properties: Record<string, string>;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: Suppression[];
  properties: Record<string, string>;
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function pathUri(relative: string): string {
  return relative.split('/').map(encodeURIComponent).join('/');
}

/** Where a test is written: the catalog at the line and column the report records. */
export function testLocation(catalogPath: string, test: TestResult): SarifLocation {
  return {
    physicalLocation: { artifactLocation: { uri: pathUri(catalogPath) }, region: { startLine: test.position.line, startColumn: test.position.col } },
  };
}

/** Both lenses of the control, and who owns it: what an alert needs to be acted on. */
export function controlProperties(control: ControlResult): Record<string, string> {
  return {
    control: control.id,
    control_title: control.title,
    owner: control.owner,
    risk: control.risk,
    function: control.function,
    exists: control.exists,
    works: control.works,
    assurance: control.assurance,
  };
}

/** The same control, check and resource get the same fingerprint in every run, wherever the test moves. */
function fingerprint(control: ControlResult, test: TestResult, resource: string): Record<string, string> {
  return { 'controlproof/v1': createHash('sha256').update(JSON.stringify([control.id, test.check, resource])).digest('hex') };
}

function suppression(exception: ExceptionResult | undefined, id: string): Suppression {
  return {
    kind: 'external',
    status: 'accepted',
    justification: exception?.reason ?? `excepted by ${id}`,
    properties: {
      exception: id,
      ...(exception ? { status: exception.status, expires: exception.expires, owner: exception.owner, approved_by: exception.approved_by } : {}),
      ...(exception?.ticket === undefined ? {} : { ticket: exception.ticket }),
    },
  };
}

interface Place {
  report: Report;
  control: ControlResult;
  test: TestResult;
  ruleIndex: number;
  catalogPath: string;
}

function result(place: Place, resource: string, message: string, extra: Pick<SarifResult, 'suppressions'> & { properties?: Record<string, string> }): SarifResult {
  const { control, test } = place;
  return {
    ruleId: test.check,
    ruleIndex: place.ruleIndex,
    level: levelOf(control.risk),
    message: { text: `${control.id}: ${message}` },
    locations: [testLocation(place.catalogPath, test)],
    partialFingerprints: fingerprint(control, test, resource),
    ...(extra.suppressions === undefined ? {} : { suppressions: extra.suppressions }),
    properties: { ...controlProperties(control), resource, 'security-severity': securitySeverity(control.risk), ...extra.properties },
  };
}

function findingResult(place: Place, finding: FindingResult): SarifResult {
  const excepted = finding.excepted_by;
  if (excepted !== undefined) {
    const exception = place.report.exceptions.find((each) => each.id === excepted);
    return result(place, finding.resource, finding.message, { suppressions: [suppression(exception, excepted)] });
  }
  const expired = finding.expired_exception;
  return result(place, finding.resource, finding.message, expired === undefined ? {} : { properties: { expired_exception: expired } });
}

/** A test's results: each missed metric threshold, each finding that fails it, then each excepted one, suppressed. */
export function testResults(place: Place): SarifResult[] {
  const { test } = place;
  const excepted = test.findings.filter((finding) => finding.excepted_by !== undefined);
  return [
    ...missedMetrics(test).map((metric) => result(place, `metric:${metric.name}`, metric.text, {})),
    ...[...failingFindings(test), ...excepted].map((finding) => findingResult(place, finding)),
  ];
}
