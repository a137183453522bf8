// The peer of the IAM console-MFA check in `npm run bench`: DuckDB (2 threads) reading the same credential report with
// the same predicate (IAM users, not root, with a console password and no MFA), each matching user returned to
// JavaScript as controlproof returns its findings. A program of its own for plain `node`, timed as a whole process
// exactly as `controlproof run` is (see iam-phases.ts).

export const DUCKDB_THREADS = 2;

/** `password_enabled` and `mfa_active` are read as text, as controlproof reads them: TRUE/true alike. */
export function consoleMfaQuery(file: string): string {
  const csv = `read_csv(${quoted(file)}, header = true, all_varchar = true, auto_detect = true)`;
  return `SELECT arn, "user", lower(mfa_active) = 'true' AS mfa FROM ${csv} WHERE "user" <> '<root_account>' AND lower(password_enabled) = 'true'`;
}

function quoted(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * The peer program (ESM, for `node --input-type=module -e`): runs the query given as its first argument and prints
 * the console users and those without MFA as JSON, after building a finding for each as controlproof does.
 */
export const DUCKDB_CONSOLE_MFA = `
const { DuckDBInstance } = await import('@duckdb/node-api');
const instance = await DuckDBInstance.create(':memory:', { threads: '${DUCKDB_THREADS}' });
const connection = await instance.connect();
const rows = (await connection.runAndReadAll(process.argv[1])).getRowsJS();
const findings = rows.filter((row) => row[2] !== true).map((row) => ({ resource: String(row[0]), message: 'user ' + String(row[1]) + ' has console access without MFA' }));
connection.closeSync();
instance.closeSync();
console.log(JSON.stringify({ consoleUsers: rows.length, withoutMfa: findings.length }));
`;
