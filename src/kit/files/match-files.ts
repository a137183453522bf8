import { globby } from 'globby';
import { UserError, type Position } from '../../core/errors.js';
import { readExportFile, type SourceFileInfo, type SourceText } from './read-file.js';

export interface MatchedFiles {
  absolute: string[];
  infos: SourceFileInfo[];
  texts: SourceText[];
}

/** Paths matched by a source's glob(s), relative to the catalog directory, sorted for determinism. */
export async function matchSourceFiles(patterns: readonly string[], baseDir: string): Promise<string[]> {
  const matches = await globby([...patterns], { cwd: baseDir, absolute: true, onlyFiles: true, dot: false });
  return matches.sort();
}

/** Matched paths; none is an error at the catalog's `path:` for the source's tests. */
export async function requireMatches(patterns: readonly string[], baseDir: string, declaredAt: Position): Promise<string[]> {
  const absolute = await matchSourceFiles(patterns, baseDir);
  if (absolute.length === 0) {
    throw new UserError(`No file matches ${patterns.map((p) => `"${p}"`).join(', ')}`, {
      position: declaredAt,
      hint: `Paths are relative to the catalog (${baseDir}); check the path or export the data first.`,
    });
  }
  return absolute;
}

/** Reads every file a source matches; an empty match is an error for the source's tests. */
export async function readMatchedFiles(patterns: readonly string[], baseDir: string, declaredAt: Position): Promise<MatchedFiles> {
  const absolute = await requireMatches(patterns, baseDir, declaredAt);
  const read = await Promise.all(absolute.map((file) => readExportFile(file, baseDir)));
  return { absolute, infos: read.map((r) => r.info), texts: read.map((r) => r.text) };
}
