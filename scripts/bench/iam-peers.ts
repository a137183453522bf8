// The peer of the IAM console-MFA check in `npm run bench`: DuckDB (2 threads) reading the same credential report with
// the same predicate (IAM users, not root, with a console password and no MFA), each matching user returned to
// JavaScript as controlproof returns its findings. Timed from loading DuckDB to the last row, as controlproof is timed
// from loading its CLI to the written report.
import path from 'node:path';
import type { Manifest } from './set.js';

export interface ConsoleMfaCounts {
  /** IAM users with a console password: what aws/iam-console-mfa examines. */
  consoleUsers: number;
  /** Those without MFA: its findings. */
  withoutMfa: number;
}

export interface PeerResult extends ConsoleMfaCounts {
  ms: number;
  maxRssMb: number;
  threads: number;
}

const THREADS = 2;

/** `password_enabled` and `mfa_active` are read as text, as controlproof reads them: TRUE/true alike. */
function consoleMfaQuery(file: string): string {
  const csv = `read_csv(${quoted(file)}, header = true, all_varchar = true, auto_detect = true)`;
  return `SELECT arn, "user", lower(mfa_active) = 'true' AS mfa FROM ${csv} WHERE "user" <> '<root_account>' AND lower(password_enabled) = 'true'`;
}

function quoted(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The console-MFA predicate in DuckDB: console users and those of them without MFA, each row read into JavaScript. */
export async function duckdbConsoleMfa(dataDir: string, manifest: Manifest): Promise<PeerResult> {
  const started = performance.now();
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: String(THREADS) });
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(consoleMfaQuery(path.join(dataDir, manifest.iam.credentialReport)));
  const rows = reader.getRowsJS();
  const findings = rows.filter((row) => row[2] !== true).map((row) => ({ resource: String(row[0]), message: `user ${String(row[1])} has console access without MFA` }));
  const ms = performance.now() - started;
  connection.closeSync();
  instance.closeSync();
  return { ms, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), threads: THREADS, consoleUsers: rows.length, withoutMfa: findings.length };
}
