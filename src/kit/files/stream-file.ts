// Reading one export file in chunks, for sources that can parse it so: the same checks and report facts as
// `readExportFile` (a regular file, bounded in size, gzip by magic bytes, the SHA-256 of its bytes), no text built.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { UserError } from '../../core/errors.js';
import { fileCap, isGzip, relativeTo, type ReadOptions, type SourceFileInfo } from './read-file.js';
import { openRegularFile, requireAtMost, tooLarge, type SizeCap } from './open-input.js';

/** One export file as chunks of its decompressed bytes, each read once, in order. */
export interface ChunkedFile {
  /** The file as errors name it (see `SourceText.display`). */
  display: string;
  /** The file's path relative to the catalog's folder (see `SourceText.path`). */
  path: string;
  chunks: AsyncIterable<Buffer>;
}

/** Large enough that a per-chunk cost is nothing, small enough that memory stays flat. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Opens `absolute` and hands it to `consume` as chunks; returns what the report records about the file with what
 * `consume` returned. The cap applies to the bytes on disk and, for gzip, to the decompressed bytes.
 */
export async function streamExportFile<T>(absolute: string, options: ReadOptions, consume: (file: ChunkedFile) => Promise<T>): Promise<{ info: SourceFileInfo; result: T }> {
  const cap = fileCap(options);
  const handle = await openRegularFile(absolute, cap);
  const hash = createHash('sha256');
  let rawBytes = 0;
  async function* raw(): AsyncGenerator<Buffer> {
    for await (const chunk of handle.createReadStream({ highWaterMark: CHUNK_BYTES, autoClose: false })) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      rawBytes += bytes.length;
      requireAtMost(absolute, rawBytes, cap);
      hash.update(bytes);
      yield bytes;
    }
  }
  try {
    const relative = relativeTo(options.base ?? path.dirname(absolute), absolute);
    const result = await consume({ display: absolute, path: relative, chunks: decompressed(raw(), absolute, cap) });
    return { info: { path: relative, bytes: rawBytes, sha256: hash.digest('hex') }, result };
  } finally {
    await handle.close();
  }
}

/** The chunks as they are, or gunzipped when the first starts like gzip; the decompressed bytes within the cap. */
async function* decompressed(chunks: AsyncGenerator<Buffer>, display: string, cap: SizeCap): AsyncGenerator<Buffer> {
  const first = await chunks.next();
  if (first.done === true) return;
  if (!isGzip(first.value)) {
    yield first.value;
    yield* chunks;
    return;
  }
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  const input = Readable.from((async function* () {
    yield first.value;
    yield* chunks;
  })());
  let bytes = 0;
  try {
    for await (const chunk of pipeline(input, gunzip, () => undefined)) {
      const out = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      bytes += out.length;
      if (bytes > cap.bytes) throw tooLarge(display, 'decompresses to more than that', cap);
      yield out;
    }
  } catch (cause) {
    if (cause instanceof UserError) throw cause;
    throw new UserError(`Invalid gzip data: ${cause instanceof Error ? cause.message : String(cause)}`, {
      position: { file: display },
      hint: 'The file starts like gzip but is truncated or corrupt; export it again.',
      cause,
    });
  }
}
