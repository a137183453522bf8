import check from '../../../../src/providers/identity/checks/dormant-accounts.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { identityAccount } from '../accounts.js';

// As-of is 2026-11-01T00:00Z: by default an account is dormant after 90 days idle (before 2026-08-03T00:00Z),
// and a never-used one after 30 days since created (before 2026-10-02T00:00Z).
const signedIn = (id: string, lastSignIn: string) => identityAccount('okta', id, `${id}@example.org`, { lastSignIn: new Date(lastSignIn), created: new Date('2025-01-01T00:00:00Z') });
const created = (id: string, when: string) => identityAccount('okta', id, `${id}@example.org`, { created: new Date(when) });
const NONE = { dormant_accounts: 0, never_signed_in_past_grace: 0, accounts_activity_unknown: 0 };

new CheckTester(check).run({
  pass: [
    {
      name: 'a sign-in exactly max_idle ago and a never-used account exactly grace old are not yet dormant',
      records: [signedIn('u1', '2026-08-03T00:00:00Z'), created('u2', '2026-10-02T00:00:00Z'), signedIn('u3', '2026-10-31T12:00:00Z')],
      examined: 3,
      metrics: NONE,
    },
    {
      name: 'inactive accounts are not judged; one with neither sign-in nor creation time is counted, not passed',
      records: [{ ...signedIn('u4', '2020-01-01T00:00:00Z'), status: 'suspended' }, { ...created('u5', '2020-01-01T00:00:00Z'), status: 'deprovisioned' }, identityAccount('github', '7', 'octo'), signedIn('u3', '2026-10-31T12:00:00Z')],
      examined: 1,
      metrics: { ...NONE, accounts_activity_unknown: 1 },
    },
    {
      name: 'max_idle and grace as params, months calendar-aware',
      records: [signedIn('u1', '2026-06-01T00:00:00Z'), created('u2', '2026-10-25T00:00:00Z')],
      params: { max_idle: '5mo', grace: '7d' },
      examined: 2,
      metrics: NONE,
    },
  ],
  fail: [
    {
      name: 'a sign-in a second past max_idle, and an account never used past grace',
      records: [signedIn('u1', '2026-08-02T23:59:59Z'), created('u2', '2026-10-01T23:59:59Z'), signedIn('u3', '2026-10-31T12:00:00Z')],
      examined: 3,
      metrics: { dormant_accounts: 1, never_signed_in_past_grace: 1, accounts_activity_unknown: 0 },
      findings: [
        { resource: 'okta:u1', message: 'active account okta u1@example.org (u1) has not signed in for 90 days (max 90d)', details: { provider: 'okta', last_sign_in: '2026-08-02T23:59:59.000Z' } },
        { resource: 'okta:u2', message: 'active account okta u2@example.org (u2) has never signed in, created 30 days ago (grace 30d)', details: { provider: 'okta', created: '2026-10-01T23:59:59.000Z' } },
      ],
    },
    {
      name: 'tighter params find what the defaults pass',
      records: [signedIn('u1', '2026-05-31T23:00:00Z'), created('u2', '2026-10-24T00:00:00Z')],
      params: { max_idle: '5mo', grace: '7d' },
      examined: 2,
      metrics: { dormant_accounts: 1, never_signed_in_past_grace: 1, accounts_activity_unknown: 0 },
      findings: [
        { resource: 'okta:u1', message: /not signed in for 153 days \(max 5mo\)$/ },
        { resource: 'okta:u2', message: /never signed in, created 8 days ago \(grace 7d\)$/ },
      ],
    },
  ],
  vacuous: [
    { name: 'no accounts', records: [], metrics: NONE },
    { name: 'only accounts without activity data', records: [identityAccount('github', '7', 'octo')], metrics: { ...NONE, accounts_activity_unknown: 1 } },
  ],
});
