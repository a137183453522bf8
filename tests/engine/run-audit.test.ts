import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import type { LoadedCatalog } from '../../src/catalog/model.js';
import { runAudit } from '../../src/engine/run-audit.js';
import type { ControlResult, Report } from '../../src/report/model.js';
import credentialReportAdapter from '../../src/providers/aws/sources/iam-credential-report.js';
import { repoRoot } from '../support/paths.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

const ACCOUNT = 'arn:aws:iam::210987654321';

// Five controls over the real-shaped credential report and access reviews of fixtures/, run with the
// real sources and checks plus two plugin checks from fixtures/plugins.
const CATALOG = `version: 1
name: Run audit
plugins:
  - ${path.join(repoRoot, 'fixtures/plugins/throwing-check.js')}
  - ${path.join(repoRoot, 'fixtures/plugins/password-age.js')}
sources:
  creds:
    type: aws/iam-credential-report
    path: credential-report.csv
  reviews:
    type: json
    path: access-reviews.json
controls:
  - id: IAM-02
    title: MFA required for every console user
    description: Console sign-in needs a second factor for every IAM user with a password.
    owner: it-identity@example.com
    risk: high
    function: prevent
    mappings: { soc2: [CC6.1], cis-aws-3: ['1.10'] }
    tests:
      - check: aws/iam-console-mfa
        source: creds
  - id: IAM-03
    title: Access keys rotated every 90 days
    owner: platform-security@example.com
    risk: high
    function: prevent
    mappings: { cis-aws-3: ['1.14'] }
    tests:
      - check: aws/iam-access-key-rotation
        source: creds
        params: { max_age: 90d }
  - id: IAM-06
    title: Console passwords changed at least yearly
    owner: it-identity@example.com
    risk: medium
    function: prevent
    mappings: { iso27001-2022: [A.5.17] }
    tests:
      - check: acme/iam-password-age
        source: creds
        params: { max_age_days: 3650 }
        metrics:
          oldest_password_age_days: { max: 365 }
  - id: ROOT-01
    title: Root account protected
    owner: platform-security@example.com
    risk: critical
    function: prevent
    mappings: { cis-aws-3: ['1.4', '1.5'] }
    tests:
      - check: acme/throws
        source: creds
      - check: aws/iam-root-mfa
        source: creds
      - check: aws/iam-root-access-keys
        source: creds
  - id: ACR-01
    title: Quarterly user access reviews signed off
    owner: grc@example.com
    risk: medium
    function: detect
    mappings: { soc2: [CC6.2] }
    tests:
      - check: assert
        source: reviews
        params:
          each: "[].reviews[] | [?quarter == '2026-Q4']"
          id: "join('/', [system, quarter])"
          expect: signed_off
          message: 'access review of {{system}} for {{quarter}} has no sign-off'
exceptions:
  - id: EX-ACTIVE
    control: IAM-03
    resources: ['${ACCOUNT}:user/ci-deploy#access_key_*']
    reason: CI deploy key is replaced by OIDC federation in the platform migration
    risk: medium
    owner: platform-ops@example.com
    approved_by: ciso@example.com
    approved: 2026-08-01
    expires: 2027-01-31
  - id: EX-EXPIRED
    control: IAM-03
    resources: ['${ACCOUNT}:user/legacy-etl#access_key_1']
    reason: legacy ETL job to be decommissioned with the old warehouse
    risk: high
    owner: data-platform@example.com
    approved_by: ciso@example.com
    approved: 2025-04-01
    expires: 2026-09-30
`;

const asOf = new Date('2026-11-01T00:00:00Z');
let catalog: LoadedCatalog;
let report: Report;

beforeAll(async () => {
  const dir = await tempTree({
    'controls.yaml': CATALOG,
    'credential-report.csv': readFileSync(path.join(repoRoot, 'fixtures/aws/credential-report.csv'), 'utf8'),
    'access-reviews.json': readFileSync(path.join(repoRoot, 'fixtures/governance/access-reviews.json'), 'utf8'),
  });
  catalog = await loadCatalog(path.join(dir, 'controls.yaml'));
});

// Audited per test, not once per file: what a beforeAll runs counts for no test in Stryker's per-test coverage.
beforeEach(async () => {
  report = await runAudit(catalog, { asOf, warnDays: 30 });
});

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(removeTempDirs);

