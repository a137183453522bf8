import type { AccessKeySlot, CredentialReportRow } from '../../../../src/providers/aws/sources/iam-credential-report.js';

export const ACCOUNT = '210987654321';

/** `2026-10-01` or a full instant, as the source yields it. */
export function at(text: string): Date {
  return new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
}

/** A key slot with no key: every column `N/A`, as in the report. */
export function noKey(slot: 1 | 2): AccessKeySlot {
  return { slot, active: false, lastRotated: null, lastUsedDate: null, lastUsedRegion: null, lastUsedService: null };
}

/** An active key; without `lastUsed` it was never used (`N/A` last used date, region and service). */
export function activeKey(slot: 1 | 2, lastRotated: string, lastUsed?: string): AccessKeySlot {
  return {
    slot,
    active: true,
    lastRotated: at(lastRotated),
    lastUsedDate: lastUsed === undefined ? null : at(lastUsed),
    lastUsedRegion: lastUsed === undefined ? null : 'eu-west-1',
    lastUsedService: lastUsed === undefined ? null : 'ec2',
  };
}

/**
 * An IAM user row: console password used recently, MFA on, no keys, unless `overrides` say otherwise.
 * The ARN follows the user name unless given.
 */
export function userRow(overrides: Partial<CredentialReportRow> = {}): CredentialReportRow {
  const user = overrides.user ?? 'alice';
  return {
    user,
    arn: `arn:aws:iam::${ACCOUNT}:user/${user}`,
    isRoot: false,
    userCreationTime: at('2024-03-05T14:22:07Z'),
    passwordEnabled: true,
    passwordLastUsed: at('2026-10-20T09:00:00Z'),
    passwordLastChanged: at('2024-03-05T14:23:00Z'),
    passwordNextRotation: null,
    mfaActive: true,
    accessKeys: [noKey(1), noKey(2)],
    ...overrides,
  };
}

/** The `<root_account>` row: password columns `not_supported`, MFA on, no keys, unless `overrides` say otherwise. */
export function rootRow(overrides: Partial<CredentialReportRow> = {}): CredentialReportRow {
  return {
    user: '<root_account>',
    arn: `arn:aws:iam::${ACCOUNT}:root`,
    isRoot: true,
    userCreationTime: at('2019-02-11T08:00:00Z'),
    passwordEnabled: null,
    passwordLastUsed: at('2025-01-20T10:15:00Z'),
    passwordLastChanged: null,
    passwordNextRotation: null,
    mfaActive: true,
    accessKeys: [noKey(1), noKey(2)],
    ...overrides,
  };
}
