import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { runAudit } from '../../src/engine/run-audit.js';
import { UserErrors } from '../../src/core/errors.js';
import { repoRoot } from '../support/paths.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

afterAll(removeTempDirs);

const credentialReport = readFileSync(path.join(repoRoot, 'fixtures/aws/credential-report.csv'), 'utf8');

/** The error `loadCatalog` rejects with, or a failure when it loads. */
async function loadErrors(file: string): Promise<UserErrors> {
  const outcome = await loadCatalog(file).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof UserErrors)) throw new Error(`expected UserErrors, got ${String(outcome)}`);
  return outcome;
}

// Other issues grow the example; these tests pin what this one put in it, not its size.
describe('loadCatalog: the example catalog', () => {
  const exampleFile = path.join(repoRoot, 'controls.example.yaml');

  it('loads with every control, source and exception resolved', async () => {
    const catalog = await loadCatalog(exampleFile);
    const testsOf = (id: string): string[] | undefined =>
      catalog.controls.find((control) => control.spec.id === id)?.tests.map((test) => test.check.id);

    expect(catalog.document.name).toBe('Example Co — security controls');
    // The example does not pin its day: npm start passes --as-of.
    expect(catalog.asOf).toBeUndefined();
    expect(catalog.evidenceRoot).toBe(path.join(repoRoot, 'fixtures/evidence'));
    expect(catalog.controls.map((control) => control.spec.id)).toEqual(
      expect.arrayContaining(['IAM-01', 'IAM-02', 'IAM-03', 'IAM-04', 'IAM-05', 'ACR-01', 'BCK-01', 'IR-01']),
    );
    // Every declared test resolved to a check.
    expect(catalog.controls.map((control) => control.tests.length)).toEqual(catalog.controls.map((control) => control.spec.tests.length));
    expect(testsOf('IAM-02')).toEqual(['aws/iam-console-mfa']);
    expect(testsOf('ACR-01')).toEqual(['assert']);
    expect(testsOf('IR-01')).toEqual([]);
    expect([...catalog.sources.keys()]).toEqual(expect.arrayContaining(['credential-report', 'access-reviews', 'restore-tests']));
    // Inline exceptions, then those of fixtures/exceptions/identity-team.yaml.
    expect(catalog.exceptions.map((exception) => [exception.spec.id, path.basename(exception.file)])).toEqual(
      expect.arrayContaining([
        ['EX-2026-014', 'controls.example.yaml'],
        ['EX-2025-007', 'controls.example.yaml'],
        ['EX-2026-021', 'identity-team.yaml'],
        ['EX-2026-003', 'identity-team.yaml'],
      ]),
    );
    expect(catalog.warnings.map((warning) => warning.message)).toContain(
      'Exception EX-2025-007 is valid for 547 days, longer than max_exception_days (365)',
    );
  });

  it('parses each test’s params with its check’s schema, and knows where the test is', async () => {
    const catalog = await loadCatalog(exampleFile);
    const rotation = catalog.controls.find((control) => control.spec.id === 'IAM-03')?.tests[0];
    const lines = readFileSync(exampleFile, 'utf8').split('\n');
    const line = lines.indexOf('      - check: aws/iam-access-key-rotation') + 1;

    expect(rotation?.params).toEqual({ max_age: { amount: 90, unit: 'd', text: '90d' } });
    expect(line).toBeGreaterThan(0);
    expect(rotation?.position).toEqual({ file: exampleFile, line, col: 9 });
  });
});

describe('loadCatalog: plugins', () => {
  const catalogWithPlugin = `version: 1
name: Plugin
plugins:
  - ${path.join(repoRoot, 'fixtures/plugins/password-age.js')}
sources:
  creds:
    type: aws/iam-credential-report
    path: credential-report.csv
controls:
  - id: IAM-06
    title: Console passwords changed at least yearly
    owner: it-identity@example.com
    risk: medium
    function: prevent
    tests:
      - check: acme/iam-password-age
        source: creds
`;

  it('loads a plugin check from fixtures/plugins, validates its params and runs it', async () => {
    const dir = await tempTree({ 'controls.yaml': catalogWithPlugin, 'credential-report.csv': credentialReport });
    const catalog = await loadCatalog(path.join(dir, 'controls.yaml'));
    const check = catalog.controls[0]?.tests[0]?.check;

    expect(check?.inputs).toEqual({ records: ['aws/iam-credential-report'] });
    expect(catalog.controls[0]?.tests[0]?.params).toEqual({ max_age_days: 365 });

    const report = await runAudit(catalog, { asOf: new Date('2026-11-01T00:00:00Z'), warnDays: 30 });
    const test = report.controls[0]?.tests[0];
    // At 2026-11-01, bob's (2022-08-29) and dana's (2025-02-17) passwords are older than 365 days; carol's (2025-11-03) is not.
    expect(test?.findings.map((finding) => finding.message)).toEqual([
      'user bob last changed their console password 1524 days ago (max 365)',
      'user dana last changed their console password 621 days ago (max 365)',
    ]);
    expect(test).toMatchObject({ check: 'acme/iam-password-age', status: 'fail', examined: 5 });
  });

  it('rejects plugin params that fail the plugin check’s own schema, at their position', async () => {
    const dir = await tempTree({
      'controls.yaml': `${catalogWithPlugin}        params:\n          max_age_days: -1\n`,
      'credential-report.csv': credentialReport,
    });
    const error = await loadErrors(path.join(dir, 'controls.yaml'));
    expect(error.errors.map((each) => each.position)).toEqual([{ file: path.join(dir, 'controls.yaml'), line: 19, col: 25 }]);
    expect(error.errors[0]?.message).toMatch(/^control IAM-06, tests\[0\]\.params\.max_age_days: /);
  });
});

