// Named inputs, views and a plugin provider, end to end through the catalog loader and the engine: a check that
// joins two sources (one a view of another provider's export), a stream check that also reads a whole input, and
// a stream check over a view of the CloudTrail logs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { runAudit } from '../../src/engine/run-audit.js';
import type { Report, TestResult } from '../../src/report/model.js';
import { fixturesDir } from '../support/paths.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

afterAll(removeTempDirs);

// The plugin stays in fixtures/, where `import ... from 'controlproof'` resolves to this package.
const CATALOG = `version: 1
name: Inputs and views
plugins: ['${path.join(fixturesDir, 'plugins/acme-provider.js')}']
sources:
  leavers:
    type: acme/leavers
    path: hr/leavers.csv
  creds:
    type: aws/iam-credential-report
    path: credential-report.csv
  badges:
    type: acme/badge-log
    path: badges/*.ndjson
  trail:
    type: aws/cloudtrail-logs
    path: cloudtrail/**/*.json.gz
controls:
  - id: HR-01
    title: Leavers lose their accounts
    owner: hr@example.com
    risk: high
    function: respond
    tests:
      - check: acme/leavers-with-accounts
        inputs: { leavers: leavers, accounts: [creds] }
      - check: acme/badge-after-termination
        inputs: { leavers: leavers, events: badges }
  - id: IAM-10
    title: Sign-ins use MFA
    owner: identity@example.com
    risk: high
    function: detect
    tests:
      - check: acme/sign-ins-without-mfa
        source: trail
`;

const LEAVERS = 'login,terminated\nbob,2026-10-01T00:00:00Z\ndana,2026-10-15T00:00:00Z\nzoe,2026-10-20T00:00:00Z\n';
const line = (time: string, site: string, badge: string): string => `${JSON.stringify({ time, site, badge })}\n`;
const BADGES = {
  'badges/hq.ndjson': line('2026-09-30T08:00:00Z', 'hq', 'bob') + line('2026-10-02T08:00:00Z', 'hq', 'bob') + line('2026-10-02T09:00:00Z', 'hq', 'alice'),
  'badges/lab.ndjson': line('2026-10-14T10:00:00Z', 'lab', 'dana') + line('2026-10-19T10:00:00Z', 'lab', 'zoe') + line('2026-10-21T10:00:00Z', 'lab', 'zoe'),
};

async function workspace(): Promise<string> {
  const trail = 'aws/cloudtrail/AWSLogs/210987654321/CloudTrail/eu-west-1/2026/10/06/210987654321_CloudTrail_eu-west-1_20261006T0920Z_dollNSYNurOG9izV.json.gz';
  return tempTree({
    'controls.yaml': CATALOG,
    'hr/leavers.csv': LEAVERS,
    'credential-report.csv': readFileSync(path.join(fixturesDir, 'aws/credential-report.csv'), 'utf8'),
    'cloudtrail/one.json.gz': readFileSync(path.join(fixturesDir, trail)),
    ...BADGES,
  });
}

function testOf(report: Report, check: string): TestResult {
  const test = report.controls.flatMap((control) => control.tests).find((candidate) => candidate.check === check);
  if (!test) throw new Error(`no test of ${check}`);
  return test;
}

describe('named inputs and views, from a plugin provider', () => {
  for (const workers of [1, 2]) {
    it(`joins, streams and views as the catalog binds them (${workers} thread${workers === 1 ? '' : 's'})`, async () => {
      const dir = await workspace();
      const catalog = await loadCatalog('controls.yaml', { cwd: dir });
      const report = await runAudit(catalog, { asOf: new Date('2026-11-01T00:00:00Z'), warnDays: 30, workers });

      // The leavers joined with the IAM users the credential report offers as identity accounts.
      const join = testOf(report, 'acme/leavers-with-accounts');
      expect(join.inputs).toEqual({ leavers: ['leavers'], accounts: ['creds'] });
      expect(join.findings.map((finding) => [finding.resource, finding.message])).toEqual([
        ['arn:aws:iam::210987654321:user/bob', 'leaver bob still has an active aws account'],
        ['arn:aws:iam::210987654321:user/dana', 'leaver dana still has an active aws account'],
      ]);
      expect([join.status, join.examined]).toEqual(['fail', 3]);

      // The badge log streamed (a plugin source, in worker threads too) against the whole leavers list.
      const badges = testOf(report, 'acme/badge-after-termination');
      expect(badges.findings.map((finding) => finding.resource)).toEqual(['badge/bob', 'badge/zoe']);
      expect([badges.examined, badges.metrics.late_badges?.value]).toEqual([6, 2]);
      const badgeSource = report.sources.find((source) => source.name === 'badges');
      expect(badgeSource?.coverage?.map((coverage) => [coverage.scope, coverage.events])).toEqual([
        [{ site: 'hq' }, 3],
        [{ site: 'lab' }, 3],
      ]);

      // Console sign-ins, as the CloudTrail source offers them through identity/sign-ins.
      const signIns = testOf(report, 'acme/sign-ins-without-mfa');
      expect(signIns.status).toBe('fail');
      expect(signIns.examined).toBe(1);
      expect(signIns.findings.map((finding) => finding.resource)).toEqual(['arn:aws:iam::210987654321:user/bob']);
    });
  }
});
