import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { chmod, link, lstat, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../core/errors.js';

/** Temp files being written; removed if the process is interrupted before their rename. */
const pending = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function onSignal(signal: NodeJS.Signals): void {
  for (const temp of pending) rmSync(temp, { force: true });
  pending.clear();
  stopWatching();
  // Ends the way the signal would have, now that nothing is left behind.
  process.kill(process.pid, signal);
}

function startWatching(): void {
  if (pending.size === 0) for (const signal of SIGNALS) process.on(signal, onSignal);
}

function stopWatching(): void {
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/** What a failed write says it was writing, and what to do instead; a report's by default. */
export interface WriteAtomicOptions {
  what?: string;
  hint?: string;
  /** Fail with EEXIST rather than replace a file that appears at the target meanwhile (a hard link, not a rename). */
  exclusive?: boolean;
}

const REPORT_WRITE = {
  what: 'the report',
  hint: 'Nothing was written there. Name a regular file in an existing, writable folder, or leave the file out to print to stdout.',
};

/**
 * Writes a file so readers see the old content or the whole new one, never half: a temp file beside it, then a
 * rename. A symlink is followed (the file it names is replaced, the link kept), an existing file keeps its mode,
 * and no temp file survives a failure or SIGINT/SIGTERM. Folders are never created.
 */
export async function writeAtomic(file: string, content: string, options: WriteAtomicOptions = {}): Promise<void> {
  const target = await realTarget(path.resolve(file));
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const mode = await stat(target).then(
    (existing) => existing.mode & 0o7777,
    () => undefined,
  );
  startWatching();
  pending.add(temp);
  try {
    await writeFile(temp, content, { flag: 'wx' });
    if (mode !== undefined) await chmod(temp, mode);
    if (options.exclusive === true) await linkOrRename(temp, target);
    else await rename(temp, target);
  } catch (cause) {
    await rm(temp, { force: true });
    throw cannotWrite(file, cause, { what: options.what ?? REPORT_WRITE.what, hint: options.hint ?? REPORT_WRITE.hint });
  } finally {
    // After a hard link the temp name is a second name of the new file.
    if (options.exclusive === true) await rm(temp, { force: true });
    pending.delete(temp);
    if (pending.size === 0) stopWatching();
  }
}

/** A hard link fails when the target exists; where the file system has none, a rename after checking it is absent. */
async function linkOrRename(temp: string, target: string): Promise<void> {
  try {
    await link(temp, target);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw cause;
    const exists = await lstat(target).then(() => true, () => false);
    if (exists) throw Object.assign(new Error('the file exists'), { code: 'EEXIST' });
    await rename(temp, target);
  }
}

function cannotWrite(file: string, cause: unknown, described: { what: string; hint: string }): UserError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === 'ENOENT' ? 'its folder does not exist'
    : code === 'ENOTDIR' ? 'a folder in its path is a file'
    : code === 'EISDIR' ? 'it is a folder'
    : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied'
    : code === 'ENOSPC' || code === 'EDQUOT' ? 'the disk is full'
    : code === 'EEXIST' ? 'the file exists'
    : cause instanceof Error ? cause.message : String(cause);
  return new UserError(`Cannot write ${described.what}: ${why}`, {
    position: { file },
    hint: described.hint,
    cause,
  });
}

/** The file a write to `file` replaces, through symlinks: the file itself when it exists, else its real folder's entry. */
export async function realTarget(file: string): Promise<string> {
  try {
    return await realpath(file);
  } catch {
    const folder = await realpath(path.dirname(file)).catch(() => path.dirname(file));
    return path.join(folder, path.basename(file));
  }
}
