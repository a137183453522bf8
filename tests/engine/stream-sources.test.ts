import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { runAudit } from '../../src/engine/run-audit.js';
import type { Report, TestResult } from '../../src/report/model.js';
import { CREDS_SOURCE, MFA_CONTROL } from '../support/catalog-text.js';
import { fixturesDir, repoRoot } from '../support/paths.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

afterAll(removeTempDirs);

const asOf = new Date('2026-11-01T00:00:00Z');

function testOf(report: Report, check: string): TestResult {
  const test = report.controls.flatMap((control) => control.tests).find((candidate) => candidate.check === check);
  if (!test) throw new Error(`no test of ${check}`);
  return test;
}

describe('streamSources', () => {
  it('makes a log that cannot be read an error for the tests that stream it, and for nothing else', async () => {
    const catalog = `version: 1
name: Missing log
sources:
${CREDS_SOURCE}  trail:
    type: aws/cloudtrail-logs
    path: cloudtrail/**/*.json.gz
controls:
${MFA_CONTROL}    tests:
      - check: aws/iam-console-mfa
        source: creds
      - check: aws/ct-root-activity
        source: trail
`;
    const dir = await tempTree({ 'controls.yaml': catalog, 'credential-report.csv': readFileSync(path.join(fixturesDir, 'aws/credential-report.csv'), 'utf8') });
    const report = await runAudit(await loadCatalog(path.join(dir, 'controls.yaml')), { asOf, warnDays: 30 });
    const error = 'controls.yaml:9:11: No file matches "cloudtrail/**/*.json.gz"';
    expect(report.sources.find((source) => source.name === 'trail')).toStrictEqual({ name: 'trail', type: 'aws/cloudtrail-logs', status: 'error', files: [], records: 0, error });
    expect(testOf(report, 'aws/ct-root-activity')).toMatchObject({ status: 'error', examined: 0, error: `source "trail" could not be read: ${error}` });
    expect(testOf(report, 'aws/iam-console-mfa')).toMatchObject({ status: 'fail', examined: 5 });
  });

  for (const workers of [1, 2]) {
    it(`streams a plugin's source that has no provider, in worker threads too (${workers} thread${workers === 1 ? '' : 's'})`, async () => {
      const catalog = `version: 1
name: Plugin log
plugins: ['${path.join(repoRoot, 'tests/engine/solo-stream-plugin.mjs')}']
sources:
  notes:
    type: solo/lines
    path: notes/*.txt
controls:
  - { id: DOC-01, title: Notes are done, owner: docs@example.com, risk: low, function: detect, tests: [{ check: solo/no-todo, source: notes }] }
`;
      const dir = await tempTree({ 'controls.yaml': catalog, 'notes/a.txt': 'done one\nTODO two\n', 'notes/b.txt': 'done three\n', 'notes/c.txt': 'TODO four\ndone five\n' });
      const report = await runAudit(await loadCatalog(path.join(dir, 'controls.yaml')), { asOf, warnDays: 30, workers });
      expect(report.sources).toMatchObject([{ name: 'notes', status: 'ok', records: 5, coverage: [], files: [{ path: 'notes/a.txt' }, { path: 'notes/b.txt' }, { path: 'notes/c.txt' }] }]);
      expect(testOf(report, 'solo/no-todo')).toMatchObject({ status: 'fail', examined: 5, findings: [{ resource: 'TODO two' }, { resource: 'TODO four' }] });
    });
  }
});
