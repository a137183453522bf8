import { defineCheck } from '../../../kit/define-check.js';
import type { IdentityAccount } from '../../../kit/views/identity/accounts.js';
import { accountName, accountResource, activeAccounts, factorKinds } from '../lib/accounts.js';
import { percentage } from '../../../kit/percentage.js';

type Judgement = 'resistant' | 'lacking' | 'unknown';

/** Whether an admin's factors resist phishing; unknown when the export holds no factor data or a factor of unknown strength could be the resistant one. */
function judge(account: IdentityAccount): Judgement {
  const factors = account.mfaFactors;
  if (factors === null) return 'unknown';
  if (factors.some((factor) => factor.strength === 'phishing-resistant')) return 'resistant';
  return factors.some((factor) => factor.strength === 'unknown') ? 'unknown' : 'lacking';
}

export default defineCheck({
  id: 'identity/admins-phishing-resistant-mfa',
  title: 'Administrators have phishing-resistant MFA',
  description:
    'Every active account holding an admin role, in every bound source that offers identity/accounts, has a phishing-resistant factor enrolled (FIDO2/WebAuthn, U2F, Okta FastPass). An admin whose export holds no factor data, or whose only candidates are factors of unknown kind, is counted as unknown and not examined: neither passed nor failed.',
  inputs: { accounts: 'identity/accounts' },
  remediation:
    'Have each listed administrator enrol a security key or platform authenticator, then require a phishing-resistant authenticator in the sign-in policy of admin roles so OTP, push and SMS no longer suffice.',
  metrics: {
    phishing_resistant_coverage_pct: 'Percentage of examined active administrators with a phishing-resistant factor (omitted when none are examined)',
    admins_without_phishing_resistant_mfa: 'Active administrators whose known factors include no phishing-resistant one',
    admins_mfa_unknown: 'Active administrators whose factors are not exported, or are of unknown kind: neither passed nor failed',
  },
  criteria: { soc2: ['CC6.1'], 'pci-dss-4': ['8.4.1'], 'iso27001-2022': ['A.8.2', 'A.8.5'], 'nist-csf-2': ['PR.AA-03'] },
  resourceExample: 'okta:00u1a2b3c4d5e6f7g8h9',
  run({ inputs: { accounts } }) {
    const admins = activeAccounts(accounts).filter((account) => account.adminRoles.length > 0);
    const judged = admins.map((account) => ({ account, judgement: judge(account) }));
    const examined = judged.filter(({ judgement }) => judgement !== 'unknown');
    const lacking = examined.filter(({ judgement }) => judgement === 'lacking').map(({ account }) => account);
    const unknown = judged.filter(({ judgement }) => judgement === 'unknown').map(({ account }) => account);
    return {
      examined: examined.length,
      findings: lacking.map((account) => ({
        resource: accountResource(account),
        message: `administrator ${accountName(account)} (${account.adminRoles.join(', ')}) has no phishing-resistant factor (factors: ${factorKinds(account.mfaFactors ?? [])})`,
        details: { provider: account.provider, login: account.login, admin_roles: [...account.adminRoles], factors: (account.mfaFactors ?? []).map((factor) => factor.kind) },
      })),
      metrics: {
        ...(examined.length === 0 ? {} : { phishing_resistant_coverage_pct: percentage(examined.length - lacking.length, examined.length) }),
        admins_without_phishing_resistant_mfa: lacking.length,
        admins_mfa_unknown: unknown.length,
      },
      ...(unknown.length === 0 ? {} : { details: { admins_mfa_unknown: unknown.map(accountResource) } }),
    };
  },
});
