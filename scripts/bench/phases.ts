// The measurements of `npm run bench`, each run in a child process of its own: the baseline (one thread of gunzip +
// JSON.parse), the ceiling (that work split over the threads) and the full log audit, and the same audit and baseline
// on the small-files set; the IAM and identity phases are in iam-phases.ts and identity-phases.ts.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import { readBenchSet, SMALL_FILES_DIR } from './generate.js';
import { IAM_PHASES } from './iam-phases.js';
import { IDENTITY_PHASES } from './identity-phases.js';
import { duckdbCounts, jqCounts, logFiles } from './peers.js';
import { ACCOUNTS, AS_OF, MB, REGIONS, type Manifest } from './set.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts');

export interface PhaseResult {
  ms: number;
  maxRssMb: number;
  /** The child process from start to exit, as `runChild` timed it: start-up and module loading included. */
  processMs?: number;
  [key: string]: unknown;
}

export function eventFiles(dataDir: string, manifest: Manifest): string[] {
  return manifest.cloudtrail.files.map((file) => path.join(dataDir, 'cloudtrail', file));
}

function distModule(relative: string): string {
  return pathToFileURL(path.join(root, 'dist', relative)).href;
}

/** The baseline: what one thread needs just to decompress and parse the same files, with no checks. */
function baselinePhase({ dataDir, manifest }: PhaseContext): PhaseResult {
  const started = performance.now();
  const records = parseFiles(eventFiles(dataDir, manifest));
  return { ms: performance.now() - started, maxRssMb: maxRssMb(), records };
}

/** Gunzip + `JSON.parse` of each file, nothing else; returns the number of records. */
function parseFiles(files: readonly string[]): number {
  let records = 0;
  for (const file of files) {
    const parsed: unknown = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
    if (parsed !== null && typeof parsed === 'object' && 'Records' in parsed && Array.isArray(parsed.Records)) records += parsed.Records.length;
  }
  return records;
}

