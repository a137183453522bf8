import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import oscal from '../../../src/formatters/run/oscal.js';
import { reportSchema, type Report } from '../../../src/report/model.js';
import { runCli } from '../../support/cli.js';
import { repoRoot } from '../../support/paths.js';
import { sampleReport } from '../sample-report.js';

// NIST's published schema, as its `$schema` dictates (draft-07); its token patterns use \p{L}, so regular
// expressions are Unicode (Ajv's default, written out). `strict: false` only silences Ajv's warnings about the
// schema's own style; every keyword is still enforced.
const schema: unknown = JSON.parse(readFileSync(path.join(repoRoot, 'tests/schemas/oscal_assessment-results_schema-1.2.1.json'), 'utf8'));
const ajv = new Ajv.default({ allErrors: true, strict: false, unicodeRegExp: true });
addFormats.default(ajv);
const validate = ajv.compile(typeof schema === 'object' && schema !== null ? schema : {});

function errorsOf(document: unknown): string[] {
  validate(document);
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

interface Prop {
  name: string;
  value: string;
  class?: string;
}
interface Observation {
  uuid: string;
  title: string;
  description: string;
  methods: string[];
  props: Prop[];
  'relevant-evidence'?: { href?: string; description: string; props?: Prop[] }[];
}
interface Finding {
  uuid: string;
  props: Prop[];
  target: { type: string; 'target-id': string; status: { state: string; reason: string } };
  'related-observations': { 'observation-uuid': string }[];
  'related-risks'?: { 'risk-uuid': string }[];
}
interface Risk {
  uuid: string;
  title: string;
  status: string;
  props: Prop[];
  deadline?: string;
  remediations?: { description: string }[];
  'risk-log'?: { entries: { start: string; 'status-change': string }[] };
  'related-observations'?: { 'observation-uuid': string }[];
}
interface Document {
  'assessment-results': {
    uuid: string;
    metadata: { title: string; 'last-modified': string; version: string; 'oscal-version': string; parties: { uuid: string; name: string }[] };
    'import-ap': { href: string };
    results: { start: string; end: string; observations: Observation[]; findings: Finding[]; risks: Risk[]; remarks?: string }[];
    'back-matter'?: { resources: { uuid: string; title: string; rlinks: { href: string; hashes?: { algorithm: string; value: string }[] }[] }[] };
  };
}

const documentOf = (report: Report): Document => JSON.parse(oscal.format(report, { color: false })) as Document;
const resultOf = (report: Report): Document['assessment-results']['results'][number] => {
  const [result] = documentOf(report)['assessment-results'].results;
  if (!result) throw new Error('no result');
  return result;
};
const propValue = (props: readonly Prop[] | undefined, name: string): string | undefined => props?.find((each) => each.name === name)?.value;

/** The sample report with hostile strings in every kind of slot, ids that are no tokens and dates that are no dates. */
function hostileReport(): Report {
  const report = structuredClone(sampleReport);
  const hostile = '=HYPERLINK("x")\n::error::%0A <b>&amp;</b> `code` \\ "quoted" \r\n Zürich 東京 \u202e\u001b[31m';
  const [first, second] = report.controls;
  if (!first || !second) throw new Error('sample report changed');
  first.id = `1 ${hostile}`;
  first.title = ' \n ';
  first.owner = `owner ${hostile}`;
  first.mappings = { 'cis-aws-3': ['1.10', ''], soc2: [hostile] };
  second.mappings = {};
  second.evidence = [{ kind: 'document', title: '', status: 'missing', max_age: '90d', path: 'evidence/a b#c%d.pdf' }];
  for (const control of report.controls) {
    for (const test of control.tests) {
      test.check = `${test.check} ${hostile}`;
      test.metrics = { [hostile]: { value: 1 }, '': { value: 2, passed: false } };
      for (const finding of test.findings) {
        finding.resource = `${hostile} ${finding.resource}`;
        finding.message = hostile;
      }
    }
  }
  const [exception] = report.exceptions;
  if (!exception) throw new Error('sample report changed');
  exception.reason = hostile;
  exception.owner = '   ';
  exception.approved_by = hostile;
  exception.expires = 'someday';
  const [source] = report.sources;
  if (!source) throw new Error('sample report changed');
  source.files = [{ path: `exports/${hostile}.csv`, bytes: 1, sha256: '' }];
  report.catalog.name = hostile;
  report.catalog.path = `my controls ${hostile}.yaml`;
  report.warnings.push({ message: hostile, hint: hostile });
  return reportSchema.parse(report);
}

/** A report with no control, no source and no exception: every optional array of the document is left out. */
function emptyReport(): Report {
  return reportSchema.parse({ ...structuredClone(sampleReport), controls: [], sources: [], exceptions: [], warnings: [] });
}

describe('oscal formatter', () => {
  it('writes a document that validates against the OSCAL 1.2.1 assessment-results schema', () => {
    expect(errorsOf(documentOf(sampleReport))).toEqual([]);
  });

  it('stays valid with hostile strings, ids that are no tokens, blank names and a date that is none', () => {
    expect(errorsOf(documentOf(hostileReport()))).toEqual([]);
    expect(errorsOf(documentOf(emptyReport()))).toEqual([]);
  });

  it('is validated for real: the schema rejects what OSCAL does not allow', () => {
    const text = oscal.format(sampleReport, { color: false });
    const changed = (search: string, replacement: string): unknown => {
      if (!text.includes(search)) throw new Error(`${search} not in the document`);
      return JSON.parse(text.replace(search, replacement));
    };
    expect(errorsOf(changed('"state": "not-satisfied"', '"state": "failed"'))).toContain('/assessment-results/results/0/findings/1/target/status/state must be equal to one of the allowed values');
    expect(errorsOf(changed('"oscal-version": "1.2.1",', ''))).toEqual(["/assessment-results/metadata must have required property 'oscal-version'"]);
    const { uuid } = documentOf(sampleReport)['assessment-results'];
    expect(errorsOf(changed(uuid, uuid.replace(/^(.{14})5/, '$11')))).toEqual(['/assessment-results/uuid must match pattern "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$"']);
  });

  it('names the catalog, the as-of, the tool version and OSCAL 1.2.1, and imports the catalog as the plan', () => {
    const document = documentOf(sampleReport)['assessment-results'];
    expect(document.metadata).toMatchObject({
      title: 'Acme Corp security controls: assessment results',
      'last-modified': '2025-06-30T00:00:00.000Z',
      version: '0.1.0',
      'oscal-version': '1.2.1',
    });
    expect(document['import-ap'].href).toBe('controls.yaml');
    expect(document.results).toHaveLength(1);
    expect(document.results[0]).toMatchObject({ start: '2025-06-30T00:00:00.000Z', end: '2025-06-30T00:00:00.000Z' });
  });

  it('makes a TEST observation per test and a separate EXAMINE observation per control for the exists lens', () => {
    const { observations } = resultOf(sampleReport);
    const tests = sampleReport.controls.flatMap((control) => control.tests);
    expect(observations.filter((observation) => observation.methods.join() === 'TEST')).toHaveLength(tests.length);
    const examined = observations.filter((observation) => observation.methods.join() === 'EXAMINE');
    expect(examined.map((observation) => propValue(observation.props, 'control-id'))).toEqual(sampleReport.controls.map((control) => control.id));
    expect(examined.map((observation) => propValue(observation.props, 'exists'))).toEqual(sampleReport.controls.map((control) => control.exists));
    const consoleMfa = observations.find((observation) => observation.title === 'IAM-1: aws/iam-console-mfa on iam-credentials: fail');
    expect(consoleMfa?.props.filter((each) => each.name === 'finding')).toHaveLength(8);
    expect(consoleMfa?.props).toContainEqual(expect.objectContaining({ name: 'finding', value: 'arn:aws:iam::210987654321:user/ci-deploy', class: 'expired-exception' }));
    expect(consoleMfa?.description).toContain('- arn:aws:iam::210987654321:user/ci-deploy: user ci-deploy has console access without MFA (exception EX-3 expired: counts as a failure)');
  });

  it('links each test to the exported files it read, and each evidence document, by their SHA-256 in the back matter', () => {
    const document = documentOf(sampleReport)['assessment-results'];
    const resources = document['back-matter']?.resources ?? [];
    const byRef = new Map(resources.map((resource) => [`#${resource.uuid}`, resource]));
    const evidence = (document.results[0]?.observations ?? []).flatMap((observation) => observation['relevant-evidence'] ?? []);
    const linked = evidence.flatMap((item) => (item.href === undefined ? [] : [byRef.get(item.href)?.rlinks[0]]));
    expect(linked).toContainEqual({
      href: 'exports/aws/credential-report.csv',
      hashes: [{ algorithm: 'SHA-256', value: '0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9' }],
    });
    expect(linked).toContainEqual({ href: 'evidence/change-management.pdf' });
    expect(linked).not.toContain(undefined);
    expect(evidence.map((item) => item.description)).toContain('No file of source github-branch-protection (json): no files match exports/github/branch-protection-\\*.json'.replace('\\*', '*'));
  });

  it('makes a finding per control and criterion, its target status from the works lens only', () => {
    const { findings } = resultOf(sampleReport);
    const pairs = sampleReport.controls.flatMap((control) => Object.entries(control.mappings).flatMap(([framework, ids]) => ids.map((id) => `${control.id} ${framework}_${id}`)));
    expect(findings.map((finding) => `${propValue(finding.props, 'control-id') ?? ''} ${finding.target['target-id']}`)).toEqual(pairs);
    const states = Object.fromEntries(findings.map((finding) => [propValue(finding.props, 'control-id'), [finding.target.type, finding.target.status.state, finding.target.status.reason]]));
    expect(states).toEqual({
      'MFA-2': ['objective-id', 'satisfied', 'pass'],
      'BAK-1': ['objective-id', 'not-satisfied', 'other'],
      'IAM-1': ['objective-id', 'not-satisfied', 'fail'],
      'KEY-3': ['objective-id', 'satisfied', 'pass'],
      'LOG-1': ['objective-id', 'not-satisfied', 'fail'],
      'JML-2': ['objective-id', 'not-satisfied', 'fail'],
      'IR-1': ['objective-id', 'not-satisfied', 'other'],
      'GH-1': ['objective-id', 'not-satisfied', 'other'],
    });
    // A paper-only control: satisfied on paper is not what the target says; the evidence lens stays in its own props.
    const paperOnly = findings.find((finding) => propValue(finding.props, 'control-id') === 'IAM-1');
    expect([propValue(paperOnly?.props, 'exists'), propValue(paperOnly?.props, 'assurance')]).toEqual(['evidenced', 'paper-only']);
  });

  it('targets the control’s own statement when it maps to no criterion, and makes every target id a token', () => {
    const { findings } = resultOf(hostileReport());
    expect(findings.map((finding) => finding.target['target-id'])).toContain('BAK-1_smt');
    expect(findings.map((finding) => finding.target['target-id'])).toContain('cis-aws-3_1.10');
  });

  it('refers only to observations and risks the result holds', () => {
    for (const report of [sampleReport, hostileReport()]) {
      const { observations, findings, risks } = resultOf(report);
      const observationIds = new Set(observations.map((observation) => observation.uuid));
      const riskIds = new Set(risks.map((risk) => risk.uuid));
      const referenced = [...findings, ...risks].flatMap((each) => each['related-observations'] ?? []).map((each) => each['observation-uuid']);
      expect(referenced.filter((uuid) => !observationIds.has(uuid))).toEqual([]);
      expect(findings.flatMap((finding) => finding['related-risks'] ?? []).filter((each) => !riskIds.has(each['risk-uuid']))).toEqual([]);
    }
  });

  it('opens a risk for each failing control, owned by its owner, with the failed checks’ remediation', () => {
    const { risks } = resultOf(sampleReport);
    const failing = risks.filter((risk) => propValue(risk.props, 'exception-id') === undefined);
    expect(failing.map((risk) => [propValue(risk.props, 'control-id'), risk.status, propValue(risk.props, 'owner')])).toEqual([
      ['IAM-1', 'open', 'platform-security@acme.example'],
      ['LOG-1', 'open', 'cloud-platform@acme.example'],
      ['JML-2', 'open', 'it-operations@acme.example'],
    ]);
    const parties = documentOf(sampleReport)['assessment-results'].metadata.parties.map((party) => party.name);
    expect(parties).toEqual(expect.arrayContaining(['platform-security@acme.example', 'ciso@acme.example']));
  });

  it('makes each exception a risk: an approved deviation until it expires, open again once expired, with its deadline', () => {
    const { risks } = resultOf(sampleReport);
    const exceptions = risks.filter((risk) => propValue(risk.props, 'exception-id') !== undefined);
    expect(exceptions.map((risk) => [propValue(risk.props, 'exception-id'), propValue(risk.props, 'exception-status'), risk.status, risk.deadline])).toEqual([
      ['EX-3', 'expired', 'open', '2025-05-27T00:00:00Z'],
      ['EX-7', 'active', 'deviation-approved', '2025-11-22T00:00:00Z'],
      ['EX-9', 'expiring', 'deviation-approved', '2025-07-15T00:00:00Z'],
      ['EX-12', 'unused', 'deviation-approved', '2025-12-11T00:00:00Z'],
    ]);
    expect(exceptions[0]?.['risk-log']?.entries).toEqual([
      expect.objectContaining({ start: '2024-05-26T00:00:00Z', 'status-change': 'deviation-approved' }),
      expect.objectContaining({ start: '2025-05-27T00:00:00Z', 'status-change': 'open' }),
    ]);
    expect(exceptions[0]?.['related-observations']).toHaveLength(1);
    expect(exceptions[3]?.['related-observations']).toBeUndefined();
  });

  it('escapes the data where OSCAL renders Markdown, keeps it on one line where it must, and lists the warnings', () => {
    const result = resultOf(hostileReport());
    // Markup fields are Markdown; prop values are plain strings, kept as they are.
    const markupFields = [
      ...result.observations.flatMap((observation) => [observation.title, observation.description]),
      ...result.risks.flatMap((risk) => [risk.title, ...(risk.remediations ?? []).map((remediation) => remediation.description)]),
      result.remarks ?? '',
    ];
    expect(markupFields.filter((field) => /(^|[^\\])<b>/.test(field))).toEqual([]);
    expect(markupFields.join('\n')).toContain('\\<b>\\&amp;\\</b> \\`code\\` \\\\');
    expect(result.observations.flatMap((observation) => observation.props).map((each) => each.value)).toContainEqual(expect.stringContaining('<b>&amp;</b> `code` \\'));
    expect(result.remarks).toContain('Warnings:');
    for (const observation of result.observations) expect(observation.title).not.toMatch(/[\r\n]/);
  });

  it('gives identical bytes for the same report, and distinct UUIDs for distinct parts', () => {
    const text = oscal.format(sampleReport, { color: false });
    expect(oscal.format(structuredClone(sampleReport), { color: true })).toBe(text);
    const uuids = [...text.matchAll(/"uuid": "([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(uuids).size).toBe(uuids.length);
    const later = reportSchema.parse({ ...structuredClone(sampleReport), as_of: '2025-07-01T00:00:00.000Z' });
    expect(documentOf(later)['assessment-results'].uuid).not.toBe(documentOf(sampleReport)['assessment-results'].uuid);
  });
});

describe('run --format oscal on the example catalog', () => {
  it('validates, and two runs give identical bytes, in another time zone too', { timeout: 60_000 }, async () => {
    const args = ['run', 'controls.example.yaml', '--as-of', '2026-11-01', '--format', 'oscal', '--fail-on', 'none'];
    const first = await runCli(args, { cwd: repoRoot });
    const zone = process.env.TZ;
    // Node reads TZ whenever it is set: the second run's clock is UTC+14.
    process.env.TZ = 'Pacific/Kiritimati';
    const second = await runCli(args, { cwd: repoRoot, env: { LANG: 'de_DE.UTF-8' } }).finally(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(errorsOf(JSON.parse(first.stdout))).toEqual([]);
  });
});
