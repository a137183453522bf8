import { z } from 'zod';
import { daysBetween, isOlderThan } from '../../../core/time.js';
import { defineCheck, type Finding } from '../../../kit/define-check.js';
import { durationParam } from '../../../kit/params.js';
import { accountName, accountResource, activeAccounts } from '../lib/accounts.js';

const params = z.strictObject({
  max_idle: durationParam.prefault('90d').describe('Longest an active account may go without a sign-in (e.g. 90d, 12w, 3mo).'),
  grace: durationParam.prefault('30d').describe('How long after its creation an account that has never signed in may stay active (e.g. 14d, 30d).'),
});

export default defineCheck({
  id: 'identity/dormant-accounts',
  title: 'No dormant accounts',
  description:
    'No active account of any bound source that offers identity/accounts has gone without a sign-in for longer than `max_idle`; an account that has never signed in is dormant once it is older than `grace` since its creation. An account with neither a last sign-in nor a creation time in its export (GitHub members, for one) cannot be judged: it is counted, not passed.',
  inputs: { accounts: 'identity/accounts' },
  params,
  remediation:
    'Confirm with each listed account\'s owner or manager whether it is still needed; suspend or deprovision those that are not, and have the joiner process remove accounts created but never used.',
  metrics: {
    dormant_accounts: 'Active accounts whose last sign-in is older than max_idle',
    never_signed_in_past_grace: 'Active accounts never signed in and created longer than grace ago',
    accounts_activity_unknown: 'Active accounts with neither a last sign-in nor a creation time: not judged',
  },
  criteria: { soc2: ['CC6.2', 'CC6.3'], 'pci-dss-4': ['8.2.6'], 'iso27001-2022': ['A.5.18'], 'nist-csf-2': ['PR.AA-05'] },
  resourceExample: 'okta:00u1a2b3c4d5e6f7g8h9',
  run({ inputs: { accounts }, params: { max_idle: maxIdle, grace }, asOf }) {
    const active = activeAccounts(accounts);
    const judged = active.filter((account) => account.lastSignIn !== null || account.created !== null);
    const idle: Finding[] = [];
    const unused: Finding[] = [];
    for (const account of judged) {
      const resource = accountResource(account);
      if (account.lastSignIn !== null) {
        if (!isOlderThan(account.lastSignIn, maxIdle, asOf)) continue;
        idle.push({
          resource,
          message: `active account ${accountName(account)} has not signed in for ${daysBetween(account.lastSignIn, asOf)} days (max ${maxIdle.text})`,
          details: { provider: account.provider, last_sign_in: account.lastSignIn.toISOString() },
        });
      } else if (account.created !== null && isOlderThan(account.created, grace, asOf)) {
        unused.push({
          resource,
          message: `active account ${accountName(account)} has never signed in, created ${daysBetween(account.created, asOf)} days ago (grace ${grace.text})`,
          details: { provider: account.provider, created: account.created.toISOString() },
        });
      }
    }
    return {
      examined: judged.length,
      findings: [...idle, ...unused],
      metrics: { dormant_accounts: idle.length, never_signed_in_past_grace: unused.length, accounts_activity_unknown: active.length - judged.length },
    };
  },
});