function control(id: string, from: Report = report): ControlResult {
  const found = from.controls.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no control ${id} in the report`);
  return found;
}

describe('exceptions', () => {
  it('excepts the finding an active exception covers, and counts the one an expired exception covers', () => {
    const rotation = control('IAM-03');
    expect(rotation.tests).toHaveLength(1);
    const [test] = rotation.tests;
    expect(test?.status).toBe('fail');
    expect(test?.examined).toBe(4);
    expect(test?.excepted).toBe(1);
    expect(test?.findings.map(({ resource, excepted_by, expired_exception }) => ({ resource, excepted_by, expired_exception }))).toEqual(
      expect.arrayContaining([
        { resource: `${ACCOUNT}:user/ci-deploy#access_key_1`, excepted_by: 'EX-ACTIVE', expired_exception: undefined },
        { resource: `${ACCOUNT}:user/legacy-etl#access_key_1`, excepted_by: undefined, expired_exception: 'EX-EXPIRED' },
      ]),
    );
    expect(test?.findings).toHaveLength(2);
    expect(rotation.works).toBe('ineffective');
  });

  it('reports each exception with its status and what it matched', () => {
    expect(report.exceptions.map(({ id, status, days_to_expiry, matched }) => ({ id, status, days_to_expiry, matched }))).toEqual([
      { id: 'EX-ACTIVE', status: 'active', days_to_expiry: 91, matched: [`${ACCOUNT}:user/ci-deploy#access_key_1`] },
      { id: 'EX-EXPIRED', status: 'expired', days_to_expiry: -32, matched: [`${ACCOUNT}:user/legacy-etl#access_key_1`] },
    ]);
    expect(report.summary.exceptions).toEqual({ active: 1, expiring: 0, expired: 1, unused: 0 });
  });

  it('excepts both findings on the expired exception’s last day, so the test passes', async () => {
    const lastDay = await runAudit(catalog, { asOf: new Date('2026-09-30T12:00:00Z'), warnDays: 30 });
    const [test] = control('IAM-03', lastDay).tests;
    expect(test?.status).toBe('pass');
    expect(test?.excepted).toBe(2);
    expect(test?.findings.map((finding) => finding.excepted_by).sort()).toEqual(['EX-ACTIVE', 'EX-EXPIRED']);
    expect(control('IAM-03', lastDay).works).toBe('effective');
    expect(lastDay.summary.exceptions).toEqual({ active: 1, expiring: 1, expired: 0, unused: 0 });
  });
});

describe('tests', () => {
  it('fails a test on its findings, with the check’s metric', () => {
    const [test] = control('IAM-02').tests;
    expect(test).toMatchObject({ check: 'aws/iam-console-mfa', status: 'fail', examined: 5, excepted: 0, metrics: { mfa_coverage_pct: { value: 60 } } });
    expect(test?.findings.map((finding) => finding.resource)).toEqual([`${ACCOUNT}:user/bob`, `${ACCOUNT}:user/carol`]);
  });

  it('fails a test with zero findings when a metric misses its threshold', () => {
    const [test] = control('IAM-06').tests;
    // bob's password was last changed 2022-08-29T13:52:40Z: 1524 whole days before as-of.
    expect(test).toMatchObject({
      check: 'acme/iam-password-age',
      status: 'fail',
      examined: 5,
      findings: [],
      metrics: { oldest_password_age_days: { value: 1524, max: 365, passed: false } },
    });
    expect(control('IAM-06').works).toBe('ineffective');
  });

  it('marks a test that examined nothing vacuous, and its control untested', () => {
    const acr = control('ACR-01');
    expect(acr.tests).toMatchObject([{ check: 'assert', status: 'vacuous', examined: 0, findings: [] }]);
    expect(acr.works).toBe('untested');
    expect(acr.assurance).toBe('unknown');
  });

  it('isolates a throwing check: its test is error, the other tests of the control still run', () => {
    const root = control('ROOT-01');
    expect(root.tests.map(({ check, status, examined }) => ({ check, status, examined }))).toEqual([
      { check: 'acme/throws', status: 'error', examined: 0 },
      { check: 'aws/iam-root-mfa', status: 'pass', examined: 1 },
      { check: 'aws/iam-root-access-keys', status: 'pass', examined: 1 },
    ]);
    expect(root.tests[0]?.error).toContain('cannot read properties of 9 rows');
    expect(root.tests[0]?.error).toContain('acme/throws');
    expect(root.works).toBe('error');
  });

  it('summarises per lens without one percentage', () => {
    expect(report.summary).toMatchObject({
      controls: 5,
      exists: { evidenced: 0, stale: 0, missing: 0, none: 5 },
      works: { effective: 0, ineffective: 3, error: 1, untested: 1 },
      assurance: { assured: 0, 'paper-only': 0, unproven: 0, undocumented: 0, failing: 3, unknown: 2 },
      tests: { pass: 2, fail: 3, error: 1, vacuous: 1 },
    });
  });
});

