/** One export file, decompressed and decoded, ready for an adapter to parse. */
export interface SourceText {
  /** Path as shown to users (relative to the working directory). */
  display: string;
  text: string;
}

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