describe('loadCatalog: plugins that ship sources and providers', () => {
  const catalog = (plugin: string): string => `version: 1
name: Plugin sources
plugins: [${plugin}]
controls:
  - id: X-1
    title: Anything
    owner: x@example.com
    risk: low
    function: detect
`;
  const message = async (plugin: string): Promise<string> => {
    const dir = await tempTree({ 'controls.yaml': catalog('plugin.mjs'), 'plugin.mjs': plugin });
    return loadCatalog(path.join(dir, 'controls.yaml')).then(
      () => 'loaded',
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
  };

  it('registers a provider plugin\'s source types and checks, and a lone source', async () => {
    const dir = await tempTree({
      'controls.yaml': catalog(`'${path.join(repoRoot, 'fixtures/plugins/acme-provider.js')}', source.mjs`),
      'source.mjs': "export default { type: 'beta/events', kind: 'stream', description: 'Beta events.', readFile: () => [] };\n",
    });
    const { registry } = await loadCatalog(path.join(dir, 'controls.yaml'));
    expect(registry.sourceTypes()).toEqual(expect.arrayContaining(['acme/leavers', 'acme/badge-log', 'beta/events', 'aws/kms-keys']));
    expect(registry.checkIds()).toEqual(expect.arrayContaining(['acme/leavers-with-accounts', 'acme/badge-after-termination']));
    expect((await registry.providerOf('acme/leavers'))?.coverageScope).toEqual(['site']);
    expect(registry.sourceModule('beta/events')).toBe(path.join(dir, 'source.mjs'));
  });

  it('rejects a source without a kind or a reader, a provider whose ids are not its own, and a taken id', async () => {
    expect(await message("export default { type: 'beta/x', description: 'X.', read: () => [] };\n")).toBe(
      'Plugin plugin.mjs exports an invalid source "beta/x": "kind" must be "batch" or "stream"',
    );
    expect(await message("export default { type: 'beta/x', kind: 'stream', description: 'X.', read: () => [] };\n")).toBe(
      'Plugin plugin.mjs exports an invalid source "beta/x": "readFile" must be a function',
    );
    expect(await message("export default { id: 'beta', title: 'Beta', description: 'B.', sources: [{ type: 'gamma/x', kind: 'batch', description: 'X.', read: () => [] }] };\n")).toBe(
      'Plugin plugin.mjs exports an invalid provider "beta": its source types and check ids must start with "beta/", found "gamma/x"',
    );
    expect(await message("export default { type: 'aws/kms-keys', kind: 'batch', description: 'X.', read: () => [] };\n")).toBe(
      'Plugin source type "aws/kms-keys" is already taken by another source',
    );
  });
});

describe('loadCatalog: exception files', () => {
  const exception = (id: string, resource: string): string => `- id: ${id}
  control: IAM-02
  resources: ['arn:aws:iam::210987654321:user/${resource}']
  reason: hardware token on order
  risk: high
  owner: it-identity@example.com
  approved_by: ciso@example.com
  approved: 2026-10-01
  expires: 2026-11-20
`;
  const catalog = `version: 1
name: Exceptions
controls:
  - id: IAM-02
    title: MFA required for every console user
    owner: it-identity@example.com
    risk: high
    function: prevent
exceptions:
  - exceptions/*.yaml
`;

  it('reads exceptions from every file the glob matches, as a list or under an `exceptions:` key', async () => {
    const dir = await tempTree({
      'controls.yaml': catalog,
      'exceptions/identity.yaml': exception('EX-1', 'carol'),
      'exceptions/platform.yaml': `exceptions:\n${exception('EX-2', 'bob').replace(/^/gm, '  ').trimEnd()}\n`,
    });
    const loaded = await loadCatalog(path.join(dir, 'controls.yaml'));
    expect(loaded.exceptions.map((each) => ({ id: each.spec.id, file: each.file, line: each.position.line }))).toEqual([
      { id: 'EX-1', file: path.join(dir, 'exceptions/identity.yaml'), line: 1 },
      { id: 'EX-2', file: path.join(dir, 'exceptions/platform.yaml'), line: 2 },
    ]);
  });

  it('rejects one id used in two files, naming both', async () => {
    const dir = await tempTree({
      'controls.yaml': catalog,
      'exceptions/identity.yaml': exception('EX-7', 'carol'),
      'exceptions/platform.yaml': `# Platform team exceptions\n${exception('EX-7', 'bob')}`,
    });
    const error = await loadErrors(path.join(dir, 'controls.yaml'));

    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]?.located).toBe(
      `${path.join(dir, 'exceptions/platform.yaml')}:2:7: Duplicate exception id "EX-7" (first declared at identity.yaml:1)`,
    );
    expect(error.errors[0]?.hint).toBe('Exception ids must be unique across identity.yaml and platform.yaml; rename one.');
  });

  it('rejects a glob that matches no file, at the catalog entry', async () => {
    const dir = await tempTree({ 'controls.yaml': catalog });
    const error = await loadErrors(path.join(dir, 'controls.yaml'));
    expect(error.errors.map((each) => each.located)).toEqual([`${path.join(dir, 'controls.yaml')}:10:5: No exceptions file matches "exceptions/*.yaml"`]);
  });
});
