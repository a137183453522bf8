import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import type { LoadedTest } from '../../src/catalog/model.js';
import { testResult } from '../../src/engine/test-result.js';
import { CREDS_SOURCE, MFA_CONTROL } from '../support/catalog-text.js';
import { loadedException } from '../support/loaded-exception.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

const ACCOUNT = 'arn:aws:iam::210987654321';

// Two uses of one check: one with a title and a metric threshold, one bare. The check itself is not run here.
const CATALOG = `version: 1
name: Test results
sources:
${CREDS_SOURCE}controls:
${MFA_CONTROL}    tests:
      - check: aws/iam-console-mfa
        title: Console users have MFA
        source: creds
        metrics:
          mfa_coverage_pct: { min: 100 }
      - check: aws/iam-console-mfa
        source: creds
`;

const asOf = new Date('2026-11-01T00:00:00Z');
let titled: LoadedTest;
let bare: LoadedTest;

beforeAll(async () => {
  const dir = await tempTree({ 'controls.yaml': CATALOG });
  const [first, second] = (await loadCatalog(path.join(dir, 'controls.yaml'))).controls[0]?.tests ?? [];
  if (!first || !second) throw new Error('expected two tests');
  [titled, bare] = [first, second];
});

afterAll(removeTempDirs);

const finding = (user: string) => ({ resource: `${ACCOUNT}:user/${user}`, message: `user ${user} has console access without MFA` });

describe('testResult', () => {
  it('is an error with nothing examined when the check could not run, at the test’s place in the catalog', () => {
    expect(testResult(bare, { error: 'source "creds" could not be read: no file' }, [], asOf, new Map())).toStrictEqual({
      check: 'aws/iam-console-mfa',
      inputs: { records: ['creds'] },
      status: 'error',
      examined: 0,
      excepted: 0,
      findings: [],
      metrics: {},
      error: 'source "creds" could not be read: no file',
      position: { line: 19, col: 9 },
    });
  });

  it('fails on findings no exception covers, with the check’s remediation, findings as the check gave them', () => {
    const outcome = { examined: 3, findings: [{ ...finding('bob'), details: { mfa_active: false } }, finding('carol')] };
    const result = testResult(titled, outcome, [], asOf, new Map());
    expect(result).toStrictEqual({
      check: 'aws/iam-console-mfa',
      inputs: { records: ['creds'] },
      title: 'Console users have MFA',
      status: 'fail',
      examined: 3,
      excepted: 0,
      findings: [{ ...finding('bob'), details: { mfa_active: false } }, finding('carol')],
      metrics: {},
      remediation: titled.check.remediation,
      position: { line: 14, col: 9 },
    });
  });

  it('passes when exceptions cover every finding, naming them, and adds what each matched to the run’s tally', () => {
    const active = loadedException({ id: 'EX-ACTIVE', resources: [`${ACCOUNT}:user/bob`] });
    const expired = loadedException({ id: 'EX-EXPIRED', resources: [`${ACCOUNT}:user/carol`], approved: '2026-01-01', expires: '2026-10-31' });
    const matched = new Map([['EX-ACTIVE', [`${ACCOUNT}:user/alice`]]]);
    const covered = testResult(bare, { examined: 3, findings: [finding('bob')] }, [active, expired], asOf, matched);
    expect(covered).toMatchObject({ status: 'pass', excepted: 1, findings: [{ ...finding('bob'), excepted_by: 'EX-ACTIVE' }] });
    expect(covered).not.toHaveProperty('remediation');
    const failing = testResult(bare, { examined: 3, findings: [finding('carol')] }, [active, expired], asOf, matched);
    expect(failing).toMatchObject({ status: 'fail', excepted: 0, findings: [{ ...finding('carol'), expired_exception: 'EX-EXPIRED' }] });
    expect(Object.fromEntries(matched)).toEqual({ 'EX-ACTIVE': [`${ACCOUNT}:user/alice`, `${ACCOUNT}:user/bob`], 'EX-EXPIRED': [`${ACCOUNT}:user/carol`] });
  });

  it('puts metrics in name order and holds each to the test’s threshold: a missed one fails a test without findings', () => {
    const result = testResult(titled, { examined: 5, findings: [], metrics: { users: 5, mfa_coverage_pct: 60 } }, [], asOf, new Map());
    expect(Object.entries(result.metrics)).toStrictEqual([
      ['mfa_coverage_pct', { value: 60, min: 100, passed: false }],
      ['users', { value: 5 }],
    ]);
    expect(result.status).toBe('fail');
    expect(testResult(bare, { examined: 5, findings: [], metrics: { mfa_coverage_pct: 60 } }, [], asOf, new Map()).status).toBe('pass');
  });

  it('cannot judge a threshold on a metric the check did not measure: an error naming it, unless the test fails anyway', () => {
    const unmeasured = testResult(titled, { examined: 5, findings: [], metrics: { users: 5 } }, [], asOf, new Map());
    expect(unmeasured).toMatchObject({ status: 'error', examined: 5, metrics: { users: { value: 5 } } });
    expect(unmeasured.error).toMatch(/^the threshold on mfa_coverage_pct cannot be judged: the check could not measure it/);
    expect(testResult(titled, { examined: 5, findings: [finding('bob')], metrics: {} }, [], asOf, new Map())).toMatchObject({ status: 'fail' });
    expect(testResult(titled, { examined: 0, findings: [], metrics: {} }, [], asOf, new Map())).toMatchObject({ status: 'vacuous' });
    expect(testResult(titled, { examined: 0, findings: [], metrics: {} }, [], asOf, new Map())).not.toHaveProperty('error');
  });

  it('masks the secrets a finding quotes, for programmatic users of runAudit', () => {
    const outcome = { examined: 1, findings: [{ resource: `${ACCOUNT}:user/bob`, message: 'key password=hunter2', details: { SecretAccessKey: 'x', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' } }] };
    expect(testResult(bare, outcome, [], asOf, new Map()).findings).toStrictEqual([
      { resource: `${ACCOUNT}:user/bob`, message: 'key password=[masked]', details: { SecretAccessKey: '[masked]', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' } },
    ]);
  });

  it('is vacuous when the check examined nothing', () => {
    expect(testResult(bare, { examined: 0, findings: [] }, [], asOf, new Map()).status).toBe('vacuous');
  });

  it('places a test without a known line and column at 1:1', () => {
    const unplaced = { ...bare, position: { file: 'controls.yaml' } };
    expect(testResult(unplaced, { examined: 1, findings: [] }, [], asOf, new Map()).position).toStrictEqual({ line: 1, col: 1 });
  });
});
