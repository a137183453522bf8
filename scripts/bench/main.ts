// `npm run bench`: generates (once, into bench-data/) a deterministic synthetic CloudTrail set, IAM set and identity
// set, then measures from one run: the full log audit (every stream check, one pass, worker threads) against a
// one-thread gunzip + JSON.parse baseline of the same files, peak RSS, exact finding counts against what the generator
// seeded, the peers a user would pick instead on the same log files and predicates (controlproof --strict, DuckDB on 2
// threads, zcat | jq where jq is installed: scripts/bench/peers.ts) as ratios of whole processes with their counts
// cross-checked, the IAM audit (`controlproof run`) against bare parsing of its files and its console-MFA check against
// DuckDB, the log audit of many small files (each delivery a few records, as S3 holds a quiet account's trail) against
// one thread walking, gunzipping and parsing them, and the identity audit of a large organisation (HR, Okta users and
// factors, Entra users with their registration details, GitHub members, aliases, Okta System Log: `controlproof run` on
// its catalog) against bare parsing of its files, with its peak RSS and exact leaver counts. Each measurement runs in
// its own child process, so peak RSS and timings do not mix; baseline and audit alternate --runs times (default 3) and
// the medians are compared, so a noisy neighbour on a shared machine moves both. The same baseline work split over the
// audit's threads shows what the cores can give at all (the audit's ratio is bounded by it). Options: --size-mb N
// (default 1024), --iam-users N (default 50000; roles, policies and report rows scale with it), --people N (default
// 100000: HR rows, Okta and Entra users; GitHub members are one in five, at most 20000), --identity-log-mb N (default
// 1024 of Okta System Log), --small-files N (default 4000 log files of about 2 KB of gzip), --seed N (default 1),
// --workers N, --runs N, --only LIST (of cloudtrail, small-files, iam, identity), --data-dir DIR (default bench-data/),
// --generate-only (write the data and stop), --quick (a small set in bench-data-quick/, 2 runs: the whole bench within
// a minute, for a look before a change is measured in full).
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBenchSet, ensureIdentitySet, ensureSmallFilesSet } from './generate.js';
import { identityComparisons } from './identity-phases.js';
import { runChild, runPhase, type PhaseResult } from './phases.js';
import { CHECK_IDS, CHECK_KEYS, MB, type IdentityManifest, type Manifest, type SmallFilesManifest } from './set.js';
import { hasJq } from './peers.js';
import { measureStartup } from './startup.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const SETS = ['cloudtrail', 'small-files', 'iam', 'identity'] as const;
type SetName = (typeof SETS)[number];

