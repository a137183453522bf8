import { lstatSync, realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { UserError, type Position } from '../../core/errors.js';
import { MAX_OPEN_FILES } from './open-input.js';
import { readExportFile, type ReadBudget, type SourceFileInfo, type SourceText } from './read-file.js';

/**
 * The files a catalog's globs match (relative to `baseDir`), absolute and sorted for determinism. Each real file
 * is listed once, however many symlinks lead to it, so a symlink loop under `**` cannot repeat one; folders are
 * left out, and anything else a glob reaches (a symlink to a device) is kept so that reading it says what it is.
 */
export async function matchFiles(patterns: readonly string[], baseDir: string): Promise<string[]> {
  const matches = await glob([...patterns], { cwd: baseDir, absolute: true, onlyFiles: false, dot: false });
  const byRealFile = new Map<string, string>();
  const realFolders = new Map<string, string>();
  for (const match of matches) {
    if (match.endsWith('/')) continue;
    const file = path.normalize(match);
    const real = realPath(file, realFolders);
    const kept = byRealFile.get(real);
    if (kept === undefined || preferred(file, kept, real)) byRealFile.set(real, file);
  }
  return [...byRealFile.values()].sort();
}

/** Which of two paths to one file the report names: the file's own path, else the shorter (fewer links followed). */
function preferred(candidate: string, kept: string, real: string): boolean {
  if (kept === real) return false;
  if (candidate === real) return true;
  return candidate.length < kept.length || (candidate.length === kept.length && candidate < kept);
}

/**
 * The file's real path. Its folder's is resolved once for all the files in it (an export of 100,000 factor files
 * would otherwise pay a lookup per path component per file); only a file that is itself a symlink is resolved whole.
 */
function realPath(file: string, realFolders: Map<string, string>): string {
  try {
    if (lstatSync(file).isSymbolicLink()) return realpathSync.native(file);
    const folder = path.dirname(file);
    let real = realFolders.get(folder);
    if (real === undefined) {
      real = realpathSync.native(folder);
      realFolders.set(folder, real);
    }
    return path.join(real, path.basename(file));
  } catch {
    // A dangling symlink (or a path gone since the glob listed it): reading it reports it.
    return file;
  }
}

/** Matched paths; none is an error at the catalog's `path:` for the source's tests. */
export async function requireMatches(patterns: readonly string[], baseDir: string, declaredAt: Position): Promise<string[]> {
  const absolute = await matchFiles(patterns, baseDir);
  if (absolute.length > 0) return absolute;
  const named = await namedNonFile(patterns, baseDir);
  throw new UserError(named ? `${named.pattern} is ${named.kind}, not a regular file` : `No file matches ${patterns.map((p) => `"${p}"`).join(', ')}`, {
    position: declaredAt,
    hint: named
      ? 'controlproof reads inputs from regular files only, so that a run can neither hang nor read without end: save the data to a file first.'
      : `Paths are relative to the catalog (${baseDir}); check the path or export the data first.`,
  });
}

/** A pattern without wildcards that names something a glob skips (a FIFO, a socket): said by name rather than "no match". */
async function namedNonFile(patterns: readonly string[], baseDir: string): Promise<{ pattern: string; kind: string } | undefined> {
  for (const pattern of patterns) {
    if (isDynamicPattern(pattern)) continue;
    const stats = await stat(path.resolve(baseDir, pattern)).catch(() => undefined);
    if (stats?.isFIFO()) return { pattern, kind: 'a FIFO (named pipe)' };
    if (stats?.isSocket()) return { pattern, kind: 'a socket' };
  }
  return undefined;
}

/** What a source read: its files, and the decompressed bytes they hold (taken from the budget, if one was given). */
export interface MatchedFiles {
  absolute: string[];
  infos: SourceFileInfo[];
  texts: SourceText[];
  size: number;
}

/**
 * Reads every file a source matches, a few ahead of the one taken next, counting each against `budget` in file
 * order; an empty match is an error for the source's tests. On any error the bytes taken are given back.
 */
export async function readMatchedFiles(patterns: readonly string[], baseDir: string, declaredAt: Position, options: { fileBytes?: number; budget?: ReadBudget } = {}): Promise<MatchedFiles> {
  const absolute = await requireMatches(patterns, baseDir, declaredAt);
  const read = { base: baseDir, ...(options.fileBytes === undefined ? {} : { fileBytes: options.fileBytes }) };
  const matched: MatchedFiles = { absolute, infos: [], texts: [], size: 0 };
  try {
    await readInOrder(absolute, (file) => readExportFile(file, read), (file) => {
      options.budget?.take(file.size, file.text.display);
      matched.size += file.size;
      matched.infos.push(file.info);
      matched.texts.push(file.text);
    });
  } catch (error) {
    options.budget?.release(matched.size);
    throw error;
  }
  return matched;
}

/** Starts up to MAX_OPEN_FILES reads ahead and hands their results to `take` in the order of `files`. */
async function readInOrder<T>(files: readonly string[], read: (file: string) => Promise<T>, take: (result: T) => void): Promise<void> {
  type Settled = { ok: true; value: T } | { ok: false; error: unknown };
  // Settled at once: a read failing while an earlier one is awaited must not be an unhandled rejection.
  const ahead: Promise<Settled>[] = [];
  let next = 0;
  const fill = (): void => {
    while (next < files.length && ahead.length < MAX_OPEN_FILES) {
      ahead.push(read(files[next++] ?? '').then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error })));
    }
  };
  fill();
  for (let settled = ahead.shift(); settled; settled = ahead.shift()) {
    const result = await settled;
    if (!result.ok) throw result.error;
    take(result.value);
    fill();
  }
}
