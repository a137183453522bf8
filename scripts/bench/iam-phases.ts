// The IAM measurements of `npm run bench`, each in a child process of its own: the floor (read the two files, bare
// JSON.parse of the authorization details and a CSV split of the credential report), the full IAM audit and the
// console-MFA check alone (each `controlproof run` on a catalog of its own, the whole process: catalog, sources,
// checks, the JSON report written to a file), and DuckDB on the same console-MFA predicate. The CLI and DuckDB each
// run as a plain `node` process of their own, timed from start to exit, so neither pays for this script's loader.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBenchSet } from './generate.js';
import { consoleMfaQuery, DUCKDB_CONSOLE_MFA, DUCKDB_THREADS } from './iam-peers.js';
import { AS_OF, MB, type Manifest } from './set.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface IamPhaseResult {
  ms: number;
  maxRssMb: number;
  [key: string]: unknown;
}

/** The IAM checks of the full audit, each with its params (the privilege baseline is what the generator approved). */
function iamTests(manifest: Manifest): [string, string, string][] {
  const baseline = manifest.iam.approvedAdmins.map((arn) => `'${arn}'`).join(', ');
  return [
    ['aws/iam-console-mfa', 'credential-report', ''],
    ['aws/iam-root-mfa', 'credential-report', ''],
    ['aws/iam-root-access-keys', 'credential-report', ''],
    ['aws/iam-access-key-rotation', 'credential-report', 'max_age: 90d'],
    ['aws/iam-unused-credentials', 'credential-report', 'max_idle: 45d'],
    ['aws/iam-admin-principals', 'authorization-details', `allow: [${baseline}]`],
    ['aws/iam-privilege-drift', 'authorization-details', `baseline: [${baseline}]`],
    ['aws/iam-user-direct-policies', 'authorization-details', ''],
    ['aws/iam-stale-roles', 'authorization-details', 'max_idle: 90d'],
  ];
}

/** A catalog of `checks` over the set's two files; its limits leave room for the largest set (a million users). */
function catalogText(manifest: Manifest, checks: readonly string[]): string {
  const tests = iamTests(manifest)
    .filter(([check]) => checks.includes(check))
    .map(([check, source, params]) => `      - check: ${check}\n        source: ${source}\n${params === '' ? '' : `        params:\n          ${params}\n`}`);
  return [
    '# Written by scripts/bench/iam-phases.ts: the IAM audit of the bench.',
    'version: 1',
    'name: Bench — IAM of a large account',
    'limits: { file_size: 4GiB, total_size: 8GiB }',
    'sources:',
    `  credential-report:\n    type: aws/iam-credential-report\n    path: '${path.basename(manifest.iam.credentialReport)}'`,
    `  authorization-details:\n    type: aws/iam-authorization-details\n    path: '${path.basename(manifest.iam.authorizationDetails)}'`,
    'controls:',
    '  - id: IAM-01\n    title: IAM of the account\n    owner: cloud@example.com\n    risk: high\n    function: prevent\n    mappings:\n      soc2: [CC6.1]\n    tests:',
    ...tests,
    '',
  ].join('\n');
}

/** Writes the catalog for `checks` beside the set's files (the same text for the same set) and returns its path. */
function writeCatalog(dataDir: string, manifest: Manifest, name: string, checks: readonly string[]): string {
  const file = path.join(dataDir, path.dirname(manifest.iam.credentialReport), name);
  writeFileSync(file, catalogText(manifest, checks));
  return file;
}

function manifestOf(dataDir: string): Manifest {
  const manifest = readBenchSet(dataDir);
  if (!manifest) throw new Error(`${dataDir} holds no bench set`);
  return manifest;
}

/** The floor: read both files and parse them, nothing else (`JSON.parse`, and the CSV split into lines and cells). */
function floorPhase(dataDir: string): IamPhaseResult {
  const manifest = manifestOf(dataDir);
  const details = path.join(dataDir, manifest.iam.authorizationDetails);
  // Past V8's longest string the text cannot be built, so there is no floor to compare with.
  if (statSync(details).size >= 0x1fffffe8) return { ms: Number.NaN, maxRssMb: maxRssMb(), values: 0, unparseable: true };
  const started = performance.now();
  let values = 0;
  const parsed: unknown = JSON.parse(readFileSync(details, 'utf8'));
  if (parsed !== null && typeof parsed === 'object' && 'UserDetailList' in parsed && Array.isArray(parsed.UserDetailList)) values += parsed.UserDetailList.length;
  for (const line of readFileSync(path.join(dataDir, manifest.iam.credentialReport), 'utf8').split('\n')) if (line !== '') values += line.split(',').length;
  return { ms: performance.now() - started, maxRssMb: maxRssMb(), values };
}