interface Options {
  sizeMb: number;
  iamUsers: number;
  people: number;
  identityLogMb: number;
  smallFiles: number;
  only: ReadonlySet<SetName>;
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
  const quick = argv.includes('--quick');
  const whole = (name: string, full: number, small: number): number => Math.max(1, Math.round(number(name, quick ? small : full) ?? full));
  const only = (value('--only') ?? SETS.join(',')).split(',').map((name) => name.trim());
  const unknown = only.find((name) => !(SETS as readonly string[]).includes(name));
  if (unknown !== undefined) throw new Error(`--only expects a comma list of ${SETS.join(', ')}, found "${unknown}"`);
  return {
    sizeMb: number('--size-mb', quick ? 32 : 1024) ?? 1024,
    iamUsers: whole('--iam-users', 50_000, 5000),
    people: whole('--people', 100_000, 10_000),
    identityLogMb: number('--identity-log-mb', quick ? 32 : 1024) ?? 1024,
    smallFiles: whole('--small-files', 4000, 1000),
    only: new Set(only as SetName[]),
    seed: number('--seed', 1) ?? 1,
    workers: number('--workers', undefined),
    phase: value('--phase'),
    generateOnly: argv.includes('--generate-only'),
    runs: whole('--runs', 3, 2),
    dataDir: path.resolve(value('--data-dir') ?? path.join(root, quick ? 'bench-data-quick' : 'bench-data')),
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

/** Each phase's runs, the phases alternating --runs times, so a noisy neighbour on a shared machine moves them all. */
function interleaved<const P extends readonly string[]>(phases: P): { [K in keyof P]: PhaseResult[] } {
  const runs = phases.map((): PhaseResult[] => []);
  for (let round = 0; round < options.runs; round++) phases.forEach((phase, index) => runs[index]?.push(runChild(phase, options.dataDir, options.workers)));
  return runs as { [K in keyof P]: PhaseResult[] };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

function verdict(ok: boolean): string {
  return ok ? 'ok' : 'MISSED';
}

async function main(): Promise<void> {
  const { dataDir, workers, only } = options;
  if (options.phase) return runPhase(options.phase, dataDir, workers);
  if (!existsSync(path.join(root, 'dist', 'engine', 'stream', 'worker.js'))) throw new Error('dist/ is not built: run `npm run bench` (it builds first)');
  const log = (text: string): boolean => process.stdout.write(text);
  const manifest = only.has('cloudtrail') || only.has('iam') ? await ensureBenchSet(options, log) : undefined;
  const identity = only.has('identity') ? ensureIdentitySet(options, log) : undefined;
  const smallFiles = only.has('small-files') ? await ensureSmallFilesSet(options, log) : undefined;
  if (options.generateOnly) return;
  console.log(`${os.availableParallelism()} cores, Node ${process.version}`);
  for (const line of measureStartup(root)) console.log(line);
  let correct = true;
  if (manifest && only.has('cloudtrail')) correct = logAudit(manifest) && correct;
  if (smallFiles) correct = smallFilesAudit(smallFiles) && correct;
  if (manifest && only.has('iam')) correct = iamAudit(manifest) && correct;
  if (identity) correct = identityAudit(identity) && correct;
  if (!correct) process.exitCode = 1;
}

/** The log audit against its baseline and ceiling; whether every count was exact. */
function logAudit(manifest: Manifest): boolean {
  const ct = manifest.cloudtrail;
  const mb = ct.uncompressedBytes / MB;
  console.log(
    `CloudTrail set: ${mb.toFixed(0)} MB uncompressed (${(ct.compressedBytes / MB).toFixed(0)} MB gzip), ${ct.files.length} log files + ${ct.digestFiles} digest files, ${ct.records} records`,
  );
  const peers = logPeers();
  const [baselines, audits, ceilings, ...peerRuns] = interleaved(['baseline', 'audit', 'ceiling', ...peers.map((peer) => peer.phase)]);
  peers.forEach((peer, index) => peer.runs.push(...(peerRuns[index] ?? [])));
  const baseline = median(baselines);
  const audit = median(audits);
  const ceiling = median(ceilings);
  const peakRss = Math.max(...audits.map((run) => run.maxRssMb));

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
  const peersCorrect = printPeers(peers, audits);

  return logCorrectness(ct, audits, audit) && peersCorrect;
}

/** Whether every audit run found exactly what the generator seeded in `ct`, printed. */
function logCorrectness(ct: Manifest['cloudtrail'], audits: readonly PhaseResult[], audit: PhaseResult): boolean {
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
  return correct;
}

/** The audit of many small log files against one thread walking, gunzipping and parsing them; whether every count was exact. */
function smallFilesAudit(manifest: SmallFilesManifest): boolean {
  const ct = manifest.cloudtrail;
  console.log(
    `small files : ${ct.files.length} log files + ${ct.digestFiles} digest files, ${(ct.compressedBytes / ct.files.length / 1024).toFixed(1)} KB of gzip each on average, ${(ct.uncompressedBytes / MB).toFixed(0)} MB uncompressed, ${ct.records} records`,
  );
  const [baselines, audits] = interleaved(['small-baseline', 'small-audit']);
  const baseline = median(baselines);
  const audit = median(audits);
  console.log(`small audit : glob + ${audit.checks} stream checks, one pass, ${audit.threads} threads: ${seconds(audit.ms)} s${runsText(audits)}`);
  console.log(`small floor : walk + gunzip + JSON.parse, one thread, no checks: ${seconds(baseline.ms)} s${runsText(baselines)}`);
  const speed = 1 / roundRatio(audits, baselines);
  console.log(`small ratio : the audit at ${speed.toFixed(2)}x the floor's speed, ${ratioText(audits, baselines)} of its time (target speed >= 1.0x) ${verdict(speed >= 1)}`);
  return logCorrectness(ct, audits, audit);
}

/** The log audit's peers, each run in every round: controlproof --strict, DuckDB, and zcat | jq where jq is installed. */
function logPeers(): LogPeer[] {
  const peers: LogPeer[] = [
    { phase: 'audit-strict', label: 'controlproof --strict (every record parsed)', runs: [] },
    { phase: 'duckdb', label: 'DuckDB read_json, 2 threads, same predicates', runs: [], target: 2 },
  ];
  if (hasJq()) peers.push({ phase: 'jq', label: 'zcat | jq, one program, same predicates', runs: [] });
  return peers;
}

interface LogPeer {
  phase: string;
  label: string;
  runs: PhaseResult[];
  /** The ratio the issue asks controlproof to reach against it. */
  target?: number;
}

/**
 * Each peer's whole process (child start to exit) against controlproof's audit in the same round: the median ratio
 * and its spread over the interleaved rounds, then its counts against controlproof's; whether every count agreed.
 */
function printPeers(peers: readonly LogPeer[], audits: readonly PhaseResult[]): boolean {
  console.log(`peers       : each tool's whole process / controlproof's (${seconds(median(audits).processMs ?? Number.NaN)} s), median over ${audits.length} interleaved rounds (min, max)`);
  let correct = true;
  for (const peer of peers) {
    const ratios = peer.runs.map((run, index) => (run.processMs ?? Number.NaN) / (audits[index]?.processMs ?? Number.NaN)).sort((a, b) => a - b);
    const ratio = ratios[Math.floor((ratios.length - 1) / 2)] ?? Number.NaN;
    const target = peer.target === undefined ? '' : ` (target >= ${peer.target}x) ${verdict(ratio >= peer.target)}`;
    const time = seconds(median(peer.runs).processMs ?? Number.NaN);
    console.log(`  ${peer.label}: ${time} s, ${ratio.toFixed(2)}x (min ${ratios[0]?.toFixed(2)}x, max ${ratios.at(-1)?.toFixed(2)}x)${target}`);
    const mismatches = peerMismatches(peer, audits[0]);
    if (mismatches.length > 0) console.log(`    counts MISMATCH against controlproof's: ${mismatches.join(', ')}`);
    correct = correct && mismatches.length === 0;
  }
  return correct;
}

/**
 * The IAM audit (`controlproof run`, every IAM check) against the floor of bare parsing of its two files, and the
 * console-MFA check alone against DuckDB on the same predicate, alternating --runs times: ratios of each round, their
 * median and spread, peak RSS, and DuckDB's counts against controlproof's.
 */
function iamAudit(manifest: Manifest): boolean {
  const iam = manifest.iam;
  console.log(`IAM set     : ${iam.users} users, ${iam.roles} roles, ${iam.policies} policies, ${iam.groups} groups, ${iam.reportRows + 1}-row credential report`);
  const [floors, audits, consoles, peers] = interleaved(['iam-floor', 'iam-audit', 'iam-console-mfa', 'iam-duckdb-mfa']);
  const [floor, audit, consoleMfa, peer] = [median(floors), median(audits), median(consoles), median(peers)];
  const auditChecks = isRecord(audit.checks) ? Object.keys(audit.checks).length : 0;
  const auditRss = Math.max(...audits.map((run) => run.maxRssMb));
  console.log(`IAM audit   : controlproof run, ${auditChecks} checks, JSON report (${String(audit.reportMb)} MB): ${seconds(audit.ms)} s, peak RSS ${auditRss} MB${runsText(audits)}`);
  if (floor.unparseable === true) console.log('IAM floor   : none: the authorization details are longer than V8\'s longest string, so JSON.parse cannot read them whole');
  else {
    console.log(`IAM floor   : read + JSON.parse of the authorization details + CSV split of the report, no checks: ${seconds(floor.ms)} s${runsText(floors)}`);
    console.log(`IAM ratio   : ${ratioText(audits, floors)} the floor (target < 3x) ${verdict(roundRatio(audits, floors) < 3)}`);
  }
  console.log(`console-MFA : controlproof run of aws/iam-console-mfa alone: ${seconds(consoleMfa.ms)} s, peak RSS ${Math.max(...consoles.map((run) => run.maxRssMb))} MB${runsText(consoles)}`);
  console.log(`DuckDB      : read_csv + the same predicate, ${String(peer.threads)} threads, rows read into JavaScript: ${seconds(peer.ms)} s${runsText(peers)}`);
  console.log(`MFA ratio   : ${ratioText(consoles, peers)} DuckDB's time (target < 2x) ${verdict(roundRatio(consoles, peers) < 2)}`);
  const mfa = isRecord(consoleMfa.checks) && isRecord(consoleMfa.checks['aws/iam-console-mfa']) ? consoleMfa.checks['aws/iam-console-mfa'] : {};
  const comparisons: [string, unknown, unknown][] = [
    ['console users examined', mfa.examined, peer.consoleUsers],
    ['console users without MFA', mfa.findings, peer.withoutMfa],
    ['report rows', isRecord(audit.sources) && isRecord(audit.sources['credential-report']) ? audit.sources['credential-report'].records : undefined, iam.reportRows + 1],
    ['checks in error', Object.values(isRecord(audit.checks) ? audit.checks : {}).filter((check) => isRecord(check) && check.status === 'error').length, 0],
    ['identical report in every run', audits.every((run) => run.digest === audit.digest) ? 1 : 0, 1],
  ];
  const correct = comparisons.every(([, found, want]) => found === want);
  console.log(`correctness : ${correct ? 'ok, DuckDB and controlproof agree' : 'MISMATCH'}: ${comparisons.map(([name, found, want]) => `${name} ${String(found)}/${String(want)}`).join(', ')}`);
  return correct;
}

/** Each round's ratio of `runs` to `bases`, sorted. */
function roundRatios(runs: readonly PhaseResult[], bases: readonly PhaseResult[]): number[] {
  return runs.map((run, index) => run.ms / (bases[index]?.ms ?? Number.NaN)).sort((a, b) => a - b);
}

/** The median of the rounds' ratios (the lower middle one for an even count). */
function roundRatio(runs: readonly PhaseResult[], bases: readonly PhaseResult[]): number {
  const ratios = roundRatios(runs, bases);
  return ratios[Math.floor((ratios.length - 1) / 2)] ?? Number.NaN;
}

function ratioText(runs: readonly PhaseResult[], bases: readonly PhaseResult[]): string {
  const ratios = roundRatios(runs, bases);
  const spread = ratios.length > 1 ? ` (median; min ${ratios[0]?.toFixed(2)}x, max ${ratios.at(-1)?.toFixed(2)}x over ${ratios.length} interleaved rounds)` : '';
  return `${roundRatio(runs, bases).toFixed(2)}x${spread}`;
}

/** Where a peer's counts (in any of its runs) differ from controlproof's audit: `name peer/controlproof`. */
function peerMismatches(peer: LogPeer, audit: PhaseResult | undefined): string[] {
  const ours = audit ? auditCounts(audit) : {};
  const mismatches = new Set<string>();
  for (const run of peer.runs) {
    const theirs = isRecord(run.counts) ? run.counts : auditCounts(run);
    for (const [name, value] of Object.entries(ours)) if (theirs[name] !== value) mismatches.add(`${name} ${String(theirs[name])}/${String(value)}`);
  }
  return [...mismatches];
}

/** What an audit run counted, named as the peers name their counts (peers.ts PeerCounts). */
function auditCounts(run: PhaseResult): Record<string, unknown> {
  const findings = isRecord(run.findings) ? run.findings : {};
  const metrics = isRecord(run.metrics) ? run.metrics : {};
  const consoleMetrics = metrics[CHECK_IDS.console];
  return {
    ...Object.fromEntries(CHECK_KEYS.map((key) => [key, findings[CHECK_IDS[key]]])),
    consoleLogins: isRecord(consoleMetrics) ? consoleMetrics.console_logins : undefined,
    coverageGaps: run.passGaps,
    records: run.records,
  };
}

/**
 * The identity audit (the CLI's whole run on the set's catalog) against the floor of parsing its files, alternating
 * --runs times: the ratio of each round's pair, its median and spread, and peak RSS; whether every count was exact.
 */
function identityAudit(identity: IdentityManifest): boolean {
  const okta = identity.counts.okta ?? {};
  const github = identity.counts.github ?? {};
  const entra = identity.counts.entra ?? {};
  const logMb = (okta.logBytes ?? 0) / MB;
  console.log(
    `identity set: ${identity.people} people (${identity.hrRows} HR rows, ${identity.expected.leavers} leavers), ${okta.users} Okta users (${okta.userPages} + ${okta.deprovisionedPages} deprovisioned pages of 200, ${okta.factorFiles} factor files), ${entra.users} Entra users (${entra.userPages} pages of 100, ${entra.registrationPages} of registration details), ${github.members} GitHub members, ${identity.aliases} aliases, ${logMb.toFixed(0)} MB Okta System Log (${okta.logFiles} files, ${okta.logEvents} events)`,
  );
  const [floors, audits] = interleaved(['identity-floor', 'identity-audit']);
  const floor = median(floors);
  const audit = median(audits);
  const peakRss = Math.max(...audits.map((run) => run.maxRssMb));
  const checks = isRecord(audit.checks) ? Object.keys(audit.checks).length : 0;
  console.log(`identity    : controlproof run, ${checks} checks, JSON report: ${seconds(audit.ms)} s, ${(logMb / (audit.ms / 1000)).toFixed(1)} MB/s of log${runsText(audits)}`);
  console.log(`floor       : read + JSON.parse each file (NDJSON by line) + CSV split, one thread, no checks: ${seconds(floor.ms)} s, ${String(floor.files)} files${runsText(floors)}`);
  console.log(`ratio       : ${ratioText(audits, floors)} the floor (target < 2x) ${verdict(roundRatio(audits, floors) < 2)}`);
  console.log(`peak RSS    : ${peakRss} MB during the identity audit (target < 1024 MB) ${verdict(peakRss < 1024)}`);
  const comparisons = identityComparisons(audit, identity.expected);
  comparisons.push(['identical report in every run', audits.every((run) => run.digest === audit.digest) ? 1 : 0, 1]);
  const correct = comparisons.every(([, found, want]) => found === want);
  console.log(`correctness : ${correct ? 'ok, every count exact' : 'MISMATCH'}: ${comparisons.map(([name, found, want]) => `${name} ${String(found)}/${want}`).join(', ')}`);
  return correct;
}

function runsText(runs: readonly PhaseResult[]): string {
  return runs.length > 1 ? ` (median of ${runs.length} runs: ${runs.map((run) => seconds(run.ms)).join(', ')} s)` : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

await main();
