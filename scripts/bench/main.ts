// `npm run bench`: generates (once, into bench-data/) a deterministic synthetic CloudTrail set and IAM set, then
// measures from one run: the full log audit (every stream check, one pass, worker threads) against a one-thread
// gunzip + JSON.parse baseline of the same files, peak RSS, exact finding counts against what the generator
// seeded, and the IAM audit against the time to parse it. Each measurement runs in its own child process, so
// peak RSS and timings do not mix; baseline and audit alternate --runs times (default 3) and the medians are
// compared, so a noisy neighbour on a shared machine moves both. The same baseline work split over the audit's
// threads shows what the cores can give at all (the audit's ratio is bounded by it). Options: --size-mb N (default 1024),
// --iam-users N (default 50000; roles, policies and report rows scale with it), --seed N (default 1), --workers N,
// --runs N, --data-dir DIR (default bench-data/), --generate-only (write the data and stop).
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBenchSet, readBenchSet } from './generate.js';
import { runChild, runPhase, type PhaseResult } from './phases.js';
import { CHECK_IDS, CHECK_KEYS, MB } from './set.js';
import { measureStartup } from './startup.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Options {
  sizeMb: number;
  iamUsers: number;
  seed: number;
  workers: number | undefined;
  phase: string | undefined;
  generateOnly: boolean;
  runs: number;
  dataDir: string;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const index = argv.indexOf(name);
    return index === -1 ? undefined : argv[index + 1];
  };
  const number = (name: string, fallback: number | undefined): number | undefined => {
    const text = value(name);
    if (text === undefined) return fallback;
    const parsed = Number(text);
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} expects a non-negative number, found "${text}"`);
    return parsed;
  };
  return {
    sizeMb: number('--size-mb', 1024) ?? 1024,
    iamUsers: Math.max(1, Math.round(number('--iam-users', 50_000) ?? 50_000)),
    seed: number('--seed', 1) ?? 1,
    workers: number('--workers', undefined),
    phase: value('--phase'),
    generateOnly: argv.includes('--generate-only'),
    runs: Math.max(1, Math.round(number('--runs', 3) ?? 3)),
    dataDir: path.resolve(value('--data-dir') ?? path.join(root, 'bench-data')),
  };
}

const options = parseOptions(process.argv.slice(2));

/** The run with the median time (the lower middle one for an even count). */
function median(runs: readonly PhaseResult[]): PhaseResult {
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!middle) throw new Error('no run to take the median of');
  return middle;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

function verdict(ok: boolean): string {
  return ok ? 'ok' : 'MISSED';
}

async function main(): Promise<void> {
  const { dataDir, workers } = options;
  if (options.phase) {
    const manifest = readBenchSet(dataDir);
    if (!manifest) throw new Error(`${dataDir} holds no bench set`);
    return runPhase(options.phase, { dataDir, manifest, workers });
  }
  if (!existsSync(path.join(root, 'dist', 'engine', 'stream', 'worker.js'))) throw new Error('dist/ is not built: run `npm run bench` (it builds first)');
  const manifest = await ensureBenchSet(options, (text) => process.stdout.write(text));
  if (options.generateOnly) return;
  for (const line of measureStartup(root)) console.log(line);
  const ct = manifest.cloudtrail;
  const mb = ct.uncompressedBytes / MB;
  console.log(
    `CloudTrail set: ${mb.toFixed(0)} MB uncompressed (${(ct.compressedBytes / MB).toFixed(0)} MB gzip), ${ct.files.length} log files + ${ct.digestFiles} digest files, ${ct.records} records; ${os.availableParallelism()} cores, Node ${process.version}`,
  );
  const baselines: PhaseResult[] = [];
  const audits: PhaseResult[] = [];
  const ceilings: PhaseResult[] = [];
  for (let run = 0; run < options.runs; run++) {
    baselines.push(runChild('baseline', dataDir, workers));
    audits.push(runChild('audit', dataDir, workers));
    ceilings.push(runChild('ceiling', dataDir, workers));
  }
  const iam = runChild('iam', dataDir, workers);
  const baseline = median(baselines);
  const audit = median(audits);
  const ceiling = median(ceilings);
  const peakRss = Math.max(...audits.map((run) => run.maxRssMb));
  const runsText = (runs: readonly PhaseResult[]): string => (runs.length > 1 ? ` (median of ${runs.length} runs: ${runs.map((run) => seconds(run.ms)).join(', ')} s)` : '');

  const auditRate = mb / (audit.ms / 1000);
  const baselineRate = mb / (baseline.ms / 1000);
  const ratio = auditRate / baselineRate;
  console.log(`log audit   : ${audit.checks} stream checks, one pass, ${audit.threads} threads: ${seconds(audit.ms)} s, ${auditRate.toFixed(1)} MB/s${runsText(audits)}`);
  console.log(`baseline    : gunzip + JSON.parse, one thread, no checks: ${seconds(baseline.ms)} s, ${baselineRate.toFixed(1)} MB/s${runsText(baselines)}`);
  console.log(`ratio       : ${ratio.toFixed(2)}x the baseline (target >= 1.6x) ${verdict(ratio >= 1.6)}`);
  const ceilingRatio = baseline.ms / ceiling.ms;
  console.log(
    `ceiling     : the baseline's work alone on ${String(ceiling.threads)} threads: ${seconds(ceiling.ms)} s, ${ceilingRatio.toFixed(2)}x the baseline${runsText(ceilings)}; the audit runs at ${((100 * ratio) / ceilingRatio).toFixed(0)}% of that`,
  );
  console.log(`peak RSS    : ${peakRss} MB during the log audit (target < 600 MB) ${verdict(peakRss < 600)}`);

  const findings = isRecord(audit.findings) ? audit.findings : {};
  const metrics = isRecord(audit.metrics) ? audit.metrics : {};
  const consoleMetrics = metrics[CHECK_IDS.console];
  const coverageMetrics = metrics['aws/ct-coverage'];
  const comparisons: [string, unknown, number][] = [
    ...CHECK_KEYS.map((key): [string, unknown, number] => [CHECK_IDS[key].replace('aws/ct-', ''), findings[CHECK_IDS[key]], ct.expected.findings[key]]),
    ['console logins examined', isRecord(consoleMetrics) ? consoleMetrics.console_logins : undefined, ct.expected.consoleLogins],
    ['coverage gaps (check)', isRecord(coverageMetrics) ? coverageMetrics.coverage_gaps : undefined, ct.expected.coverageGaps],
    ['coverage gaps (pass)', audit.passGaps, ct.expected.coverageGaps],
    ['records', audit.records, ct.expected.records],
    ['duplicate deliveries', audit.duplicates, ct.expected.duplicates],
    ['files read', audit.filesRead, ct.files.length],
  ];
  // Every run must find the same, in the same order, not only the median one.
  const sameEveryRun = audits.every((run) => run.digest === audit.digest);
  comparisons.push(['identical findings in every run', sameEveryRun ? 1 : 0, 1]);
  const correct = comparisons.every(([, found, want]) => found === want);
  console.log(`correctness : ${correct ? 'ok, every count exact' : 'MISMATCH'}: ${comparisons.map(([name, found, want]) => `${name} ${String(found)}/${want}`).join(', ')}`);

  const iamRatio = iam.ms / Number(iam.parseMs);
  const ran = Array.isArray(iam.ran) ? iam.ran.length : 0;
  console.log(
    `IAM set     : ${manifest.iam.users} users, ${manifest.iam.roles} roles, ${manifest.iam.policies} policies, ${manifest.iam.reportRows + 1}-row credential report: parse ${seconds(Number(iam.parseMs))} s, full audit ${seconds(iam.ms)} s (${ran} checks), ${iamRatio.toFixed(2)}x (target < 2x) ${verdict(iamRatio < 2)}`,
  );
  if (Array.isArray(iam.skipped) && iam.skipped.length > 0) console.log(`              not run: ${iam.skipped.join(', ')}`);
  if (!correct) process.exitCode = 1;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

await main();
