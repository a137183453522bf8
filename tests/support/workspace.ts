import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const created: string[] = [];

/** A fresh temporary directory holding `files` (relative path → content); removed by `removeTempDirs`. */
export async function tempTree(files: Readonly<Record<string, string | Uint8Array>>): Promise<string> {
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
