// The governance checks through a whole run: fresh tabletop minutes as evidence while the tabletop's actions are
// overdue (paper-only), restores from the register and an AWS Backup export bound to one input, and a register
// with a misspelt key making its tests error at the key.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { repoRoot } from '../../support/paths.js';
import { removeTempDirs, tempTree } from '../../support/workspace.js';

afterAll(removeTempDirs);

const fixture = (relative: string): string => readFileSync(path.join(repoRoot, 'fixtures', relative), 'utf8');

const CATALOG = `version: 1
name: Exercises
sources:
  exercises: { type: governance/exercises, path: 'register/*.{yaml,csv}' }
  restore-jobs: { type: aws/backup-restore-jobs, path: aws/*/*/backup-restore-jobs.json }
controls:
  - id: IR-02
    title: Ransomware tabletop held yearly and its actions closed
    owner: security-operations@example.com
    risk: high
    function: respond
    evidence:
      - kind: document
        title: Ransomware tabletop minutes
        path: tabletop-2026-04-minutes.md
        date: 2026-04-20
        max_age: 12mo
    tests:
      - check: governance/exercise-held
        source: exercises
        params: { kind: tabletop, scenario: ransomware, max_age: 12mo }
      - check: governance/exercise-actions-closed
        source: exercises
  - id: BCK-02
    title: Restores meet the 4h RTO and 24h RPO
    owner: platform-ops@example.com
    risk: high
    function: recover
    tests:
      - check: governance/recovery-objectives
        source: [exercises, restore-jobs]
        params: { rto: 4h, rpo: 24h }
`;

const files = (register: string) => ({
  'controls.yaml': CATALOG,
  'tabletop-2026-04-minutes.md': fixture('evidence/tabletop-2026-04-minutes.md'),
  'register/exercises.yaml': register,
  'register/exercises.csv': fixture('governance/exercises.csv'),
  'aws/210987654321/eu-west-1/backup-restore-jobs.json': fixture('governance/aws/210987654321/eu-west-1/backup-restore-jobs.json'),
});

async function run(register: string): Promise<{ code: number; report: { controls: { id: string; exists: string; works: string; assurance: string; tests: { check: string; status: string; examined: number; findings: { resource: string }[]; metrics: Record<string, { value: number }> }[] }[]; sources: { name: string; error?: string }[] } }> {
  const dir = await tempTree(files(register));
  const { code, stdout } = await runCli(['run', 'controls.yaml', '--as-of', '2026-11-01', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
  return { code, report: JSON.parse(stdout) };
}

describe('governance exercises in a run', () => {
  it('fresh tabletop minutes with overdue actions are paper-only; restores from both records are measured', async () => {
    const { code, report } = await run(fixture('governance/exercises.yaml'));
    expect(code).toBe(0);
    const [tabletop, restores] = report.controls;
    expect(tabletop).toMatchObject({ id: 'IR-02', exists: 'evidenced', works: 'ineffective', assurance: 'paper-only' });
    expect(tabletop?.tests.map((test) => [test.check, test.status])).toEqual([
      ['governance/exercise-held', 'pass'],
      ['governance/exercise-actions-closed', 'fail'],
    ]);
    expect(tabletop?.tests[1]?.findings.map((finding) => finding.resource)).toEqual(['TTX-2026-04/A2', 'TTX-2026-Q3-DC/OPS-640']);
    expect(tabletop?.tests[1]?.metrics.oldest_open_overdue_days).toEqual({ value: 92 });
    expect(restores?.tests[0]).toMatchObject({ status: 'fail', examined: 7 });
    expect(restores?.tests[0]?.findings.map((finding) => finding.resource)).toEqual([
      'RR-2026-07',
      'restore-job/7e0c4b1a-2f3d-4c5e-8a9b-0c1d2e3f4a02',
      'restore-job/7e0c4b1a-2f3d-4c5e-8a9b-0c1d2e3f4a03',
      'restore-job/7e0c4b1a-2f3d-4c5e-8a9b-0c1d2e3f4a04',
    ]);
  });

  it('a misspelt key in the register makes the tests that read it error, at the key', async () => {
    const { code, report } = await run(fixture('governance/exercises.yaml').replace('  outcome: succeeded\n  participants: [secops', '  outcome: succeeded\n  participant: [secops'));
    expect(code).toBe(0);
    expect(report.controls.flatMap((control) => control.tests.map((test) => test.status))).toEqual(['error', 'error', 'error']);
    expect(report.sources.find((source) => source.name === 'exercises')?.error).toMatch(/register\/exercises\.yaml:30:3: Unknown key "participant" in exercise SIM-2026-09/);
  });
});
