import { z } from 'zod';
import { defineCheck, type Finding } from '../../../kit/define-check.js';
import type { IdentityAccount, MfaFactor } from '../../../kit/views/identity/accounts.js';
import { accountName, accountResource, activeAccounts, factorKinds } from '../lib/accounts.js';
import { percentage } from '../../../kit/percentage.js';

const params = z.strictObject({
  allow_weak: z
    .boolean()
    .prefault(true)
    .describe('Whether an account whose only factors are weak (SMS, voice, e-mail) passes; false makes each such account a finding. Either way they are counted in accounts_weak_mfa_only.'),
});

const isWeakOnly = (factors: readonly MfaFactor[]): boolean => factors.length > 0 && factors.every((factor) => factor.strength === 'weak');

function finding(account: IdentityAccount, factors: readonly MfaFactor[]): Finding {
  const message = factors.length === 0 ? `active account ${accountName(account)} has no MFA factor` : `active account ${accountName(account)} has only weak MFA factors (${factorKinds(factors)})`;
  return { resource: accountResource(account), message, details: { provider: account.provider, login: account.login, factors: factors.map((factor) => factor.kind) } };
}

export default defineCheck({
  id: 'identity/mfa-enrolled',
  title: 'Active accounts have MFA enrolled',
  description:
    'Every active account of every bound source (any that offers identity/accounts: Okta users, GitHub members, the IAM credential report, …) has at least one MFA factor. Accounts whose only factors are weak (SMS, voice, e-mail) are counted apart and fail when `allow_weak` is false. An account whose export holds no factor data is counted as unknown, never passed: it is not examined.',
  inputs: { accounts: 'identity/accounts' },
  params,
  remediation:
    'Have each listed person enrol a strong factor (a security key, platform authenticator or authenticator app) and enforce MFA in the sign-in policy so a new account cannot sign in without one. Export the factor data of sources counted as unknown.',
  metrics: {
    mfa_coverage_pct: 'Percentage of examined active accounts (those whose factors are known) with at least one MFA factor, weak ones included (omitted when none are examined)',
    accounts_without_mfa: 'Active accounts with no MFA factor',
    accounts_weak_mfa_only: 'Active accounts whose only factors are weak (SMS, voice, e-mail)',
    accounts_mfa_unknown: 'Active accounts whose export holds no factor data: neither passed nor failed',
  },
  criteria: { soc2: ['CC6.1'], 'pci-dss-4': ['8.4.2'], 'iso27001-2022': ['A.8.5'], 'nist-csf-2': ['PR.AA-03'] },
  resourceExample: 'okta:00u1a2b3c4d5e6f7g8h9',
  run({ inputs: { accounts }, params: { allow_weak: allowWeak } }) {
    const active = activeAccounts(accounts);
    const known = active.flatMap((account) => (account.mfaFactors === null ? [] : [{ account, factors: account.mfaFactors }]));
    const unknown = active.filter((account) => account.mfaFactors === null);
    const without = known.filter(({ factors }) => factors.length === 0);
    const weakOnly = known.filter(({ factors }) => isWeakOnly(factors));
    const findings = known.filter(({ factors }) => factors.length === 0 || (!allowWeak && isWeakOnly(factors))).map(({ account, factors }) => finding(account, factors));
    return {
      examined: known.length,
      findings,
      metrics: {
        ...(known.length === 0 ? {} : { mfa_coverage_pct: percentage(known.length - without.length, known.length) }),
        accounts_without_mfa: without.length,
        accounts_weak_mfa_only: weakOnly.length,
        accounts_mfa_unknown: unknown.length,
      },
      ...(unknown.length === 0 ? {} : { details: { accounts_mfa_unknown: unknown.map(accountResource) } }),
    };
  },
});
