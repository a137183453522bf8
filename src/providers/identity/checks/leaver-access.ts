import { z } from 'zod';
import { defineCheck, type Finding } from '../../../kit/define-check.js';
import { fixedDurationParam } from '../../../kit/params.js';
import type { IdentityAccount } from '../../../kit/views/identity/accounts.js';
import type { HrLeaver } from '../../hr/sources/leavers.js';
import { accountName } from '../lib/accounts.js';
import { PeopleIndex } from '../lib/people-index.js';

const HOUR_MS = 3_600_000;

const params = z.strictObject({
  grace: fixedDurationParam
    .prefault('24h')
    .describe('How long after termination access may still be open: leavers who left more recently are not judged yet (e.g. 24h, 3d).'),
});

/** The nearest-rank percentile of ascending values. */
export function percentile(sorted: readonly number[], rank: number): number {
  return sorted[Math.max(0, Math.ceil((rank / 100) * sorted.length) - 1)] ?? 0;
}

const isRevoked = (account: IdentityAccount): boolean => account.status === 'suspended' || account.status === 'deprovisioned';

function leaverName(leaver: HrLeaver): string {
  if (leaver.email !== null && leaver.employeeId !== null) return `${leaver.email} (${leaver.employeeId})`;
  return leaver.email ?? leaver.employeeId ?? '?';
}

/** Hours from termination to an account's suspension or deprovisioning; zero when it was revoked before the person left. */
function hoursToRevoke(leaver: HrLeaver, account: IdentityAccount): number | undefined {
  if (!isRevoked(account) || account.statusChanged === null) return undefined;
  return Math.max(0, (account.statusChanged.getTime() - leaver.terminated.getTime()) / HOUR_MS);
}

function revocationMetrics(hours: number[]): Record<string, number> {
  if (hours.length === 0) return {};
  const sorted = [...hours].sort((a, b) => a - b);
  const round = (value: number): number => Math.round(value * 100) / 100;
  return {
    time_to_revoke_hours_p50: round(percentile(sorted, 50)),
    time_to_revoke_hours_p90: round(percentile(sorted, 90)),
    time_to_revoke_hours_max: round(sorted.at(-1) ?? 0),
  };
}

export default defineCheck({
  id: 'identity/leaver-access',
  title: 'Leavers have no active account anywhere',
  description:
    'Joins HR leavers to the accounts of every bound source (any that offers identity/accounts: Okta, the IAM credential report, …) by work e-mail, employee id and the alias table, case-insensitively. Every leaver who left before as-of minus `grace` and still has an active account is a finding naming each such account. Time to revoke is measured from termination to the status change of each suspended or deprovisioned account, where the export carries it; a leaver matched to no account in any source is counted, never passed silently.',
  inputs: { leavers: 'hr/leavers', aliases: 'hr/aliases', accounts: 'identity/accounts' },
  optionalInputs: ['aliases'],
  params,
  remediation:
    'Suspend or deprovision each listed account now, then find why the leaver process missed it (a system not connected to the identity provider, an alias HR did not know). Add people whose logins differ from their e-mail to the alias table.',
  metrics: {
    time_to_revoke_hours_p50: 'Median hours from termination to the suspension or deprovisioning of a leaver\'s account (accounts whose export carries the status change time)',
    time_to_revoke_hours_p90: '90th percentile of the same',
    time_to_revoke_hours_max: 'Longest of the same',
    leavers_with_active_accounts: 'Leavers past the grace period who still have at least one active account',
    leavers_without_accounts: 'Leavers past the grace period matched to no account in any bound source: check the join (e-mail, employee id, aliases)',
    leavers_in_grace: 'Leavers who left within the grace period before as-of (or are yet to leave): not judged',
    revocations_without_time: 'Suspended or deprovisioned accounts of leavers whose export carries no status change time, so no time to revoke',
  },
  criteria: { soc2: ['CC6.2', 'CC6.3'], 'pci-dss-4': ['8.2.5'], 'iso27001-2022': ['A.5.18'], 'nist-csf-2': ['PR.AA-05'] },
  resourceExample: 'lee@example.org',
  run({ inputs: { leavers, aliases, accounts }, params: { grace }, asOf }) {
    const cutoff = asOf.getTime() - grace.ms;
    const left = leavers.filter((leaver) => leaver.terminated.getTime() <= asOf.getTime());
    const index = new PeopleIndex(left, aliases);
    const accountsOf = new Map<HrLeaver, IdentityAccount[]>();
    for (const account of accounts) {
      for (const leaver of index.peopleOf(account)) accountsOf.set(leaver, [...(accountsOf.get(leaver) ?? []), account]);
    }
    const judged = left.filter((leaver) => leaver.terminated.getTime() < cutoff);
    const hours: number[] = [];
    let untimed = 0;
    for (const leaver of left) {
      for (const account of accountsOf.get(leaver) ?? []) {
        const taken = hoursToRevoke(leaver, account);
        if (taken !== undefined) hours.push(taken);
        else if (isRevoked(account)) untimed += 1;
      }
    }
    const findings: Finding[] = judged.flatMap((leaver) => {
      const active = (accountsOf.get(leaver) ?? []).filter((account) => account.status === 'active');
      if (active.length === 0) return [];
      return [
        {
          resource: leaver.email ?? leaver.employeeId ?? '?',
          message: `leaver ${leaverName(leaver)}, terminated ${leaver.terminated.toISOString()}, still has ${active.length === 1 ? 'an active account' : `${active.length} active accounts`}: ${active.map(accountName).join(', ')}`,
          details: {
            terminated: leaver.terminated.toISOString(),
            accounts: active.map((account) => ({ provider: account.provider, id: account.id, login: account.login, last_sign_in: account.lastSignIn?.toISOString() ?? null })),
          },
        },
      ];
    });
    const unmatched = judged.filter((leaver) => !accountsOf.has(leaver));
    return {
      examined: judged.length,
      findings,
      metrics: {
        ...revocationMetrics(hours),
        leavers_with_active_accounts: findings.length,
        leavers_without_accounts: unmatched.length,
        leavers_in_grace: leavers.length - judged.length,
        revocations_without_time: untimed,
      },
      ...(unmatched.length === 0 ? {} : { details: { leavers_without_accounts: unmatched.map(leaverName) } }),
    };
  },
});
