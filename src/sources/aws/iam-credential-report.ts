/** A date column: `null` for `N/A`, `no_information` and `not_supported` (never epoch 0). */
export type ReportDate = Date | null;

export interface AccessKeySlot {
  slot: 1 | 2;
  active: boolean;
  lastRotated: ReportDate;
  lastUsedDate: ReportDate;
  lastUsedRegion: string | null;
  lastUsedService: string | null;
}

/** One row of the IAM credential report, typed. */
export interface CredentialReportRow {
  user: string;
  arn: string;
  /** The `<root_account>` row. */
  isRoot: boolean;
  userCreationTime: ReportDate;
  /** `null` for root, whose value is `not_supported`. */
  passwordEnabled: boolean | null;
  passwordLastUsed: ReportDate;
  passwordLastChanged: ReportDate;
  passwordNextRotation: ReportDate;
  mfaActive: boolean;
  accessKeys: readonly [AccessKeySlot, AccessKeySlot];
}

declare module '../define-adapter.js' {
  interface SourceRecordTypes {
    'aws/iam-credential-report': CredentialReportRow;
  }
}
