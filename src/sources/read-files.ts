import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { globby } from 'globby';
import { UserError, type Position } from '../core/errors.js';
import type { SourceText } from './define-adapter.js';

/** What the report records about each file a source read. */
export interface SourceFileInfo {
  path: string;
  bytes: number;
  sha256: string;
}

export interface MatchedFiles {
  absolute: string[];
  infos: SourceFileInfo[];
  texts: SourceText[];
}

/** Largest single export file read whole; logs are streamed instead. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

/** Paths matched by a source's glob(s), relative to the catalog directory, sorted for determinism. */
export async function matchSourceFiles(patterns: readonly string[], baseDir: string): Promise<string[]> {
  const matches = await globby([...patterns], { cwd: baseDir, absolute: true, onlyFiles: true, dot: false });
  return matches.sort();
}

export function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
}

/** Reads one file: gunzips by magic bytes (not by suffix), strips a UTF-8 BOM, hashes the raw bytes. */
export async function readSourceFile(absolute: string): Promise<{ info: SourceFileInfo; text: SourceText }> {
  const display = displayPath(absolute);
  const raw = await readFile(absolute).catch((cause: unknown) => {
    throw new UserError(`Cannot read file: ${cause instanceof Error ? cause.message : String(cause)}`, {
      position: { file: display },
      hint: 'Check that the export exists and is readable.',
      cause,
    });
  });
  if (raw.length > MAX_FILE_BYTES) {
    throw new UserError(`File is ${raw.length} bytes, above the ${MAX_FILE_BYTES}-byte limit for whole-file sources`, {
      position: { file: display },
      hint: 'Split the export, or use a streamed source type for logs.',
    });
  }
  const sha256 = createHash('sha256').update(raw).digest('hex');
  const bytes = isGzip(raw) ? gunzip(raw, display) : raw;
  return {
    info: { path: display, bytes: raw.length, sha256 },
    text: { display, text: stripBom(bytes.toString('utf8')) },
  };
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function gunzip(raw: Buffer, display: string): Buffer {
  try {
    return gunzipSync(raw, { maxOutputLength: MAX_FILE_BYTES });
  } catch (cause) {
    throw new UserError(`Invalid gzip data: ${cause instanceof Error ? cause.message : String(cause)}`, {
      position: { file: display },
      hint: 'The file starts like gzip but is truncated or corrupt; export it again.',
      cause,
    });
  }
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Matched paths; none is an error at the catalog's `path:` for the source's tests. */
export async function requireMatches(patterns: readonly string[], baseDir: string, declaredAt: Position): Promise<string[]> {
  const absolute = await matchSourceFiles(patterns, baseDir);
  if (absolute.length === 0) {
    throw new UserError(`No file matches ${patterns.map((p) => `"${p}"`).join(', ')}`, {
      position: declaredAt,
      hint: `Paths are relative to the catalog (${displayPath(baseDir)}); check the path or export the data first.`,
    });
  }
  return absolute;
}

/** Reads every file a source matches; an empty match is an error for the source's tests. */
export async function readMatchedFiles(patterns: readonly string[], baseDir: string, declaredAt: Position): Promise<MatchedFiles> {
  const absolute = await requireMatches(patterns, baseDir, declaredAt);
  const read = await Promise.all(absolute.map((file) => readSourceFile(file)));
  return { absolute, infos: read.map((r) => r.info), texts: read.map((r) => r.text) };
}
