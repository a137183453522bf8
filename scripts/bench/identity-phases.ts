// The identity measurements of `npm run bench`, each in a child process of its own: the floor (bare parsing of every
// input file, one thread) and the identity audit (`controlproof run` on the set's catalog, the whole process: catalog,
// globs, sources, views, joins, checks, the JSON report written to a file).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { IDENTITY_DIR } from './generate.js';
import { AS_OF, type IdentityExpected } from './set.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface IdentityPhaseResult {
  ms: number;
  maxRssMb: number;
  [key: string]: unknown;
}

/** Every input file of the set (what the catalog's globs match), in a stable order. */
function inputFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(json|ndjson|csv)$/.test(entry.name) && full !== path.join(dir, 'manifest.json')) files.push(full);
    }
  };
  walk(dir);
  return files;
}

/** The floor: read every file and parse it, nothing else (JSON.parse of each JSON file and NDJSON line, CSV split into cells). */
function floorPhase(dataDir: string): IdentityPhaseResult {
  const started = performance.now();
  let [files, values] = [0, 0];
  for (const file of inputFiles(path.join(dataDir, IDENTITY_DIR))) {
    const text = readFileSync(file, 'utf8');
    files += 1;
    if (file.endsWith('.csv')) {
      for (const line of text.split('\n')) if (line !== '') values += line.split(',').length;
    } else if (file.endsWith('.ndjson')) {
      for (const line of text.split('\n')) if (line !== '') values += JSON.parse(line) === null ? 0 : 1;
    } else {
      const parsed: unknown = JSON.parse(text);
      values += Array.isArray(parsed) ? parsed.length : 1;
    }
  }
  return { ms: performance.now() - started, maxRssMb: maxRssMb(), files, values };
}

/** The identity audit as a user runs it: the CLI's `run`, from dist, in this process, its JSON report written to a file. */
async function auditPhase(dataDir: string): Promise<IdentityPhaseResult> {
  const report = path.join(dataDir, 'identity-report.json');
  const started = performance.now();
  const { main }: typeof import('../../src/cli/main.js') = await import(pathToFileURL(path.join(root, 'dist', 'cli', 'main.js')).href);
  const catalog = path.join(dataDir, IDENTITY_DIR, 'catalog.yaml');
  const exitCode = await main(['node', 'controlproof', 'run', catalog, '--as-of', AS_OF, '--format', 'json', '--output', report, '--fail-on', 'none', '--quiet']);
  const ms = performance.now() - started;
  if (exitCode !== 0) throw new Error(`controlproof run exited ${exitCode}`);
  const text = readFileSync(report, 'utf8');
  return { ms, maxRssMb: maxRssMb(), ...reportCounts(JSON.parse(text)), digest: createHash('sha256').update(text).digest('hex') };
}

interface ReportTest {
  check: string;
  status: string;
  examined: number;
  findings?: unknown[];
  metrics?: Record<string, { value: number }>;
  error?: unknown;
}

/** What the comparison with the generator needs from a report: per check its status, examined and metric values; the sources' records. */
function reportCounts(report: { controls: { tests: ReportTest[] }[]; sources: { name: string; status: string; records: number; files: unknown[] }[] }): Record<string, unknown> {
  const tests = report.controls.flatMap((control) => control.tests);
  return {
    checks: Object.fromEntries(
      tests.map((test) => [
        test.check,
        { status: test.status, examined: test.examined, findings: test.findings?.length ?? 0, metrics: Object.fromEntries(Object.entries(test.metrics ?? {}).map(([name, metric]) => [name, metric.value])) },
      ]),
    ),
    sources: Object.fromEntries(report.sources.map((source) => [source.name, { status: source.status, records: source.records, files: source.files.length }])),
  };
}

/** The generator's counts against the report's: [what, found, wanted]. */
export function identityComparisons(audit: IdentityPhaseResult, expected: IdentityExpected): [string, unknown, number][] {
  const checks = (audit.checks ?? {}) as Record<string, { metrics: Record<string, number>; status: string } | undefined>;
  const metric = (check: string, name: string): unknown => checks[check]?.metrics[name];
  const sources = (audit.sources ?? {}) as Record<string, { records: number } | undefined>;
  const errors = Object.values(checks).filter((check) => check?.status === 'error').length;
  return [
    ['leaver records', sources['hr-leavers']?.records, expected.leavers],
    ['leavers with active accounts', metric('identity/leaver-access', 'leavers_with_active_accounts'), expected.leaversWithActiveAccounts],
    ['leavers without accounts', metric('identity/leaver-access', 'leavers_without_accounts'), expected.leaversWithoutAccounts],
    ['leavers in grace', metric('identity/leaver-access', 'leavers_in_grace'), expected.leaversInGrace],
    ['leavers active after termination', metric('identity/activity-after-termination', 'leavers_active_after_termination'), expected.leaversActiveAfterTermination],
    ['sign-ins after termination', metric('identity/activity-after-termination', 'sign_ins_after_termination'), expected.signInsAfterTermination],
    ['checks in error', errors, 0],
  ];
}

function maxRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export const IDENTITY_PHASES: Record<string, (dataDir: string) => IdentityPhaseResult | Promise<IdentityPhaseResult>> = {
  'identity-floor': floorPhase,
  'identity-audit': auditPhase,
};
