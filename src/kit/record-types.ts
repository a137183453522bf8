/**
 * The record type of every source type and view, by id. Each source and view module adds its own entry by
 * declaration merging (`declare module '…/kit/record-types.js' { interface RecordTypes { … } }`), so a check
 * that declares `inputs: { records: 'aws/iam-credential-report' }` receives `CredentialReportRow`s.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface -- filled by declaration merging
export interface RecordTypes {}

/** A source type or a view id. */
export type RecordType = keyof RecordTypes & string;
