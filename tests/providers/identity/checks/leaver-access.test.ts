import { describe, expect, it } from 'vitest';
import check, { percentile } from '../../../../src/providers/identity/checks/leaver-access.js';
import type { IdentityAccount } from '../../../../src/kit/views/identity/accounts.js';
import type { HrAlias } from '../../../../src/providers/hr/sources/aliases.js';
import type { HrLeaver } from '../../../../src/providers/hr/sources/leavers.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { identityAccount } from '../accounts.js';

// As-of is 2026-11-01T00:00Z: with the default grace of 24h, leavers terminated before 2026-10-31T00:00Z are judged.
const leaver = (email: string | null, terminated: string, employeeId: string | null = null): HrLeaver => ({ employeeId, email, terminated: new Date(terminated), manager: null });

function account(provider: string, id: string, login: string, status: IdentityAccount['status'], fields: Partial<IdentityAccount> = {}): IdentityAccount {
  return identityAccount(provider, id, login, { status, ...fields });
}

const alias = (person: string, provider: string | null, login: string): HrAlias => ({ person, provider, login });
const lee = leaver('lee@example.org', '2026-10-02T00:00:00Z', 'E1');
const revokedAfter = (hours: number): Date => new Date(Date.parse('2026-10-02T00:00:00Z') + hours * 3_600_000);
const BASE = { leavers_with_active_accounts: 0, leavers_without_accounts: 0, leavers_in_grace: 0, revocations_without_time: 0 };

