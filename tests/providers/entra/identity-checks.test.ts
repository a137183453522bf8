// The cross-provider identity checks over the Entra demo tenant of fixtures/entra/export, as the sources read it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import activityAfterTermination from '../../../src/providers/identity/checks/activity-after-termination.js';
import adminsPhishingResistantMfa from '../../../src/providers/identity/checks/admins-phishing-resistant-mfa.js';
import dormantAccounts from '../../../src/providers/identity/checks/dormant-accounts.js';
import leaverAccess from '../../../src/providers/identity/checks/leaver-access.js';
import mfaEnrolled from '../../../src/providers/identity/checks/mfa-enrolled.js';
import signInSource, { signIn, type EntraSignIn } from '../../../src/providers/entra/sources/sign-ins.js';
import users, { identityAccounts } from '../../../src/providers/entra/sources/users.js';
import type { HrLeaver } from '../../../src/providers/hr/sources/leavers.js';
import { CheckTester, StreamCheckTester } from '../../../src/testing/index.js';
import { readText } from '../../../src/testing/source-tester.js';
import { fixturesDir } from '../../support/paths.js';

const EXPORT = path.join(fixturesDir, 'entra/export');
const file = (relative: string) => ({ display: relative, path: relative, text: readFileSync(path.join(EXPORT, relative), 'utf8') });
const accounts = identityAccounts(users.read(['users/page-0001.json', 'users/page-0002.json', 'registration-details/page-0001.json', 'directory-roles/page-0001.json'].map(file)));
const signIns = (readText(signInSource, file('sign-ins/page-0001.json').text) as EntraSignIn[]).map(signIn);

const id = (suffix: string) => `3c1d5e7f-0000-4000-8000-0000000000${suffix}`;
const without = (...logins: string[]) => accounts.filter((account) => !logins.includes(account.login));
const leaver = (employeeId: string, email: string, terminated: string): HrLeaver => ({ employeeId, email, terminated: new Date(terminated), manager: null });
const gina = leaver('E1008', 'gina.ruiz@example.com', '2026-10-16T00:00:00Z');
const frank = leaver('E1007', 'frank.ito@example.com', '2026-09-14T00:00:00Z');
const GUEST = 'kim_partner.example#EXT#@example.onmicrosoft.com';

new CheckTester(leaverAccess).run({
  pass: [
    {
      name: 'a leaver whose Entra account is disabled: revoked, at a time Graph does not keep',
      inputs: { leavers: [frank], accounts },
      examined: 1,
      metrics: { leavers_with_active_accounts: 0, leavers_without_accounts: 0, leavers_in_grace: 0, revocations_without_time: 1 },
    },
  ],
  fail: [
    {
      name: 'a leaver whose Entra account is still enabled',
      inputs: { leavers: [gina, frank], accounts },
      findings: [{ resource: 'gina.ruiz@example.com', message: `leaver gina.ruiz@example.com (E1008), terminated 2026-10-16T00:00:00.000Z, still has an active account: entra gina.ruiz@example.com (${id('e8')})` }],
      metrics: { leavers_with_active_accounts: 1, leavers_without_accounts: 0, leavers_in_grace: 0, revocations_without_time: 1 },
    },
  ],
});

new CheckTester(mfaEnrolled).run({
  pass: [
    {
      name: 'registered methods are factors; an e-mail-only user is counted weak; a guest without registration details is unknown',
      inputs: { accounts: without('sam@example.com') },
      examined: 4,
      metrics: { mfa_coverage_pct: 100, accounts_without_mfa: 0, accounts_weak_mfa_only: 1, accounts_mfa_unknown: 1 },
    },
  ],
  fail: [
    {
      name: 'a user with nothing registered',
      inputs: { accounts },
      findings: [{ resource: `entra:${id('c5')}`, message: `active account entra sam@example.com (${id('c5')}) has no MFA factor` }],
      metrics: { mfa_coverage_pct: 80, accounts_without_mfa: 1, accounts_weak_mfa_only: 1, accounts_mfa_unknown: 1 },
    },
    {
      name: 'weak factors fail when allow_weak is false',
      inputs: { accounts: without('sam@example.com') },
      params: { allow_weak: false },
      findings: [{ resource: `entra:${id('e9')}`, message: `active account entra ivy.chen@example.com (${id('e9')}) has only weak MFA factors (email)` }],
    },
  ],
});

new CheckTester(adminsPhishingResistantMfa).run({
  pass: [
    {
      name: 'a Global Administrator with a device-bound passkey',
      inputs: { accounts: without('ben.otto@example.com') },
      examined: 1,
      metrics: { phishing_resistant_coverage_pct: 100, admins_without_phishing_resistant_mfa: 0, admins_mfa_unknown: 0 },
    },
  ],
  fail: [
    {
      name: 'a User Administrator with SMS and an authenticator app only',
      inputs: { accounts },
      findings: [{ resource: `entra:${id('b2')}`, message: `administrator entra ben.otto@example.com (${id('b2')}) (User Administrator) has no phishing-resistant factor (factors: sms, totp)` }],
      metrics: { phishing_resistant_coverage_pct: 50, admins_without_phishing_resistant_mfa: 1, admins_mfa_unknown: 0 },
    },
  ],
});

new CheckTester(dormantAccounts).run({
  pass: [
    {
      name: 'recent successful sign-ins, interactive or not; a disabled user is not judged',
      inputs: { accounts: without('sam@example.com', GUEST) },
      examined: 4,
      metrics: { dormant_accounts: 0, never_signed_in_past_grace: 0, accounts_activity_unknown: 0 },
    },
  ],
  fail: [
    {
      name: 'no success since 2023 (only attempts before tracking began), and a guest without signInActivity: never signed in',
      inputs: { accounts },
      findings: [
        { resource: `entra:${id('c5')}`, message: `active account entra sam@example.com (${id('c5')}) has not signed in for 1094 days (max 90d)` },
        { resource: `entra:${id('d4')}`, message: `active account entra ${GUEST} (${id('d4')}) has never signed in, created 628 days ago (grace 30d)` },
      ],
      metrics: { dormant_accounts: 1, never_signed_in_past_grace: 1, accounts_activity_unknown: 0 },
    },
  ],
});

new StreamCheckTester(activityAfterTermination).run({
  pass: [
    {
      name: 'a leaver who stopped signing in when they left',
      inputs: { leavers: [frank], signIns },
      examined: 1,
      metrics: { leavers_active_after_termination: 0, sign_ins_after_termination: 0 },
    },
  ],
  fail: [
    {
      name: 'a successful Entra sign-in after termination',
      inputs: { leavers: [gina, frank], signIns },
      findings: [{ resource: 'gina.ruiz@example.com', message: /^leaver gina\.ruiz@example\.com, terminated 2026-10-16T00:00:00\.000Z, signed in once after leaving: first 2026-10-20T08:12:45\.123Z as entra gina\.ruiz@example\.com/ }],
      metrics: { leavers_active_after_termination: 1, sign_ins_after_termination: 1 },
    },
  ],
});
