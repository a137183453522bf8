// Reading one export file, once for every source kind: a regular file, bounded size, gzip by magic bytes, text, hashing.
// Loads no glob library: stream worker threads import it, and every module here costs each worker's start-up.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { UserError } from '../../core/errors.js';
import { formatSize } from '../../core/size.js';
import { decodeText } from './decode-text.js';
import { readRegularFile, readRegularFileSync, tooLarge, type SizeCap } from './open-input.js';

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
  /** Bytes after decompression: what holding the text costs. */
  size: number;
  /** Hex SHA-256 of the bytes after decompression, when `contentHash` was asked for. */
  contentSha256?: string;
}

/** How much a run may read: one export file, before and after decompression, and all whole-file source data. */
export interface ReadLimits {
  fileBytes: number;
  /** Whole-file sources are held in memory together; log sources are read one file at a time, so only `fileBytes` bounds them. */
  totalBytes: number;
}

/**
 * Defaults that fit a 4 GB CI runner, where Node's heap is about 1 GB: parsed records take a few times the size
 * of their text. A catalog raises them with `limits:`.
 */
export const DEFAULT_READ_LIMITS: ReadLimits = { fileBytes: 256 * 1024 * 1024, totalBytes: 512 * 1024 * 1024 };

const LIMITS_HINT = 'Split the export into smaller files, or raise the limit in the catalog: limits: { file_size: 1GiB, total_size: 2GiB }.';

/**
 * The decompressed bytes a run's whole-file sources may hold together. Taken in catalog and file order, so the
 * source that crosses it is the same on every run; a source that fails gives its bytes back.
 */
export class ReadBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  take(bytes: number, file: string): void {
    if (this.used + bytes > this.limit) {
      throw new UserError(`Reading this file brings the whole-file sources to ${formatSize(this.used + bytes)}, above the ${formatSize(this.limit)} limit for all of them together`, {
        position: { file },
        hint: LIMITS_HINT,
      });
    }
    this.used += bytes;
  }

  release(bytes: number): void {
    this.used -= bytes;
  }
}

/** How to read one export file: the catalog's folder (what the report's paths are relative to), and the cap. */
export interface ReadOptions {
  /** Default: the file's own folder. */
  base?: string;
  /** Default: DEFAULT_READ_LIMITS.fileBytes. */
  fileBytes?: number;
  /** Also hash the decompressed bytes (what CloudTrail digests list); off by default, as it costs a second hash. */
  contentHash?: boolean;
}

/** `absolute` relative to `base`, with `/`: how a catalog names the files under its folder. */
export function relativeTo(base: string, absolute: string): string {
  return path.relative(base, absolute).split(path.sep).join('/');
}

export function fileCap(options: ReadOptions): SizeCap {
  return { bytes: options.fileBytes ?? DEFAULT_READ_LIMITS.fileBytes, what: 'an export file', hint: LIMITS_HINT };
}

/** Reads one file synchronously (stream workers read one file at a time, and one read call avoids chunked reads). */
export function readExportFileSync(absolute: string, options: ReadOptions = {}): ReadFile {
  return decodeExportFile(readRegularFileSync(absolute, fileCap(options)), absolute, options);
}

/** Reads one file without blocking the thread (whole-file sources are read side by side). */
export async function readExportFile(absolute: string, options: ReadOptions = {}): Promise<ReadFile> {
  return decodeExportFile(await readRegularFile(absolute, fileCap(options)), absolute, options);
}

/** Hashes the raw bytes, gunzips them when they start like gzip (whatever the suffix), decodes the text (see decodeText). */
export function decodeExportFile(raw: Buffer, display: string, options: ReadOptions = {}): ReadFile {
  const { bytes, ...unpacked } = unpackExportFile(raw, display, options);
  return { ...unpacked, text: { display, text: decodeText(bytes, display), path: unpacked.info.path } };
}

/** One export file decompressed but not yet decoded: for a reader that can work on the bytes (the log fast path). */
export interface UnpackedFile extends Omit<ReadFile, 'text'> {
  /** After decompression. */
  bytes: Buffer;
}

/** Reads one file synchronously as bytes, decompressed and hashed like `readExportFileSync`, decoding nothing. */
export function readExportBytesSync(absolute: string, options: ReadOptions = {}): UnpackedFile {
  return unpackExportFile(readRegularFileSync(absolute, fileCap(options)), absolute, options);
}

/** Hashes the raw bytes and gunzips them when they start like gzip (whatever the suffix). */
export function unpackExportFile(raw: Buffer, display: string, options: ReadOptions = {}): UnpackedFile {
  const cap = fileCap(options);
  if (raw.length > cap.bytes) throw tooLarge(display, `is ${formatSize(raw.length)}`, cap);
  const relative = relativeTo(options.base ?? path.dirname(display), display);
  const sha256 = createHash('sha256').update(raw).digest('hex');
  const bytes = isGzip(raw) ? gunzip(raw, display, cap) : raw;
  const contentSha256 = options.contentHash ? (bytes === raw ? sha256 : createHash('sha256').update(bytes).digest('hex')) : undefined;
  return { info: { path: relative, bytes: raw.length, sha256 }, bytes, size: bytes.length, ...(contentSha256 === undefined ? {} : { contentSha256 }) };
}

/** The text of an unpacked file, as `decodeExportFile` decodes it. */
export function decodeUnpacked(file: UnpackedFile, display: string): SourceText {
  return { display, text: decodeText(file.bytes, display), path: file.info.path };
}

/** Text without a leading byte order mark, for text decoded from inside a file (a base64 field). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Reads a small text input (the catalog, an exceptions file): a regular file within `cap`, decoded like an export. */
export async function readTextFile(absolute: string, cap: SizeCap): Promise<string> {
  return decodeText(await readRegularFile(absolute, cap), absolute);
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function gunzip(raw: Buffer, display: string, cap: SizeCap): Buffer {
  try {
    return gunzipSync(raw, { maxOutputLength: cap.bytes, chunkSize: outputChunkSize(raw) });
  } catch (cause) {
    // Past the cap is a gzip bomb or a very large export, not a truncated or corrupt file.
    if (cause instanceof RangeError) throw tooLarge(display, 'decompresses to more than that', cap);
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