new CheckTester(check).run({
  pass: [
    {
      name: 'every account of a leaver revoked: time to revoke from termination to the status change',
      inputs: {
        leavers: [lee],
        accounts: [
          account('okta', '00u1', 'lee@example.org', 'deprovisioned', { statusChanged: revokedAfter(2) }),
          account('github', '41', 'leepark', 'suspended', { employeeId: 'E1', statusChanged: revokedAfter(30) }),
        ],
      },
      examined: 1,
      metrics: { ...BASE, time_to_revoke_hours_p50: 2, time_to_revoke_hours_p90: 30, time_to_revoke_hours_max: 30 },
    },
    {
      name: 'revoked before the last day ends counts as zero hours; a revocation without a time is counted apart',
      inputs: {
        leavers: [lee],
        accounts: [account('okta', '00u1', 'lee@example.org', 'suspended', { statusChanged: revokedAfter(-5) }), account('aws', 'arn:aws:iam::1:user/lee', 'lee@example.org', 'suspended')],
      },
      examined: 1,
      metrics: { ...BASE, revocations_without_time: 1, time_to_revoke_hours_p50: 0, time_to_revoke_hours_p90: 0, time_to_revoke_hours_max: 0 },
    },
    {
      name: 'an active account of someone who is no leaver, and a pending one of a leaver (it cannot sign in)',
      inputs: { leavers: [lee], accounts: [account('okta', '00u2', 'kim@example.org', 'active'), account('okta', '00u1', 'lee@example.org', 'pending')] },
      examined: 1,
      metrics: BASE,
    },
  ],
  fail: [
    {
      name: 'a leaver with active accounts in two providers: one finding naming each',
      inputs: {
        leavers: [lee],
        accounts: [
          account('okta', '00u1', 'lee@example.org', 'active', { lastSignIn: new Date('2026-10-20T08:00:00Z') }),
          account('aws', 'arn:aws:iam::1:user/lee', 'lee', 'active'),
          account('okta', '00u9', 'kim@example.org', 'active'),
        ],
        aliases: [alias('lee@example.org', 'aws', 'lee')],
      },
      findings: [
        {
          resource: 'lee@example.org',
          message: 'leaver lee@example.org (E1), terminated 2026-10-02T00:00:00.000Z, still has 2 active accounts: okta lee@example.org (00u1), aws lee (arn:aws:iam::1:user/lee)',
          details: {
            terminated: '2026-10-02T00:00:00.000Z',
            accounts: [
              { provider: 'okta', id: '00u1', login: 'lee@example.org', last_sign_in: '2026-10-20T08:00:00.000Z' },
              { provider: 'aws', id: 'arn:aws:iam::1:user/lee', login: 'lee', last_sign_in: null },
            ],
          },
        },
      ],
      metrics: { ...BASE, leavers_with_active_accounts: 1 },
    },
    {
      name: 'e-mails differ in case only',
      inputs: { leavers: [leaver('lee.park@example.org', '2026-10-02T00:00:00Z')], accounts: [account('okta', '00u1', 'Lee.Park@Example.ORG', 'active', { emails: [] })] },
      findings: [{ resource: 'lee.park@example.org', message: /still has an active account: okta Lee\.Park@Example\.ORG \(00u1\)$/ }],
    },
    {
      name: 'joined by employee id alone, and by an alias for any provider',
      inputs: {
        leavers: [leaver(null, '2026-10-02T00:00:00Z', 'E7'), leaver('mo@example.org', '2026-10-03T00:00:00Z', 'E8')],
        accounts: [account('entra', 'u-7', 'x7@corp.example', 'active', { employeeId: 'E7' }), account('github', '99', 'MoCodes', 'active')],
        aliases: [alias('E8', null, 'mocodes')],
      },
      findings: [
        { resource: 'E7', message: /^leaver E7, terminated .* active account: entra x7@corp\.example \(u-7\)$/ },
        { resource: 'mo@example.org', message: /^leaver mo@example\.org \(E8\), .*: github MoCodes \(99\)$/ },
      ],
    },
    {
      name: 'an alias for one provider does not match another',
      inputs: {
        leavers: [lee],
        accounts: [account('aws', 'arn:aws:iam::1:user/lee', 'lee', 'active'), account('github', '5', 'lee', 'active')],
        aliases: [alias('lee@example.org', 'aws', 'lee')],
      },
      findings: [{ resource: 'lee@example.org', message: /active account: aws lee \(arn:aws:iam::1:user\/lee\)$/ }],
    },
    {
      name: 'an account re-activated after it was deprovisioned is active again',
      inputs: { leavers: [lee], accounts: [account('okta', '00u1', 'lee@example.org', 'active', { statusChanged: revokedAfter(240) })] },
      findings: [{ resource: 'lee@example.org', message: /still has an active account: okta lee@example\.org \(00u1\)$/ }],
      metrics: { ...BASE, leavers_with_active_accounts: 1 },
    },
    {
      name: 'one hour past the grace is judged',
      inputs: { leavers: [leaver('lee@example.org', '2026-10-30T23:00:00Z')], accounts: [account('okta', '00u1', 'lee@example.org', 'active')] },
      findings: [{ resource: 'lee@example.org', message: /terminated 2026-10-30T23:00:00\.000Z/ }],
    },
    {
      name: 'a longer grace set by params leaves that leaver unjudged, another one judged',
      params: { grace: '3d' },
      inputs: {
        leavers: [leaver('lee@example.org', '2026-10-30T23:00:00Z'), leaver('kim@example.org', '2026-10-28T00:00:00Z')],
        accounts: [account('okta', '00u1', 'lee@example.org', 'active'), account('okta', '00u2', 'kim@example.org', 'active')],
      },
      findings: [{ resource: 'kim@example.org', message: /^leaver kim@example\.org, terminated 2026-10-28/ }],
      metrics: { ...BASE, leavers_with_active_accounts: 1, leavers_in_grace: 1 },
    },
  ],
  vacuous: [
    {
      name: 'the grace boundary: terminated exactly grace before as-of is not judged yet',
      inputs: { leavers: [leaver('lee@example.org', '2026-10-31T00:00:00Z')], accounts: [account('okta', '00u1', 'lee@example.org', 'active')] },
      metrics: { ...BASE, leavers_in_grace: 1 },
    },
    { name: 'no leavers', inputs: { leavers: [], accounts: [account('okta', '00u1', 'lee@example.org', 'active')] } },
    {
      name: 'a leaver yet to leave (a future termination)',
      inputs: { leavers: [leaver('lee@example.org', '2026-12-31T00:00:00Z')], accounts: [account('okta', '00u1', 'lee@example.org', 'active')] },
      metrics: { ...BASE, leavers_in_grace: 1 },
    },
  ],
});

describe('identity/leaver-access, leavers no source knows', () => {
  it('counts them, names them in details, and still passes nobody silently', () => {
    const result = check.kind === 'batch' ? check.run({ inputs: { leavers: [lee, leaver('hal@example.org', '2026-09-01T00:00:00Z')], aliases: [], accounts: [] }, params: check.params.parse({}), asOf: new Date('2026-11-01T00:00:00Z') }) : undefined;
    expect(result).toEqual({ examined: 2, findings: [], metrics: { ...BASE, leavers_without_accounts: 2 }, details: { leavers_without_accounts: ['lee@example.org (E1)', 'hal@example.org'] } });
  });

  it('takes nearest-rank percentiles', () => {
    expect([percentile([1, 2, 3, 4], 50), percentile([1, 2, 3, 4], 90), percentile([5], 90)]).toEqual([2, 4, 5]);
  });
});
