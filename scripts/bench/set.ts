// The synthetic bench set: what it holds and what the audit must find in it, shared by the generator and the phases.

export const GENERATOR_VERSION = 5;
export const MB = 1024 * 1024;

export const ACCOUNTS = ['111122223333', '444455556666', '777788889999'];
export const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
export const DAY_START = Date.parse('2026-10-31T00:00:00Z');
export const AS_OF = '2026-11-01T00:00:00Z';
export const WINDOW_MS = 15 * 60_000;
export const WINDOWS = 96;
/** Stretches with no delivery at all: the coverage gaps the audit must find (both longer than 6h). */
export const SEEDED_GAPS = [
  { account: '111122223333', region: 'ap-southeast-2', from: Date.parse('2026-10-31T02:00:00Z'), to: Date.parse('2026-10-31T10:30:00Z') },
  { account: '777788889999', region: 'eu-west-1', from: Date.parse('2026-10-31T13:00:00Z'), to: Date.parse('2026-10-31T20:00:00Z') },
];

export const CHECK_KEYS = ['console', 'root', 'tampering', 'admin', 'kms'] as const;
export type CheckKey = (typeof CHECK_KEYS)[number];

/** Counts the generator knows, that the audit must reproduce exactly. */
export interface Expected {
  findings: Record<CheckKey, number>;
  consoleLogins: number;
  coverageGaps: number;
  /** Events, each counted once: the audit's record count. */
  records: number;
  /** Events delivered a second time, in a later file. */
  duplicates: number;
}

export interface Manifest {
  version: number;
  seed: number;
  sizeMb: number;
  cloudtrail: { files: string[]; digestFiles: number; records: number; uncompressedBytes: number; compressedBytes: number; expected: Expected };
  iam: { users: number; roles: number; policies: number; groups: number; reportRows: number; authorizationDetails: string; credentialReport: string; approvedAdmins: string[] };
}

/** The check each seeded count belongs to. */
export const CHECK_IDS: Record<CheckKey, string> = {
  console: 'aws/ct-console-login-without-mfa',
  root: 'aws/ct-root-activity',
  tampering: 'aws/ct-logging-tampering',
  admin: 'aws/ct-admin-grants',
  kms: 'aws/ct-kms-key-deletion',
};

export const IAM_ACCOUNT = '210987654321';

/** Bumped whenever the identity generator writes different files for the same options. */
export const IDENTITY_VERSION = 2;

/** Leaver counts the identity audit must reproduce exactly. */
export interface IdentityExpected {
  /** HR leaver records: every person with a termination, those yet to leave included. */
  leavers: number;
  leaversWithActiveAccounts: number;
  leaversWithoutAccounts: number;
  leaversInGrace: number;
  leaversActiveAfterTermination: number;
  signInsAfterTermination: number;
}

/** The identity set (its own folder and manifest, so it is cached apart from CloudTrail and IAM). */
export interface IdentityManifest {
  version: number;
  seed: number;
  people: number;
  logMb: number;
  hrRows: number;
  aliases: number;
  /** What each provider's generator wrote: users, pages, files, events, bytes. */
  counts: Record<string, Record<string, number>>;
  expected: IdentityExpected;
}

/** Bumped whenever the small-files generator writes different files for the same options. */
export const SMALL_FILES_VERSION = 1;

/** The uncompressed size of a log file of a real S3 delivery at a quiet hour: about 2 KB once gzipped. */
export const SMALL_FILE_BYTES = 10 * 1024;

/** The small-files set: the CloudTrail day again, cut into many deliveries of a few records each (its own folder and manifest). */
export interface SmallFilesManifest {
  version: number;
  seed: number;
  /** The number of log files asked for; `cloudtrail.files` holds at least as many. */
  requested: number;
  cloudtrail: Manifest['cloudtrail'];
}
