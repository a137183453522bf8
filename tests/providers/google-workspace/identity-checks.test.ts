// The cross-provider identity checks over Google Workspace and IAM Identity Center accounts together, read from the
// fixtures through their sources' views, with the HR leavers of fixtures/hr. As-of is 2026-11-01T00:00Z.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import dormantAccounts from '../../../src/providers/identity/checks/dormant-accounts.js';
import leaverAccess from '../../../src/providers/identity/checks/leaver-access.js';
import mfaEnrolled from '../../../src/providers/identity/checks/mfa-enrolled.js';
import identityStoreUsers, { identityAccounts as identityStoreAccounts } from '../../../src/providers/aws/sources/identitystore-users.js';
import googleUsers from '../../../src/providers/google-workspace/sources/users.js';
import { identityAccounts as googleAccounts } from '../../../src/providers/google-workspace/lib/users.js';
import hrLeavers from '../../../src/providers/hr/sources/leavers.js';
import { CheckTester } from '../../../src/testing/index.js';
import { fixturesDir } from '../../support/paths.js';

const file = (relative: string) => ({ display: `fixtures/${relative}`, text: readFileSync(path.join(fixturesDir, relative), 'utf8') });

const accounts = [
  ...googleAccounts(googleUsers.read(['google-workspace/export/users/page-0001.json', 'google-workspace/export/users/page-0002.json', 'google-workspace/export/deleted/page-0001.json'].map(file))),
  ...identityStoreAccounts(identityStoreUsers.read([file('aws/identitystore/list-users.json')])),
];
const settings = hrLeavers.params?.parse({});
if (settings === undefined) throw new Error('hr/leavers takes params');
const leavers = hrLeavers.read([file('hr/leavers.csv')], settings);

const HAL_GOOGLE = 'google-workspace:104200000000000000009';
const HAL_AWS = '9067c5e4b1-1a2b3c4d-5e6f-4a7b-9c8d-0e1f2a3b4c5d';
const ALICE_AWS = '9067c5e4b1-0f6a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';

new CheckTester(leaverAccess).run({
  pass: [],
  fail: [
    {
      // Carol was deleted in Google 9 hours after her last day; Frank is suspended in both (no time for it); Gina has
      // no account in either; Ivy left within the grace; Hal is active in both.
      name: 'Hal still active in Google Workspace and Identity Center; Carol deleted 9 hours after leaving',
      inputs: { leavers, accounts },
      examined: 4,
      findings: [
        {
          resource: 'hal.berg@example.com',
          message: `leaver hal.berg@example.com (E1009), terminated 2026-08-30T00:00:00.000Z, still has 2 active accounts: google-workspace hal.berg@example.com (104200000000000000009), aws hal.berg (${HAL_AWS})`,
          details: {
            terminated: '2026-08-30T00:00:00.000Z',
            accounts: [
              { provider: 'google-workspace', id: '104200000000000000009', login: 'hal.berg@example.com', last_sign_in: '2026-07-01T16:40:02.000Z' },
              { provider: 'aws', id: HAL_AWS, login: 'hal.berg', last_sign_in: null },
            ],
          },
        },
      ],
      metrics: {
        time_to_revoke_hours_p50: 9,
        time_to_revoke_hours_p90: 9,
        time_to_revoke_hours_max: 9,
        leavers_with_active_accounts: 1,
        leavers_without_accounts: 1,
        leavers_in_grace: 1,
        revocations_without_time: 2,
      },
      details: { leavers_without_accounts: ['gina.ruiz@example.com (E1008)'] },
    },
  ],
});

new CheckTester(mfaEnrolled).run({
  pass: [],
  fail: [
    {
      // 2-Step Verification enrolled counts as a factor (of unknown strength); Identity Center users are unknown.
      name: 'Google users not enrolled in 2-Step Verification fail; Identity Center users are counted as unknown',
      records: accounts,
      examined: 4,
      findings: [
        { resource: 'google-workspace:104200000000000000014', message: 'active account google-workspace bea.kowalski@example.com (104200000000000000014) has no MFA factor' },
        { resource: HAL_GOOGLE, message: 'active account google-workspace hal.berg@example.com (104200000000000000009) has no MFA factor' },
      ],
      metrics: { mfa_coverage_pct: 50, accounts_without_mfa: 2, accounts_weak_mfa_only: 0, accounts_mfa_unknown: 2 },
      details: { accounts_mfa_unknown: [`aws:${ALICE_AWS}`, `aws:${HAL_AWS}`] },
    },
  ],
});

new CheckTester(dormantAccounts).run({
  pass: [],
  fail: [
    {
      name: 'Hal idle since July, Bea never signed in (Google\'s epoch lastLoginTime); Identity Center sign-ins unknown, not never',
      records: accounts,
      examined: 4,
      findings: [
        { resource: HAL_GOOGLE, message: 'active account google-workspace hal.berg@example.com (104200000000000000009) has not signed in for 122 days (max 90d)' },
        { resource: 'google-workspace:104200000000000000014', message: 'active account google-workspace bea.kowalski@example.com (104200000000000000014) has never signed in, created 180 days ago (grace 30d)' },
      ],
      metrics: { dormant_accounts: 1, never_signed_in_past_grace: 1, accounts_activity_unknown: 2 },
    },
  ],
});
