import check from '../../../../src/providers/identity/checks/admins-phishing-resistant-mfa.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { FACTORS, identityAccount } from '../accounts.js';

const ADMIN = { adminRoles: ['SUPER_ADMIN'] };
const ann = identityAccount('okta', '00u1', 'ann@example.org', { ...ADMIN, mfaFactors: [FACTORS.sms, FACTORS.webauthn] });
const ben = identityAccount('okta', '00u2', 'ben@example.org', { ...ADMIN, mfaFactors: [FACTORS.totp, FACTORS.sms] });
const cat = identityAccount('entra', 'c-1', 'cat@example.org', { adminRoles: ['Global Administrator', 'User Administrator'] });
const dev = identityAccount('okta', '00u4', 'dev@example.org', { ...ADMIN, mfaFactors: null });
const eli = identityAccount('github', '55', 'eli', { ...ADMIN, mfaFactors: [FACTORS.unknown, FACTORS.totp] });
const nonAdmin = identityAccount('okta', '00u9', 'nia@example.org', { mfaFactors: [FACTORS.sms] });

new CheckTester(check).run({
  pass: [
    {
      name: 'an admin with a phishing-resistant factor beside a weak one; accounts without admin roles are not judged',
      records: [ann, nonAdmin],
      examined: 1,
      metrics: { phishing_resistant_coverage_pct: 100, admins_without_phishing_resistant_mfa: 0, admins_mfa_unknown: 0 },
    },
    {
      name: 'inactive admins are not judged; unknown factor data and factors of unknown kind are counted, not passed',
      records: [ann, { ...ben, status: 'suspended' }, dev, eli],
      examined: 1,
      metrics: { phishing_resistant_coverage_pct: 100, admins_without_phishing_resistant_mfa: 0, admins_mfa_unknown: 2 },
      details: { admins_mfa_unknown: ['okta:00u4', 'github:55'] },
    },
  ],
  fail: [
    {
      name: 'admins with only OTP and SMS, or with no factor at all',
      records: [ann, ben, cat],
      examined: 3,
      metrics: { phishing_resistant_coverage_pct: 33.3, admins_without_phishing_resistant_mfa: 2, admins_mfa_unknown: 0 },
      findings: [
        {
          resource: 'okta:00u2',
          message: 'administrator okta ben@example.org (00u2) (SUPER_ADMIN) has no phishing-resistant factor (factors: totp, sms)',
          details: { provider: 'okta', login: 'ben@example.org', admin_roles: ['SUPER_ADMIN'], factors: ['totp', 'sms'] },
        },
        { resource: 'entra:c-1', message: 'administrator entra cat@example.org (c-1) (Global Administrator, User Administrator) has no phishing-resistant factor (factors: none)' },
      ],
    },
  ],
  vacuous: [
    { name: 'no admins', records: [nonAdmin], metrics: { admins_without_phishing_resistant_mfa: 0, admins_mfa_unknown: 0 } },
    { name: 'only admins whose factors are unknown', records: [dev], metrics: { admins_without_phishing_resistant_mfa: 0, admins_mfa_unknown: 1 }, details: { admins_mfa_unknown: ['okta:00u4'] } },
  ],
});
