import check from '../../../../src/providers/identity/checks/mfa-enrolled.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { FACTORS, identityAccount } from '../accounts.js';

const alice = identityAccount('okta', '00u1', 'alice@example.org', { mfaFactors: [FACTORS.webauthn, FACTORS.sms] });
const bob = identityAccount('github', '41', 'bob');
const carol = identityAccount('okta', '00u3', 'carol@example.org', { mfaFactors: [FACTORS.sms, FACTORS.email] });
const dan = identityAccount('aws', 'arn:aws:iam::1:user/dan', 'dan', { mfaFactors: [FACTORS.unknown] });
const erin = identityAccount('okta', '00u5', 'erin@example.org', { mfaFactors: null });
const BASE = { accounts_without_mfa: 0, accounts_weak_mfa_only: 0, accounts_mfa_unknown: 0 };

new CheckTester(check).run({
  pass: [
    {
      name: 'strong, weak-and-strong and unknown-kind factors all count as MFA',
      records: [alice, dan],
      examined: 2,
      metrics: { ...BASE, mfa_coverage_pct: 100 },
    },
    {
      name: 'weak factors alone pass by default but are counted',
      records: [carol],
      examined: 1,
      metrics: { ...BASE, mfa_coverage_pct: 100, accounts_weak_mfa_only: 1 },
    },
    {
      name: 'accounts that are not active are not judged; one whose factors are unknown is counted, not examined',
      records: [alice, { ...bob, status: 'suspended' }, { ...bob, id: '42', status: 'deprovisioned' }, { ...bob, id: '43', status: 'pending' }, erin],
      examined: 1,
      metrics: { ...BASE, mfa_coverage_pct: 100, accounts_mfa_unknown: 1 },
      details: { accounts_mfa_unknown: ['okta:00u5'] },
    },
  ],
  fail: [
    {
      name: 'an active account without a factor; coverage over the accounts whose factors are known',
      records: [alice, bob, carol, erin],
      examined: 3,
      metrics: { mfa_coverage_pct: 66.7, accounts_without_mfa: 1, accounts_weak_mfa_only: 1, accounts_mfa_unknown: 1 },
      findings: [{ resource: 'github:41', message: 'active account github bob (41) has no MFA factor', details: { provider: 'github', login: 'bob', factors: [] } }],
    },
    {
      name: 'allow_weak: false makes weak-only accounts findings; one weak factor beside a strong one still passes',
      records: [alice, carol],
      params: { allow_weak: false },
      examined: 2,
      metrics: { ...BASE, mfa_coverage_pct: 100, accounts_weak_mfa_only: 1 },
      findings: [
        {
          resource: 'okta:00u3',
          message: 'active account okta carol@example.org (00u3) has only weak MFA factors (sms, email)',
          details: { provider: 'okta', login: 'carol@example.org', factors: ['sms', 'email'] },
        },
      ],
    },
  ],
  vacuous: [
    { name: 'no accounts', records: [] },
    { name: 'only accounts whose factors are unknown: not passed', records: [erin], metrics: { ...BASE, accounts_mfa_unknown: 1 }, details: { accounts_mfa_unknown: ['okta:00u5'] } },
  ],
});
