import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** One row of a stub's answer table: `fields`, then the file holding `body`, then `trailing` (tab-separated). */
export interface StubRow {
  fields: readonly string[];
  body: string;
  trailing?: readonly string[];
}

/** How an export script ended, and every call of the stubbed CLI (its arguments, one list per call). */
export interface StubbedRun {
  code: number | null;
  stderr: string;
  out: string;
  calls: string[][];
}

export interface StubbedCli {
  /** Where each run gets its own folder. */
  scratch: string;
  script: string;
  /** The command the script calls (`curl`, `gh`, `az`), put first on PATH as `stub`. */
  command: string;
  /** A bash script that appends its arguments and `--` to $STUB_LOG and answers from the table in $STUB_TABLE. */
  stub: string;
}

/** Runs `script --out DIR ...args` with the stubbed CLI answering from `rows`; `env` is all the environment it sees besides PATH and the stub's files. */
export function runWithStub(cli: StubbedCli, rows: readonly StubRow[], args: readonly string[], env: Record<string, string> = {}): StubbedRun {
  const dir = mkdtempSync(path.join(cli.scratch, 'run-'));
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, cli.command), cli.stub);
  chmodSync(path.join(bin, cli.command), 0o755);
  const table = rows.map((row, index) => {
    const file = path.join(dir, `body-${index}`);
    writeFileSync(file, row.body);
    return [...row.fields, file, ...(row.trailing ?? [])].join('\t');
  });
  writeFileSync(path.join(dir, 'table'), `${table.join('\n')}\n`);
  const out = path.join(dir, 'out');
  const log = path.join(dir, 'log');
  const result = spawnSync('bash', [cli.script, '--out', out, ...args], {
    encoding: 'utf8',
    env: { PATH: `${bin}:${process.env.PATH ?? ''}`, STUB_LOG: log, STUB_TABLE: path.join(dir, 'table'), ...env },
  });
  const calls = existsSync(log) ? readFileSync(log, 'utf8').split('--\n').filter(Boolean).map((call) => call.trimEnd().split('\n')) : [];
  return { code: result.status, stderr: result.stderr, out, calls };
}
