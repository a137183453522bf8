import { lstatSync, readdirSync, realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { UserError, type Position } from '../../core/errors.js';
import { readExportFileSync, type ReadBudget, type SourceFileInfo, type SourceText } from './read-file.js';

/**
 * The files a catalog's globs match (relative to `baseDir`), absolute and sorted for determinism. Each real file
 * is listed once, however many symlinks lead to it, so a symlink loop under `**` cannot repeat one; folders are
 * left out, and anything else a glob reaches (a symlink to a device) is kept so that reading it says what it is.
 */
export async function matchFiles(patterns: readonly string[], baseDir: string): Promise<string[]> {
  return (await matchRealFiles(patterns, baseDir)).map((match) => match.file);
}

/** A matched file and its real path (undefined when it could not be resolved: a dangling symlink, a path gone since). */
export interface RealMatch {
  file: string;
  real: string | undefined;
}

/** `matchFiles`, each file with the real path it was told apart by. */
export async function matchRealFiles(patterns: readonly string[], baseDir: string): Promise<RealMatch[]> {
  const matches = await glob([...patterns], { cwd: baseDir, absolute: true, onlyFiles: false, dot: false });
  const byRealFile = new Map<string, RealMatch>();
  const folders = new Map<string, FolderFacts>();
  for (const match of matches) {
    if (match.endsWith('/')) continue;
    const file = path.normalize(match);
    const real = realPath(file, folders);
    const key = real ?? file;
    const kept = byRealFile.get(key);
    if (kept === undefined || preferred(file, kept.file, key)) byRealFile.set(key, { file, real });
  }
  return [...byRealFile.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Which of two paths to one file the report names: the file's own path, else the shorter (fewer links followed). */
function preferred(candidate: string, kept: string, real: string): boolean {
  if (kept === real) return false;
  if (candidate === real) return true;
  return candidate.length < kept.length || (candidate.length === kept.length && candidate < kept);
}

/** What `realPath` keeps per folder: the folder's real path, and the names in it that are symlinks (undefined: not listed). */
interface FolderFacts {
  real: string;
  links: ReadonlySet<string> | undefined;
}

/**
 * The file's real path. Its folder's is resolved, and its symlinks listed, once for all the files in it (an export of
 * 100,000 factor files would otherwise pay a lookup per path component and an lstat per file); only a file that is
 * itself a symlink is resolved whole.
 */
function realPath(file: string, folders: Map<string, FolderFacts>): string | undefined {
  try {
    const folder = path.dirname(file);
    let facts = folders.get(folder);
    if (facts === undefined) {
      facts = { real: realpathSync.native(folder), links: symlinksIn(folder) };
      folders.set(folder, facts);
    }
    const name = path.basename(file);
    const isLink = facts.links === undefined ? lstatSync(file).isSymbolicLink() : facts.links.has(name);
    return isLink ? realpathSync.native(file) : path.join(facts.real, name);
  } catch {
    // A dangling symlink (or a path gone since the glob listed it): reading it reports it.
    return undefined;
  }
}

/** The names of the symlinks in a folder, from one listing; undefined when it cannot be listed. */
function symlinksIn(folder: string): Set<string> | undefined {
  try {
    return new Set(readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isSymbolicLink()).map((entry) => entry.name));
  } catch {
    return undefined;
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

/** Files read between two turns of the event loop: a run's progress display and signals are answered while a source of 100,000 files is read. */
const FILES_PER_TURN = 256;

/**
 * Reads every file a source matches, in file order, counting each against `budget`; an empty match is an error for
 * the source's tests. On any error the bytes taken are given back. Reads are synchronous, a batch at a time: a
 * source of 100,000 small files (one factor list per user) spends several times longer on promise round trips and
 * thread-pool hand-offs than on reading when each file is opened, stat'ed, read and closed asynchronously.
 */
export async function readMatchedFiles(patterns: readonly string[], baseDir: string, declaredAt: Position, options: { fileBytes?: number; budget?: ReadBudget } = {}): Promise<MatchedFiles> {
  const absolute = await requireMatches(patterns, baseDir, declaredAt);
  const read = { base: baseDir, ...(options.fileBytes === undefined ? {} : { fileBytes: options.fileBytes }) };
  const matched: MatchedFiles = { absolute, infos: [], texts: [], size: 0 };
  try {
    for (const [index, filePath] of absolute.entries()) {
      if (index > 0 && index % FILES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
      const file = readExportFileSync(filePath, read);
      options.budget?.take(file.size, file.text.display);
      matched.size += file.size;
      matched.infos.push(file.info);
      matched.texts.push(file.text);
    }
  } catch (error) {
    options.budget?.release(matched.size);
    throw error;
  }
  return matched;
}