/** `parseFiles` in a worker thread: the body of a worker started with `eval`, so it needs no TypeScript loader. */
const PARSE_FILES_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { gunzipSync } = require('node:zlib');
let records = 0;
for (const file of workerData) records += JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')).Records.length;
parentPort.postMessage(records);
`;

/**
 * What the machine's cores can give: the baseline's work (nothing else) split over as many threads as the audit
 * uses, files dealt out in turn. Two cores of a shared VM rarely double one; the audit's ratio is read against this.
 */
async function ceilingPhase({ dataDir, manifest, workers }: PhaseContext): Promise<PhaseResult> {
  const threads = Math.max(1, workers ?? os.availableParallelism());
  const files = eventFiles(dataDir, manifest);
  const share = (thread: number): string[] => files.filter((_, index) => index % threads === thread);
  const started = performance.now();
  const others = Array.from({ length: threads - 1 }, (_, index) => {
    const worker = new Worker(PARSE_FILES_WORKER, { eval: true, workerData: share(index + 1), execArgv: [] });
    return new Promise<number>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  });
  let records = parseFiles(share(0));
  for (const count of await Promise.all(others)) records += count;
  return { ms: performance.now() - started, maxRssMb: maxRssMb(), records, threads };
}

/** Every built-in check, loaded from dist through the registry. */
async function distChecks(): Promise<import('../../src/kit/define-check.js').Check[]> {
  const { Registry }: typeof import('../../src/providers/registry.js') = await import(distModule('providers/registry.js'));
  const registry = new Registry();
  const checks = await Promise.all(registry.checkIds().map((id) => registry.check(id)));
  return checks.filter((check) => check !== undefined);
}

/** The full log audit from dist on the set's files and digest files (`strict`: as `run --strict`). */
async function auditPhase({ dataDir, manifest, workers }: PhaseContext, strict = false): Promise<PhaseResult> {
  // Matched as a source glob would be: digest files included, for the source to skip.
  const digests = ACCOUNTS.flatMap((account) =>
    REGIONS.map((region) => path.join(dataDir, 'cloudtrail', `AWSLogs/${account}/CloudTrail-Digest/${region}/2026/10/31/${account}_CloudTrail-Digest_${region}_org-trail_us-east-1_20261031T230000Z.json.gz`)),
  );
  const files = [...eventFiles(dataDir, manifest), ...digests].sort();
  return auditFiles(async () => files, workers, strict);
}

/** One stream pass over the files `listFiles` gives, every built-in stream check, as the engine runs it; timed from the listing on. */
async function auditFiles(listFiles: () => Promise<readonly string[]>, workers: number | undefined, strict: boolean): Promise<PhaseResult> {
  const { runStreamPass, passResults }: typeof import('../../src/engine/stream/pass.js') = await import(distModule('engine/stream/pass.js'));
  const { Registry }: typeof import('../../src/providers/registry.js') = await import(distModule('providers/registry.js'));
  const registry = new Registry();
  const source = await registry.source('aws/cloudtrail-logs');
  const provider = await registry.providerOf('aws/cloudtrail-logs');
  if (source?.kind !== 'stream') throw new Error('dist has no aws/cloudtrail-logs stream source: run npm run build');
  const params: Record<string, unknown> = { 'aws/ct-coverage': { window: '1d', max_gap: '6h' } };
  const tests = (await distChecks())
    .filter((check) => check.kind === 'stream' && check.inputs[check.stream]?.includes('aws/cloudtrail-logs'))
    .flatMap((check) => (check.kind === 'stream' ? [{ key: check.id, check, params: check.params.parse(params[check.id] ?? {}) }] : []));
  const asOf = new Date(AS_OF);
  const started = performance.now();
  const files = await listFiles();
  const pass = await runStreamPass({ source, files, tests, asOf, strict, ...(provider?.coverageScope ? { coverageScope: provider.coverageScope } : {}), ...(workers === undefined ? {} : { workers }) });
  const results = passResults(pass, tests, asOf);
  const ms = performance.now() - started;
  const findings = Object.fromEntries([...results].map(([key, value]) => [key, value instanceof Error ? `error: ${value.message}` : value.findings.length]));
  const metrics = Object.fromEntries([...results].map(([key, value]) => [key, value instanceof Error ? {} : (value.metrics ?? {})]));
  const passGaps = pass.coverage.reduce((sum, stream) => sum + stream.gaps.length, 0);
  const digest = createHash('sha256').update(JSON.stringify([...results].map(([key, value]) => [key, value instanceof Error ? value.message : value]))).digest('hex');
  return {
    ms,
    maxRssMb: maxRssMb(),
    records: pass.records,
    duplicates: pass.duplicates,
    filesRead: pass.files.length,
    checks: tests.length,
    findings,
    metrics,
    passGaps,
    digest,
    threads: workers ?? os.availableParallelism(),
  };
}

function maxRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** The small-files set's log folder. */
function smallFilesDir(dataDir: string): string {
  return path.join(dataDir, SMALL_FILES_DIR, 'cloudtrail');
}

/** The small-files baseline: one thread walks the folder, then gunzips and parses every file in it, nothing else. */
function smallFilesBaselinePhase(dataDir: string): PhaseResult {
  const started = performance.now();
  const dir = smallFilesDir(dataDir);
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.json.gz')).map((file) => path.join(dir, file));
  const records = parseFiles(files);
  return { ms: performance.now() - started, maxRssMb: maxRssMb(), records, files: files.length };
}

/** The small-files audit: the source's glob matched as a run matches it, then the one stream pass. */
async function smallFilesAuditPhase(dataDir: string, workers: number | undefined): Promise<PhaseResult> {
  const { matchFiles }: typeof import('../../src/kit/files/match-files.js') = await import(distModule('kit/files/match-files.js'));
  return auditFiles(() => matchFiles(['AWSLogs/**/*.json.gz'], smallFilesDir(dataDir)), workers, false);
}

const SMALL_FILES_PHASES: Record<string, (dataDir: string, workers: number | undefined) => PhaseResult | Promise<PhaseResult>> = {
  'small-baseline': smallFilesBaselinePhase,
  'small-audit': smallFilesAuditPhase,
};

/** What a phase measures on. */
export interface PhaseContext {
  dataDir: string;
  manifest: Manifest;
  workers: number | undefined;
}

/** A peer tool on the log set: its whole run, timed, with its counts (see peers.ts). */
async function peerPhase({ dataDir, manifest }: PhaseContext, peer: 'duckdb' | 'jq'): Promise<PhaseResult> {
  const files = logFiles(dataDir, manifest);
  const started = performance.now();
  const counts = peer === 'duckdb' ? await duckdbCounts(files) : jqCounts(files);
  return { ms: performance.now() - started, maxRssMb: maxRssMb(), counts };
}

const PHASES: Record<string, (context: PhaseContext) => PhaseResult | Promise<PhaseResult>> = {
  baseline: baselinePhase,
  ceiling: ceilingPhase,
  audit: (context) => auditPhase(context),
  'audit-strict': (context) => auditPhase(context, true),
  duckdb: (context) => peerPhase(context, 'duckdb'),
  jq: (context) => peerPhase(context, 'jq'),
};

/** Runs one phase in a child process of its own, so peak RSS and timings do not mix; it prints its result as JSON. */
export function runChild(phase: string, dataDir: string, workers: number | undefined): PhaseResult {
  const args = [...process.execArgv, MAIN, '--phase', phase, '--data-dir', dataDir];
  if (workers !== undefined) args.push('--workers', String(workers));
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * MB, stdio: ['ignore', 'pipe', 'inherit'] });
  const processMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`bench phase ${phase} failed (exit ${child.status})`);
  const last = child.stdout.trim().split('\n').pop() ?? '';
  return { ...JSON.parse(last), processMs };
}

/** The child process's side: measures `phase` and prints its result. */
export async function runPhase(phase: string, dataDir: string, workers: number | undefined): Promise<void> {
  const ofDataDir = IDENTITY_PHASES[phase] ?? IAM_PHASES[phase] ?? SMALL_FILES_PHASES[phase];
  if (ofDataDir) return console.log(JSON.stringify(await ofDataDir(dataDir, workers)));
  const measure = PHASES[phase];
  if (!measure) throw new Error(`Unknown --phase "${phase}": expected ${[...Object.keys(PHASES), ...Object.keys(IDENTITY_PHASES), ...Object.keys(IAM_PHASES), ...Object.keys(SMALL_FILES_PHASES)].join(', ')}`);
  const manifest = readBenchSet(dataDir);
  if (!manifest) throw new Error(`${dataDir} holds no bench set`);
  console.log(JSON.stringify(await measure({ dataDir, manifest, workers })));
}
