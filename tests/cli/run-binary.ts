import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (tests/cli/ is two levels below it). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The executable users run; it loads the compiled dist/, so `npm run build` must have run. */
export const binary = path.join(repoRoot, 'bin/controlproof.js');

export interface BinaryResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node bin/controlproof.js ...args` in `cwd` as a user would, never through a TTY. Colour is
 * switched off with NO_COLOR unless `noColor` is false, which leaves NO_COLOR unset.
 */
export function runBinary(args: readonly string[], options: { cwd: string; noColor?: boolean }): Promise<BinaryResult> {
  const env = { ...process.env };
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

const created: string[] = [];

/** A fresh temporary directory holding `files` (relative path → content); removed by `removeTempDirs`. */
export async function tempTree(files: Readonly<Record<string, string>>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'controlproof-test-'));
  created.push(dir);
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(dir, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** `text` with `search` replaced; throws when `search` is absent, so a stale test edit cannot pass silently. */
export function edit(text: string, search: string, replacement: string): string {
  if (!text.includes(search)) throw new Error(`edit: ${JSON.stringify(search)} not found`);
  return text.replace(search, replacement);
}
