// `npm run bench` on a tiny set: it runs end to end and the audit finds exactly what the generator seeded.
// Speed is not asserted here (that is the benchmark's own job); only that every figure is printed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';

const ROOT = repoRoot;
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

const scratch = mkdtempSync(path.join(tmpdir(), 'bench-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function bench(dataDir: string): { status: number | null; stdout: string; stderr: string } {
  const args = ['scripts/bench/main.ts', '--data-dir', dataDir, '--size-mb', '2', '--iam-users', '200', '--people', '300', '--identity-log-mb', '1', '--small-files', '1', '--runs', '1'];
  return spawnSync(TSX, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

describe('npm run bench', () => {
  it('prints every figure, and the findings match the counts the generator seeded', () => {
    const { status, stdout, stderr } = bench(path.join(scratch, 'data'));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    for (const label of ['log audit', 'baseline', 'ratio', 'ceiling', 'peak RSS', 'peers', 'correctness', 'IAM set']) {
      expect(stdout).toMatch(new RegExp(`^${label} +: `, 'm'));
    }
    expect(stdout).toMatch(/^log audit +: \d+ stream checks, one pass, \d+ threads: [\d.]+ s, [\d.]+ MB\/s$/m);
    expect(stdout).toMatch(/^peak RSS +: \d+ MB during the log audit/m);
    // Each peer's time as a ratio with its spread, its counts cross-checked with controlproof's (a mismatch is printed).
    expect(stdout).toMatch(/^ {2}controlproof --strict \(every record parsed\): [\d.]+ s, [\d.]+x \(min [\d.]+x, max [\d.]+x\)$/m);
    expect(stdout).toMatch(/^ {2}DuckDB read_json, 2 threads, same predicates: [\d.]+ s, [\d.]+x \(min [\d.]+x, max [\d.]+x\) \(target >= 2x\)/m);
    expect(stdout).not.toContain('MISMATCH');
    expect(stdout).toMatch(/^identity +: controlproof run, \d+ checks, JSON report: [\d.]+ s/m);
    expect(stdout).toMatch(/^peak RSS +: \d+ MB during the identity audit/m);
    expect(stdout).toMatch(/^correctness : ok, every count exact: leaver records (\d+)\/\1, leavers with active accounts (\d+)\/\2/m);
    expect(stdout).toMatch(/^correctness : ok, every count exact: console-login-without-mfa 37\/37, root-activity 11\/11, logging-tampering 8\/8, admin-grants 8\/8, kms-key-deletion 5\/5,/m);
    expect(stdout).toMatch(/coverage gaps \(check\) 2\/2, coverage gaps \(pass\) 2\/2, records (\d+)\/\1, duplicate deliveries 4\/4, files read (\d+)\/\2, identical findings in every run 1\/1$/m);
    // The small-files set: one delivery per account, region and quarter hour at the least, audited against one thread's walk and parse.
    expect(stdout).toMatch(/^small files : \d+ log files \+ 9 digest files, [\d.]+ KB of gzip each on average/m);
    expect(stdout).toMatch(/^small ratio : the audit at [\d.]+x the floor's speed, [\d.]+x of its time \(target speed >= 1.0x\)/m);
    expect(stdout.match(/^correctness : ok, every count exact: console-login-without-mfa 37\/37/gm)).toHaveLength(2);
    expect(stdout).toMatch(/^IAM set +: 200 users, 40 roles, 20 policies, 200 groups, 401-row credential report$/m);
    expect(stdout).toMatch(/^IAM audit +: controlproof run, 9 checks, JSON report \(\d+ MB\): [\d.]+ s, peak RSS \d+ MB$/m);
    expect(stdout).toMatch(/^IAM ratio +: [\d.]+x the floor \(target < 3x\)/m);
    expect(stdout).toMatch(/^MFA ratio +: [\d.]+x DuckDB's time \(target < 2x\)/m);
    expect(stdout).toMatch(/^correctness : ok, DuckDB and controlproof agree: console users examined (\d+)\/\1, console users without MFA (\d+)\/\2, report rows 401\/401, checks in error 0\/0, identical report in every run 1\/1$/m);
  }, 120_000);

  it('refuses a data folder that holds anything but an earlier set, and leaves it alone', () => {
    const folder = path.join(scratch, 'not-bench-data');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'keep.txt'), 'mine');
    const { status, stderr } = bench(folder);
    expect(status).not.toBe(0);
    expect(stderr).toContain('is not empty and holds no bench manifest');
    expect(readdirSync(folder)).toEqual(['keep.txt']);
    expect(existsSync(path.join(folder, 'manifest.json'))).toBe(false);
  }, 60_000);
});