interface ReportTest {
  check: string;
  status: string;
  examined: number;
  findings?: unknown[];
  error?: unknown;
}

/** Loaded first into a timed process: writes its peak RSS (MB) to the file named by BENCH_RSS_FILE when it exits. */
const RSS_PRELOAD = "process.on('exit', () => require('node:fs').writeFileSync(process.env.BENCH_RSS_FILE, String(Math.round(process.resourceUsage().maxRSS / 1024))));";

/** Runs `node args` in `dataDir`'s IAM folder: its wall time from spawn to exit, its peak RSS and its stdout. */
function timedNode(dataDir: string, args: readonly string[]): { ms: number; maxRssMb: number; stdout: string } {
  const preload = path.join(dataDir, 'iam', 'rss-preload.cjs');
  const rssFile = path.join(dataDir, 'iam', 'rss.txt');
  writeFileSync(preload, RSS_PRELOAD);
  rmSync(rssFile, { force: true });
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--require', preload, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * MB, env: { ...process.env, BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'pipe', 'inherit'] });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`node ${args.slice(0, 2).join(' ')} exited ${String(child.status)}`);
  return { ms, maxRssMb: Number(readFileSync(rssFile, 'utf8')), stdout: child.stdout };
}

/** `controlproof run` (bin/controlproof.js on dist) on a catalog of `checks`, as a process of its own. */
function runCatalog(dataDir: string, name: string, checks: readonly string[]): IamPhaseResult {
  const manifest = manifestOf(dataDir);
  const catalog = writeCatalog(dataDir, manifest, name, checks);
  const report = catalog.replace(/\.yaml$/, '-report.json');
  const cli = path.join(root, 'bin', 'controlproof.js');
  const { ms, maxRssMb } = timedNode(dataDir, [cli, 'run', catalog, '--as-of', AS_OF, '--format', 'json', '--output', report, '--fail-on', 'none', '--quiet']);
  const text = readFileSync(report, 'utf8');
  const parsed: { controls: { tests: ReportTest[] }[]; sources: { name: string; status: string; records: number }[] } = JSON.parse(text);
  const tests = parsed.controls.flatMap((control) => control.tests);
  return {
    ms,
    maxRssMb,
    reportMb: Math.round(text.length / MB),
    checks: Object.fromEntries(tests.map((test) => [test.check, { status: test.status, examined: test.examined, findings: test.findings?.length ?? 0 }])),
    sources: Object.fromEntries(parsed.sources.map((source) => [source.name, { status: source.status, records: source.records }])),
    digest: createHash('sha256').update(text).digest('hex'),
  };
}

function auditPhase(dataDir: string): IamPhaseResult {
  return runCatalog(dataDir, 'catalog.yaml', iamTests(manifestOf(dataDir)).map(([check]) => check));
}

function consoleMfaPhase(dataDir: string): IamPhaseResult {
  return runCatalog(dataDir, 'console-mfa.yaml', ['aws/iam-console-mfa']);
}

/** DuckDB on the console-MFA predicate (iam-peers.ts), as a process of its own. */
function duckdbConsoleMfaPhase(dataDir: string): IamPhaseResult {
  const report = path.join(dataDir, manifestOf(dataDir).iam.credentialReport);
  const { ms, maxRssMb, stdout } = timedNode(dataDir, ['--input-type=module', '-e', DUCKDB_CONSOLE_MFA, consoleMfaQuery(report)]);
  const counts: { consoleUsers: number; withoutMfa: number } = JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
  return { ms, maxRssMb, threads: DUCKDB_THREADS, ...counts };
}

function maxRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export const IAM_PHASES: Record<string, (dataDir: string) => IamPhaseResult | Promise<IamPhaseResult>> = {
  'iam-floor': floorPhase,
  'iam-audit': auditPhase,
  'iam-console-mfa': consoleMfaPhase,
  'iam-duckdb-mfa': duckdbConsoleMfaPhase,
};
