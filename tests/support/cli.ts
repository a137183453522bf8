import { execFile } from 'node:child_process';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import { repoRoot } from './paths.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** The directory the command runs in. */
  cwd: string;
  /** The environment the command sees; default none (so no NO_COLOR). */
  env?: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal; default false, as in CI. */
  tty?: boolean;
  /** The terminal's columns, when stdout is one. */
  columns?: number;
  /** Whether stderr is a terminal (progress is shown only then); default false. */
  stderrTty?: boolean;
  /** The clock progress is timed by; default the real one. */
  now?: () => number;
}

/**
 * Runs `controlproof ...args` in process, through `main(argv, io)` with the given directory and environment.
 * `stderr` holds what went to stderr either way: made inert, or written raw (the progress line).
 */
export async function runCli(args: readonly string[], options: CliOptions): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'controlproof', ...args], {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    stderrRaw: (text) => void (stderr += text),
    stdoutIsTty: options.tty ?? false,
    ...(options.columns === undefined ? {} : { stdoutColumns: options.columns }),
    stderrIsTty: options.stderrTty ?? false,
    ...(options.now === undefined ? {} : { now: options.now }),
    env: options.env ?? {},
    cwd: options.cwd,
  });
  return { code, stdout, stderr };
}

/** The executable users run; it loads the compiled dist/, so `npm run build` must have run. */
export const binary = path.join(repoRoot, 'bin/controlproof.js');

/**
 * Runs `node bin/controlproof.js ...args` in `cwd` as a user would, never through a TTY: for the few smoke tests
 * of the real binary, in the environment plus `env`. Colour is switched off with NO_COLOR unless `noColor` is false,
 * which leaves it unset.
 */
export function runBinary(args: readonly string[], options: { cwd: string; noColor?: boolean; env?: NodeJS.ProcessEnv }): Promise<CliResult> {
  const env = { ...process.env, ...options.env };
  delete env.NO_COLOR;
  if (options.noColor !== false) env.NO_COLOR = '1';
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [binary, ...args], { cwd: options.cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : error.code;
      if (typeof code !== 'number') reject(error ?? new Error('no exit code'));
      else resolve({ code, stdout, stderr });
    });
  });
}
