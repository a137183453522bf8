// Reading one export file, once for every source kind: bounded size, gzip by magic bytes, BOM, UTF-8, hashing.
// Loads no glob library: stream worker threads import it, and every module here costs each worker's start-up.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { UserError } from '../../core/errors.js';

/** One export file, decompressed and decoded, ready to parse. */
export interface SourceText {
  /** The file as errors name it: its absolute path (the CLI and reports show it relative to where they are). */
  display: string;
  text: string;
  /** The file's path relative to the catalog's folder, with `/`: the same wherever a run starts, so safe in resource ids. */
  path?: string;
}

/** Where a file lies within the catalog's folder (its display path when it was not read from one): for ids, never errors. */
export function pathInCatalog(file: SourceText): string {
  return file.path ?? file.display;
}

/** What the report records about each file a source read. */
export interface SourceFileInfo {
  path: string;
  bytes: number;
  sha256: string;
}

export interface ReadFile {
  info: SourceFileInfo;
  text: SourceText;
}

/** Largest export file, before and after decompression: a whole-file export, or one log file of a stream. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

/** `absolute` relative to `base`, with `/`: how a catalog names the files under its folder. */
export function relativeTo(base: string, absolute: string): string {
  return path.relative(base, absolute).split(path.sep).join('/');
}

/**
 * Reads one file synchronously (stream workers read one file at a time, and `readFileSync` avoids chunked reads).
 * `base` is the catalog's folder: the file's `path` and the report's file list are relative to it.
 */
export function readExportFileSync(absolute: string, base: string = path.dirname(absolute)): ReadFile {
  let raw: Buffer;
  try {
    raw = readFileSync(absolute);
  } catch (cause) {
    throw cannotRead(absolute, cause);
  }
  return decodeExportFile(raw, absolute, relativeTo(base, absolute));
}

/** Reads one file without blocking the thread (whole-file sources are read side by side). */
export async function readExportFile(absolute: string, base: string = path.dirname(absolute)): Promise<ReadFile> {
  const raw = await readFile(absolute).catch((cause: unknown) => {
    throw cannotRead(absolute, cause);
  });
  return decodeExportFile(raw, absolute, relativeTo(base, absolute));
}

/** Hashes the raw bytes, gunzips them when they start like gzip (whatever the suffix), strips a BOM, decodes UTF-8. */
export function decodeExportFile(raw: Buffer, display: string, relative: string = display): ReadFile {
  if (raw.length > MAX_FILE_BYTES) throw tooLarge(display, `is ${raw.length} bytes`);
  const sha256 = createHash('sha256').update(raw).digest('hex');
  const bytes = isGzip(raw) ? gunzip(raw, display) : raw;
  // Plain UTF-8 on V8's heap: a Latin-1 decode of ASCII is faster alone, but Node makes large Latin-1 strings
  // external, and their memory pressure made the collector run several times as often with both cores busy.
  return { info: { path: relative, bytes: raw.length, sha256 }, text: { display, text: stripBom(bytes.toString('utf8')), path: relative } };
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function gunzip(raw: Buffer, display: string): Buffer {
  try {
    return gunzipSync(raw, { maxOutputLength: MAX_FILE_BYTES, chunkSize: outputChunkSize(raw) });
  } catch (cause) {
    if (cause instanceof RangeError) throw tooLarge(display, 'decompresses to more bytes than that');
    throw new UserError(`Invalid gzip data: ${cause instanceof Error ? cause.message : String(cause)}`, {
      position: { file: display },
      hint: 'The file starts like gzip but is truncated or corrupt; export it again.',
      cause,
    });
  }
}

/**
 * One output buffer as large as the file will be, from the size gzip records in its last four bytes: zlib then
 * neither grows nor concatenates chunks. Only a hint (capped, and wrong for multi-member files, which then take
 * more chunks): the output limit is enforced separately.
 */
function outputChunkSize(gzip: Buffer): number {
  const recorded = gzip.length >= 18 ? gzip.readUInt32LE(gzip.length - 4) : 0;
  return Math.min(Math.max(recorded + 1, 64 * 1024), 64 * 1024 * 1024);
}

function cannotRead(display: string, cause: unknown): UserError {
  return new UserError(`Cannot read file: ${cause instanceof Error ? cause.message : String(cause)}`, {
    position: { file: display },
    hint: 'Check that the export exists and is readable.',
    cause,
  });
}

function tooLarge(display: string, what: string): UserError {
  return new UserError(`File ${what}, above the ${MAX_FILE_BYTES}-byte limit for one export file`, {
    position: { file: display },
    hint: 'Split the export into smaller files; a log source reads them one at a time.',
  });
}
