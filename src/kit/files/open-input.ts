// Opening an input file, for every reader (exports, evidence documents, the catalog and exceptions files): regular
// files only, bounded in size, and never more than a few open at once.
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { UserError } from '../../core/errors.js';
import { formatSize } from '../../core/size.js';

/** Non-blocking, so that opening a FIFO returns at once and its type can be refused instead of waiting for a writer. */
const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

/** Files open at once across a run's concurrent reads: far below any `ulimit -n`, and plenty to keep the disk busy. */
export const MAX_OPEN_FILES = 32;

const REGULAR_ONLY_HINT = 'controlproof reads inputs from regular files only, so that a run can neither hang nor read without end: save the data to a file first.';

/** Which input a read is for, and the most bytes it may have: for messages that name both. */
export interface SizeCap {
  bytes: number;
  /** The kind of input, e.g. "an export file", "the catalog". */
  what: string;
  /** How to get under the cap. */
  hint: string;
  /** How to fix a path that names nothing; default: check it, it is relative to the catalog. */
  missingHint?: string;
}

let openCount = 0;
const waiting: (() => void)[] = [];

/** Runs `task` once fewer than MAX_OPEN_FILES files are open. */
async function withOpenFile<T>(task: () => Promise<T>): Promise<T> {
  if (openCount >= MAX_OPEN_FILES) await new Promise<void>((resolve) => waiting.push(resolve));
  openCount += 1;
  try {
    return await task();
  } finally {
    openCount -= 1;
    waiting.shift()?.();
  }
}

/** Reads a whole regular file of at most `cap.bytes` bytes, without blocking the thread. */
export function readRegularFile(file: string, cap: SizeCap): Promise<Buffer> {
  return withOpenFile(async () => {
    const handle = await openRegularFile(file, cap);
    try {
      const bytes = await handle.readFile();
      requireAtMost(file, bytes.length, cap);
      return bytes;
    } finally {
      await handle.close();
    }
  });
}

/** Reads a whole regular file of at most `cap.bytes` bytes in one call (stream workers read one file at a time). */
export function readRegularFileSync(file: string, cap: SizeCap): Buffer {
  let fd: number;
  try {
    fd = openSync(file, READ_FLAGS);
  } catch (cause) {
    throw cannotOpen(file, cause, cap);
  }
  try {
    const stats = fstatSync(fd);
    requireRegular(file, stats, cap.what);
    requireAtMost(file, stats.size, cap);
    const bytes = readFileSync(fd);
    requireAtMost(file, bytes.length, cap);
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens a regular file of at most `cap.bytes` bytes for reading in chunks (exports too large to hold as text); the
 * caller closes the handle. Not counted against MAX_OPEN_FILES by itself: a caller reading files side by side does that.
 */
export async function openRegularFile(file: string, cap: SizeCap): Promise<FileHandle> {
  const handle = await open(file, READ_FLAGS).catch((cause: unknown) => {
    throw cannotOpen(file, cause, cap);
  });
  try {
    const stats = await handle.stat();
    requireRegular(file, stats, cap.what);
    requireAtMost(file, stats.size, cap);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The SHA-256 of a regular file, streamed (documents may be large); undefined when the file does not exist. */
export function hashRegularFile(file: string): Promise<string | undefined> {
  return withOpenFile(async () => {
    const handle = await open(file, READ_FLAGS).catch((cause: NodeJS.ErrnoException) => {
      if (cause.code === 'ENOENT') return undefined;
      throw cannotOpen(file, cause, { what: 'an evidence document' });
    });
    if (!handle) return undefined;
    try {
      requireRegular(file, await handle.stat(), 'an evidence document');
      const hash = createHash('sha256');
      for await (const chunk of handle.createReadStream({ autoClose: false })) hash.update(chunk as Buffer);
      return hash.digest('hex');
    } finally {
      await handle.close();
    }
  });
}

function requireRegular(file: string, stats: Stats, what: string): void {
  if (stats.isFile()) return;
  throw new UserError(`Cannot read ${what}: this is ${kindOf(stats)}, not a regular file`, { position: { file }, hint: REGULAR_ONLY_HINT });
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

/** The error for a size past a cap, naming both. */
export function tooLarge(file: string, size: string, cap: SizeCap): UserError {
  return new UserError(`File ${size}, above the ${formatSize(cap.bytes)} limit for ${cap.what}`, { position: { file }, hint: cap.hint });
}

export function requireAtMost(file: string, bytes: number, cap: SizeCap): void {
  if (bytes > cap.bytes) throw tooLarge(file, `is ${formatSize(bytes)}`, cap);
}

function cannotOpen(file: string, cause: unknown, input: Pick<SizeCap, 'what' | 'missingHint'>): UserError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const [why, hint] =
    code === 'ENOENT' ? ['it does not exist', input.missingHint ?? 'Check the path; paths are relative to the catalog.']
    : code === 'EACCES' || code === 'EPERM' ? ['permission denied', 'Let the user running controlproof read it (chmod, chown), or copy it somewhere readable.']
    : code === 'ENXIO' ? ['this is a socket, not a regular file', REGULAR_ONLY_HINT]
    : code === 'ELOOP' ? ['its symlinks form a loop', 'Point the symlink at a real file.']
    : [cause instanceof Error ? cause.message : String(cause), 'Check that the file exists and is readable.'];
  return new UserError(`Cannot read ${input.what}: ${why}`, { position: { file }, hint, cause });
}
