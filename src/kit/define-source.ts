import type { z } from 'zod';
import { pathInCatalog, type SourceText } from './files/read-file.js';
import type { ChunkedFile } from './files/stream-file.js';
import type { RecordType, RecordTypes } from './record-types.js';

export { pathInCatalog, type ChunkedFile, type SourceText };

/** One record's place in a log's coverage: its scope (the provider's `coverageScope`, in order) and its time (epoch ms). */
export interface CoveragePoint {
  scope: readonly string[];
  time: number;
}

/**
 * What the stream pass keeps of a record no check of the pass needs in full (see `scanFile`): when it happened, what
 * identifies it and its place in the coverage, equal to what `recordTime`, `recordId` and `coverage` give of it.
 */
export class RecordSummary {
  constructor(
    readonly time: number,
    readonly id: string | undefined,
    readonly coverage: CoveragePoint | undefined,
  ) {}
}

/** The records some check of a pass may match: those with one of `keys` (dispatch keys), or mentioning one of `mentions`. */
export interface RecordFilter {
  keys: ReadonlySet<string>;
  /** Strings; a record mentions one when it holds it as a JSON string (a value or a key). */
  mentions: readonly string[];
}

interface SourceMetadata<T extends RecordType> {
  /** The source type, equal to the module's path: `aws/kms-keys` is src/providers/aws/sources/kms-keys.ts (`json` for generic/). */
  type: T;
  description: string;
}

/**
 * A source read whole: every file it matches is read and handed to `read` at once. It may offer its records in
 * shared shapes (views): each view function turns all of its records into the view's records.
 */
export interface BatchSourceDefinition<T extends RecordType, P extends z.ZodType = z.ZodVoid> extends SourceMetadata<T> {
  kind: 'batch';
  /**
   * What a catalog source of this type may set under `params:` (an export's column names, say), validated with the
   * catalog before any data is read; a source type without it takes no params.
   */
  params?: P;
  /** Parses every file into records, with the source's params parsed by `params`; throws `UserError` with the file and position. */
  read(files: readonly SourceText[], params: z.output<P>): RecordTypes[T][];
  /**
   * Parses one file from chunks of its bytes, never its whole text: for exports larger than a string can be. When
   * present the engine reads each file so, and a file it throws on is read again whole with `read` (when it fits), so
   * that the error is `read`'s, with its exact position. It must give what `read` gives for the same file.
   */
  readChunks?(file: ChunkedFile, params: z.output<P>): Promise<RecordTypes[T][]>;
  views?: { readonly [V in RecordType]?: (records: readonly RecordTypes[T][]) => RecordTypes[V][] };
}

/**
 * A source streamed file by file (logs), so no more than a few files are ever in memory: the stream pass calls
 * `readFile` once per file, on worker threads and the calling thread, and hands each record to every stream
 * check that reads the source. A view function turns one record into the view's record, or undefined when the
 * record has none (a CloudTrail event that is not a sign-in).
 */
export interface StreamSourceDefinition<T extends RecordType> extends SourceMetadata<T> {
  kind: 'stream';
  /** Files the glob matched that hold no records of this type (e.g. CloudTrail digest files): never read. */
  skipsFile?(absolutePath: string): boolean;
  /** Parses one decompressed file into records; throws `UserError` with the file and position. */
  readFile(file: SourceText): Iterable<RecordTypes[T]>;
  /**
   * The fast path (off with `--strict`): one decompressed file's bytes, read without parsing every record. Gives, in
   * file order, each record `filter` lets through and each one it cannot vouch for as `readFile` gives it, and a
   * `RecordSummary` of every other; or undefined for a file it cannot vouch for as a whole, which the pass then reads
   * with `readFile` (so errors and positions are always `readFile`'s). It must agree with `readFile` record for record.
   */
  scanFile?(bytes: Buffer, filter: RecordFilter): Iterable<RecordTypes[T] | RecordSummary> | undefined;
  /** For tests that replay records through `scanFile`: the text of a file holding `records`, as the real export writes it. */
  writeFile?(records: readonly RecordTypes[T][]): string;
  /** The key stream checks name in `visits` (CloudTrail: the event name), so each record reaches only them. */
  dispatchKey?(record: RecordTypes[T]): string;
  /** Per view: the dispatch keys of the only records that have it (a CloudTrail sign-in is a `ConsoleLogin`), so `scanFile` may skip the rest. */
  viewKeys?: { readonly [V in RecordType]?: readonly string[] };
  /** Where and when a record happened, for the source's coverage report (first and last event, gaps) per scope. */
  coverage?(record: RecordTypes[T]): CoveragePoint | undefined;
  /** What identifies a record: one delivered in several files (CloudTrail delivers some events twice) is counted once. */
  recordId?(record: RecordTypes[T]): string;
  /** When the record happened (ms since the epoch): only records in the source's assessment window are visited; the others are counted. */
  recordTime?(record: RecordTypes[T]): number;
  views?: { readonly [V in RecordType]?: (record: RecordTypes[T]) => RecordTypes[V] | undefined };
}

// Method-style signatures are compared bivariantly, so every typed definition is also one of these.
type Bivariant<F extends (...args: never[]) => unknown> = { check(...args: Parameters<F>): ReturnType<F> }['check'];

/** A batch source as the engine holds it, its record types erased. */
export interface BatchSource {
  kind: 'batch';
  type: string;
  description: string;
  params?: z.ZodType;
  read(files: readonly SourceText[], params?: unknown): unknown[];
  readChunks?(file: ChunkedFile, params?: unknown): Promise<unknown[]>;
  views?: Readonly<Record<string, Bivariant<(records: readonly unknown[]) => unknown[]> | undefined>>;
}

/** A stream source as the engine holds it, its record types erased. */
export interface StreamSource {
  kind: 'stream';
  type: string;
  description: string;
  skipsFile?(absolutePath: string): boolean;
  readFile(file: SourceText): Iterable<unknown>;
  scanFile?(bytes: Buffer, filter: RecordFilter): Iterable<unknown> | undefined;
  writeFile?(records: readonly unknown[]): string;
  dispatchKey?(record: unknown): string;
  viewKeys?: Readonly<Record<string, readonly string[] | undefined>>;
  coverage?(record: unknown): CoveragePoint | undefined;
  recordId?(record: unknown): string;
  recordTime?(record: unknown): number;
  views?: Readonly<Record<string, Bivariant<(record: unknown) => unknown> | undefined>>;
}

/** Any source the engine can read: whole, or file by file. */
export type Source = BatchSource | StreamSource;

/** Defines a source type: one file per source under src/providers/<provider>/sources, or in a plugin. */
export function defineSource<T extends RecordType, P extends z.ZodType = z.ZodVoid>(definition: BatchSourceDefinition<T, P>): BatchSourceDefinition<T, P>;
export function defineSource<T extends RecordType>(definition: StreamSourceDefinition<T>): StreamSourceDefinition<T>;
export function defineSource<T extends RecordType, P extends z.ZodType>(
  definition: BatchSourceDefinition<T, P> | StreamSourceDefinition<T>,
): BatchSourceDefinition<T, P> | StreamSourceDefinition<T> {
  return definition;
}

