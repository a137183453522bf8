import type { SourceText } from '../kit/files/read-file.js';

export type { SourceText };

/**
 * The record type each source type yields. Each adapter file adds its own entry by declaration
 * merging (`declare module '../define-adapter.js' { interface SourceRecordTypes { ... } }`), so a
 * check that declares `sources: ['aws/iam-credential-report']` receives `CredentialReportRow`s.
 */
export interface SourceRecordTypes {
  json: unknown;
  ndjson: unknown;
  yaml: unknown;
  csv: Record<string, string>;
}

export type SourceType = keyof SourceRecordTypes;

/** Reads every file of one source into records; throws `UserError` with the file and position. */
export interface Adapter<T extends SourceType = SourceType> {
  type: T;
  description: string;
  read(files: readonly SourceText[]): SourceRecordTypes[T][];
}

export function defineAdapter<T extends SourceType>(adapter: Adapter<T>): Adapter<T> {
  return adapter;
}

/**
 * Reads a streamed source (logs) one file at a time, so no more than a few files are ever in memory.
 * The stream pass calls `streamFile` once per file, on worker threads and the calling thread, and hands
 * each record to every stream check that reads the source.
 */
export interface StreamAdapter<T extends SourceType = SourceType> {
  type: T;
  description: string;
  /** Files the glob matched that hold no records of this type (e.g. CloudTrail digest files): never read. */
  skipsFile?(absolutePath: string): boolean;
  /** Parses one decompressed file into records; throws `UserError` with the file and position. */
  streamFile(file: SourceText): Iterable<SourceRecordTypes[T]>;
  /** Where and when a record happened, for the source's coverage report (first/last event, gaps). */
  coverageOf?(record: SourceRecordTypes[T]): CoveragePoint | undefined;
  /** The key stream checks name in `visits` (CloudTrail: the event name), so each record reaches only them. */
  dispatchKey?(record: SourceRecordTypes[T]): string;
}

/** One record's place in a log's coverage: which account and region it came from, and when (epoch ms). */
export interface CoveragePoint {
  account: string;
  region: string;
  time: number;
}

/** Defines a streamed adapter (see {@link StreamAdapter}). */
export function defineStreamAdapter<T extends SourceType>(adapter: StreamAdapter<T>): StreamAdapter<T> {
  return adapter;
}
