import check from '../../../../src/providers/governance/checks/revocations-executed.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { ADMINISTRATOR_ACCESS, details, group, user } from '../../aws/checks/authorization-details.js';
import { identityAccount } from '../../identity/accounts.js';
import { decision } from '../decisions.js';

// As-of is 2026-11-01T00:00Z: with the default grace of 24h, revocations decided before 2026-10-31T00:00Z are judged.
const revoke = (subject: string, decidedAt: string, fields = {}) => decision('q3', subject, 'NetSuite Admin', 'revoke', { decidedAt: new Date(decidedAt), ...fields });
const BASE = { revocations_not_executed: 0, revocations_executed: 0, revocations_unmatched: 0, revocations_in_grace: 0 };

new CheckTester(check).run({
  pass: [
    {
      name: 'revoked accounts found by login, by e-mail and by id, case-insensitively; approvals and undecided items are not revocations',
      inputs: {
        decisions: [
          revoke('carol.ng@example.com', '2026-09-12T10:04:00Z'),
          revoke('frank.ito@example.com', '2026-09-12T10:05:00Z'),
          revoke('adelev@contoso.com', '2026-09-10T08:15:02Z', { tool: 'entra', subjectId: '1800bb2c' }),
          decision('q3', 'lee@example.org', 'NetSuite Admin', 'approve'),
          decision('q3', 'gina.ruiz@example.com', 'NetSuite Admin', 'undecided'),
        ],
        accounts: [
          identityAccount('okta', '00u1', 'Carol.Ng@example.com', { status: 'deprovisioned' }),
          identityAccount('github', '41', 'frank-ito', { emails: ['frank.ito@example.com'], status: 'suspended' }),
          identityAccount('entra', '1800bb2c', 'adele.vance@contoso.com', { status: 'suspended' }),
          identityAccount('okta', '00u9', 'lee@example.org'),
        ],
      },
      examined: 3,
      metrics: { ...BASE, revocations_executed: 3 },
    },
    {
      name: 'a revocation within the grace is not judged; one a second before the cut-off is',
      inputs: {
        decisions: [revoke('carol.ng@example.com', '2026-10-31T00:00:00Z'), revoke('frank.ito@example.com', '2026-10-30T23:59:59Z'), revoke('x@example.com', '2026-11-02T00:00:00Z')],
        accounts: [identityAccount('okta', '00u1', 'carol.ng@example.com'), identityAccount('okta', '00u2', 'frank.ito@example.com', { status: 'deprovisioned' })],
      },
      examined: 1,
      metrics: { ...BASE, revocations_executed: 1, revocations_in_grace: 1 },
    },
    {
      name: 'the IAM group named by the entitlement is left: judged on the group, not the still-active user',
      inputs: {
        decisions: [decision('q3-aws', 'ivy.chen@example.com', 'ProdAdmins', 'revoke', { decidedAt: new Date('2026-09-20T14:10:00Z') })],
        accounts: [identityAccount('aws', 'arn:aws:iam::210987654321:user/ivy.chen@example.com', 'ivy.chen@example.com')],
        iam: [details({ users: [user('ivy.chen@example.com', { groupNames: ['Developers'] })], groups: [group('ProdAdmins'), group('Developers')] })],
      },
      examined: 1,
      metrics: { ...BASE, revocations_executed: 1 },
    },
  ],
  fail: [
    {
      name: 'an account still active past the grace; another provider\'s account left out by provider; a revocation matched to nothing is counted',
      inputs: {
        decisions: [revoke('carol.ng@example.com', '2026-09-12T10:04:00Z', { itemId: 'icrztblxbBFiVKepb1d6', tool: 'okta', subjectId: '00u2k5' }), revoke('nobody@example.com', '2026-09-12T10:04:00Z')],
        accounts: [identityAccount('okta', '00u2k5', 'carol.ng@example.com'), identityAccount('github', '77', 'carol-ng', { emails: ['carol.ng@example.com'] })],
      },
      params: { provider: 'okta' },
      examined: 1,
      metrics: { ...BASE, revocations_not_executed: 1, revocations_unmatched: 1 },
      details: { revocations_unmatched: ['nobody@example.com on NetSuite Admin (campaign q3)'] },
      findings: [
        {
          resource: 'icrztblxbBFiVKepb1d6',
          message: 'carol.ng@example.com on NetSuite Admin (campaign q3) was revoked 2026-09-12T10:04:00.000Z (49.6 days ago, grace 24h), but the account is still active: okta carol.ng@example.com (00u2k5)',
          details: { decided_at: '2026-09-12T10:04:00.000Z', accounts: [{ provider: 'okta', id: '00u2k5', login: 'carol.ng@example.com' }] },
        },
      ],
    },
    {
      name: 'every bound provider without the param; a longer grace',
      inputs: {
        decisions: [revoke('carol.ng@example.com', '2026-10-20T00:00:00Z')],
        accounts: [identityAccount('okta', '00u2k5', 'carol.ng@example.com', { status: 'suspended' }), identityAccount('github', '77', 'carol-ng', { emails: ['carol.ng@example.com'] })],
      },
      params: { grace: '7d' },
      examined: 1,
      metrics: { ...BASE, revocations_not_executed: 1 },
      findings: [{ resource: 'q3/carol.ng@example.com/NetSuite Admin', message: /\(12 days ago, grace 7d\), but the account is still active: github carol-ng \(77\)$/ }],
    },
    {
      name: 'an IAM user still in the revoked group, and one still holding the revoked policy (by ARN, listed only where attached)',
      inputs: {
        decisions: [
          decision('q3-aws', 'ivy.chen@example.com', 'ProdAdmins', 'revoke', { decidedAt: new Date('2026-09-20T14:10:00Z') }),
          decision('q3-aws', 'bob', 'arn:aws:iam::aws:policy/AdministratorAccess', 'revoke', { decidedAt: new Date('2026-09-20T14:10:00Z') }),
        ],
        accounts: [],
        iam: [details({ users: [user('ivy.chen@example.com', { groupNames: ['ProdAdmins'] }), user('bob', { attachedPolicies: [ADMINISTRATOR_ACCESS] })], groups: [group('ProdAdmins')] })],
      },
      examined: 2,
      metrics: { ...BASE, revocations_not_executed: 2 },
      findings: [
        { resource: 'q3-aws/ivy.chen@example.com/ProdAdmins', message: /was revoked 2026-09-20T14:10:00\.000Z \(41\.4 days ago, grace 24h\), but IAM user ivy\.chen@example\.com still belongs to group ProdAdmins$/ },
        { resource: 'q3-aws/bob/arn:aws:iam::aws:policy/AdministratorAccess', message: /but IAM user bob still has policy AdministratorAccess attached$/, details: { decided_at: '2026-09-20T14:10:00.000Z', iam_user: 'arn:aws:iam::210987654321:user/bob', policy: 'arn:aws:iam::aws:policy/AdministratorAccess' } },
      ],
    },
  ],
  vacuous: [
    { name: 'no decisions', inputs: { decisions: [], accounts: [identityAccount('okta', '00u1', 'a@example.org')] }, metrics: BASE },
    { name: 'only approvals', inputs: { decisions: [decision('q3', 'a@example.org', 'vpn', 'approve')], accounts: [] }, metrics: BASE },
    { name: 'a revocation matched to nothing proves nothing', inputs: { decisions: [revoke('nobody@example.com', '2026-09-12T10:04:00Z')], accounts: [] }, metrics: { ...BASE, revocations_unmatched: 1 }, details: { revocations_unmatched: ['nobody@example.com on NetSuite Admin (campaign q3)'] } },
  ],
});