describe('the report', () => {
  it('is plain data: what a consumer of its JSON reads, no key holding undefined', () => {
    expect(report).toStrictEqual(JSON.parse(JSON.stringify(report)));
    expect(control('IAM-02').description).toBe('Console sign-in needs a second factor for every IAM user with a password.');
    expect(control('IAM-03')).not.toHaveProperty('description');
    expect(report.filters).toStrictEqual({});
  });

  it('records the filters it ran with', async () => {
    const filtered = await runAudit(catalog, { asOf, warnDays: 30, controls: ['IAM-02'], framework: 'soc2' });
    expect(filtered.filters).toStrictEqual({ controls: ['IAM-02'], framework: 'soc2' });
  });

  it('warns when the selected controls examined nothing, and not when a test examined something', async () => {
    // The catalog's own warning (EX-EXPIRED runs longer than max_exception_days) comes first in every run.
    const catalogWarning = {
      message: 'controls.yaml:91:14: Exception EX-EXPIRED is valid for 547 days, longer than max_exception_days (365)',
      hint: 'Shorten it and review it again when it ends, or raise max_exception_days deliberately.',
    };
    const vacuous = await runAudit(catalog, { asOf, warnDays: 30, controls: ['ACR-01'] });
    expect(vacuous.warnings).toStrictEqual([
      catalogWarning,
      { message: 'The selected controls examined nothing: every test examined zero resources', hint: 'Check the sources hold data, or select controls with tests.' },
    ]);
    expect(report.warnings).toStrictEqual([catalogWarning]);
  });

  it('warns when the selected controls have no tests', async () => {
    const dir = await tempTree({ 'controls.yaml': 'version: 1\nname: Untested\ncontrols:\n  - { id: GOV-01, title: Policies reviewed, owner: grc@example.com, risk: low, function: detect }\n' });
    const untested = await runAudit(await loadCatalog(path.join(dir, 'controls.yaml')), { asOf, warnDays: 30 });
    expect(untested.warnings.map((warning) => warning.message)).toEqual(['The selected controls examined nothing: they have no tests']);
  });
});

describe('sources', () => {
  it('reads a source once however many tests use it', async () => {
    const read = vi.spyOn(credentialReportAdapter, 'read');
    const again = await runAudit(catalog, { asOf, warnDays: 30 });
    // Six tests in four controls read "creds".
    expect(again.controls.flatMap((result) => result.tests).filter((test) => test.inputs.records?.[0] === 'creds')).toHaveLength(6);
    expect(read).toHaveBeenCalledTimes(1);
    expect(again.sources.map(({ name, status, records }) => ({ name, status, records }))).toEqual([
      { name: 'creds', status: 'ok', records: 9 },
      { name: 'reviews', status: 'ok', records: 1 },
    ]);
  });
});

describe('selection', () => {
  it('runs only the controls named, with their exceptions, and reads only their sources', async () => {
    const read = vi.spyOn(credentialReportAdapter, 'read');
    const selected = await runAudit(catalog, { asOf, warnDays: 30, controls: ['IAM-03'] });
    expect(selected.controls.map((result) => result.id)).toEqual(['IAM-03']);
    expect(selected.exceptions.map((exception) => exception.id)).toEqual(['EX-ACTIVE', 'EX-EXPIRED']);
    expect(selected.sources.map(({ name, status }) => ({ name, status }))).toEqual([
      { name: 'creds', status: 'ok' },
      { name: 'reviews', status: 'unused' },
    ]);
    expect(selected.sources[1]).toStrictEqual({ name: 'reviews', type: 'json', status: 'unused', files: [], records: 0 });
    expect(selected.summary.controls).toBe(1);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('runs only the controls mapped to a framework', async () => {
    const soc2 = await runAudit(catalog, { asOf, warnDays: 30, framework: 'soc2' });
    expect(soc2.controls.map((result) => result.id)).toEqual(['IAM-02', 'ACR-01']);
    expect(soc2.exceptions).toEqual([]);
    const iso = await runAudit(catalog, { asOf, warnDays: 30, framework: 'iso27001-2022' });
    expect(iso.controls.map((result) => result.id)).toEqual(['IAM-06']);
  });
});

describe('runAudit: scenarios', () => {
  const SCENARIOS = `scenarios:
  - id: ATK-01
    title: Stolen console password
    steps:
      - title: Sign in without MFA
        controls: [IAM-02, ROOT-01]
      - title: Review misses the new admin
        controls: [ACR-01]
`;

  it('reports each step with its controls\' lenses, and says which --control left out rather than counting them open', async () => {
    const dir = await tempTree({
      'controls.yaml': `${CATALOG}${SCENARIOS}`,
      'credential-report.csv': readFileSync(path.join(repoRoot, 'fixtures/aws/credential-report.csv'), 'utf8'),
      'access-reviews.json': readFileSync(path.join(repoRoot, 'fixtures/governance/access-reviews.json'), 'utf8'),
    });
    const withScenario = await loadCatalog(path.join(dir, 'controls.yaml'));
    const whole = await runAudit(withScenario, { asOf, warnDays: 30 });
    const [scenario] = whole.scenarios ?? [];
    const verdict = (id: string) => whole.controls.find((control) => control.id === id)?.assurance;
    expect(scenario?.steps[0]?.controls.map((control) => ('filtered' in control ? 'filtered' : control.assurance))).toEqual([verdict('IAM-02'), verdict('ROOT-01')]);

    const filtered = await runAudit(withScenario, { asOf, warnDays: 30, controls: ['IAM-02'] });
    const [only] = filtered.scenarios ?? [];
    expect(only?.steps[0]?.controls[1]).toEqual({ id: 'ROOT-01', filtered: true });
    expect(only?.steps[1]).toMatchObject({ status: 'not-assessed', controls: [{ id: 'ACR-01', filtered: true }] });
    expect(only?.residual_risk).toContain('step 2 (not assessed');
    // A catalog without scenarios reports none.
    expect(report.scenarios).toBeUndefined();
  });
});
