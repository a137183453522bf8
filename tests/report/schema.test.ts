import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { runAudit } from '../../src/engine/run-audit.js';
import json from '../../src/formatters/run/json.js';
import { repoRoot } from '../support/paths.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

// The published schema file, as consumers of the JSON report get it (tests/generated.test.ts keeps it in
// step with the zod model).
const schema: unknown = JSON.parse(readFileSync(path.join(repoRoot, 'schema/report.schema.json'), 'utf8'));
// ajv is CommonJS: under NodeNext its class is the default export's `default`.
const ajv = new Ajv2020.default({ allErrors: true, strict: false });
const validate = ajv.compile(typeof schema === 'object' && schema !== null ? schema : {});

const asOf = new Date('2026-11-01T00:00:00Z');

/** The report as a consumer reads it: the json formatter's output, parsed. */
async function jsonReport(catalogFile: string): Promise<unknown> {
  const report = await runAudit(await loadCatalog(catalogFile), { asOf, warnDays: 30 });
  return JSON.parse(json.format(report, { color: false }));
}

function errorsOf(report: unknown): string[] {
  validate(report);
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

/** A catalog whose run has every kind of trouble: unreadable source, throwing check, vacuous test, missing evidence. */
const TROUBLED = `version: 1
name: Troubled
plugins:
  - ${path.join(repoRoot, 'fixtures/plugins/throwing-check.js')}
sources:
  creds:
    type: aws/iam-credential-report
    path: credential-report.csv
  truncated:
    type: aws/iam-credential-report
    path: truncated.json
  reviews:
    type: json
    path: reviews.json
controls:
  - id: IAM-01
    title: Root account protected by MFA
    owner: platform-security@example.com
    risk: critical
    function: prevent
    evidence:
      - kind: document
        title: Access control policy
        path: absent-policy.md
        date: 2026-06-01
        max_age: 12mo
      - kind: attestation
        title: Root MFA attested
        by: ciso@example.com
        max_age: 3mo
    tests:
      - check: acme/throws
        source: creds
      - check: aws/iam-root-mfa
        source: truncated
  - id: ACR-01
    title: Quarterly user access reviews signed off
    owner: grc@example.com
    risk: medium
    function: detect
    tests:
      - check: assert
        source: reviews
        params: { each: '[]', id: system, expect: signed_off, message: 'review of {{system}} not signed off' }
`;

let troubledCatalog: string;

beforeAll(async () => {
  const dir = await tempTree({
    'controls.yaml': TROUBLED,
    'credential-report.csv': readFileSync(path.join(repoRoot, 'fixtures/aws/credential-report.csv'), 'utf8'),
    'truncated.json': '{\n    "Content": "dXNlcixhcm4sdXNlcl9jcmVhdGlvbl90aW1l',
    'reviews.json': '[]\n',
  });
  troubledCatalog = path.join(dir, 'controls.yaml');
});

// Audited in the tests that read them, not in a beforeAll: what a beforeAll runs counts for no test in Stryker's
// per-test coverage.
const exampleReport = (): Promise<unknown> => jsonReport(path.join(repoRoot, 'controls.example.yaml'));

afterAll(removeTempDirs);

describe('schema/report.schema.json', () => {
  it('is a draft 2020-12 schema', () => {
    expect(schema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', additionalProperties: false });
  });

  it('accepts the example run’s report', async () => {
    const example = await exampleReport();
    expect(errorsOf(example)).toEqual([]);
    expect(example).toMatchObject({ schema: 'controlproof/report@2', controls: expect.arrayContaining([expect.objectContaining({ id: 'IAM-02', assurance: 'paper-only' })]) });
  });

  it('accepts a report full of errors', async () => {
    const troubled = await jsonReport(troubledCatalog);
    expect(errorsOf(troubled)).toEqual([]);
    expect(troubled).toMatchObject({
      controls: [
        {
          id: 'IAM-01',
          exists: 'missing',
          works: 'error',
          tests: [{ status: 'error' }, { status: 'error' }],
        },
        { id: 'ACR-01', works: 'untested', tests: [{ status: 'vacuous' }] },
      ],
      sources: [
        { name: 'creds', status: 'ok' },
        { name: 'reviews', status: 'ok' },
        { name: 'truncated', status: 'error' },
      ],
    });
  });

  it('rejects a report that breaks the model', async () => {
    const example = await exampleReport();
    const changed = (search: string, replacement: string): unknown => {
      const text = JSON.stringify(example);
      if (!text.includes(search)) throw new Error(`${search} not in the example report`);
      return JSON.parse(text.replace(search, replacement));
    };
    expect(errorsOf(changed('"assurance":"assured"', '"assurance":"compliant"'))).toEqual([
      '/controls/0/assurance must be equal to one of the allowed values',
    ]);
    expect(errorsOf(changed('"summary":{', '"summary":{"score":87,'))).toEqual(['/summary must NOT have additional properties']);
    expect(errorsOf(changed('"as_of":"2026-11-01T00:00:00.000Z",', ''))).toEqual([" must have required property 'as_of'"]);
  });
});
