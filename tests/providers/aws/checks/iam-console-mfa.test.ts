import check from '../../../../src/providers/aws/checks/iam-console-mfa.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { activeKey, noKey, rootRow, userRow } from './credential-rows.js';

const apiOnly = userRow({
  user: 'ci-bot',
  passwordEnabled: false,
  passwordLastUsed: null, // N/A
  passwordLastChanged: null, // N/A
  mfaActive: false,
  accessKeys: [activeKey(1, '2026-09-14'), noKey(2)],
});

new CheckTester(check).run({
  pass: [
    {
      name: 'every console user has MFA',
      records: [rootRow(), userRow({ user: 'alice' }), userRow({ user: 'dana', passwordLastUsed: null })],
      examined: 2,
      metrics: { mfa_coverage_pct: 100 },
    },
    {
      name: 'root without MFA (password_enabled not_supported) and API-only users are not examined',
      records: [rootRow({ mfaActive: false }), apiOnly, userRow({ user: 'alice' })],
      examined: 1,
      metrics: { mfa_coverage_pct: 100 },
    },
  ],
  fail: [
    {
      name: 'one of three console users without MFA',
      records: [userRow({ user: 'alice' }), userRow({ user: 'bob', mfaActive: false }), userRow({ user: 'dana' }), apiOnly],
      examined: 3,
      findings: [{ resource: 'arn:aws:iam::210987654321:user/bob', message: 'user bob has console access without MFA' }],
      metrics: { mfa_coverage_pct: 66.7 },
    },
    {
      name: 'two without MFA, one never signed in (password_last_used no_information)',
      records: [
        userRow({ user: 'bob', mfaActive: false }),
        userRow({ user: 'erin', mfaActive: false, passwordLastUsed: null }),
        userRow({ user: 'frank' }),
      ],
      examined: 3,
      findings: [
        { resource: 'arn:aws:iam::210987654321:user/bob', message: 'user bob has console access without MFA' },
        { resource: 'arn:aws:iam::210987654321:user/erin', message: 'user erin has console access without MFA' },
      ],
      metrics: { mfa_coverage_pct: 33.3 },
    },
    {
      name: 'nobody has MFA',
      records: [userRow({ user: 'bob', mfaActive: false })],
      findings: [{ resource: 'arn:aws:iam::210987654321:user/bob', message: 'user bob has console access without MFA' }],
      metrics: { mfa_coverage_pct: 0 },
    },
  ],
  vacuous: [
    { name: 'no records', records: [], metrics: {} },
    { name: 'only root and API-only users: no coverage metric', records: [rootRow({ mfaActive: false }), apiOnly], metrics: {} },
  ],
});
