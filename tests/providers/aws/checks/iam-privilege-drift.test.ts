import { describe, expect, it } from 'vitest';
import check from '../../../../src/providers/aws/checks/iam-privilege-drift.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { ADMINISTRATOR_ACCESS, ALLOW_ALL, READ_ONLY_ACCESS, details, fixtureDetails, group, role, user } from './authorization-details.js';

const NOT_IN_BASELINE = 'but is not in the approved baseline';
const reviewed = ['arn:aws:iam::210987654321:group/admins', 'arn:aws:iam::210987654321:user/alice'];

new CheckTester(check).run({
  pass: [
    {
      name: 'everyone with administrator access was approved in the review',
      records: [details({ users: [user('alice', { groupNames: ['admins'] }), user('carol', { attachedPolicies: [READ_ONLY_ACCESS] })], groups: [group('admins', { attachedPolicies: [ADMINISTRATOR_ACCESS] })] })],
      params: { baseline: reviewed },
      examined: 3,
      metrics: { drifted_principals: 0 },
    },
    {
      name: 'an empty baseline passes when nobody has administrator access; service-linked roles are skipped',
      records: [details({ users: [user('carol')], roles: [role('AWSServiceRoleForConfig', { path: '/aws-service-role/config.amazonaws.com/', attachedPolicies: [ADMINISTRATOR_ACCESS] })] })],
      params: { baseline: [] },
      examined: 1,
      metrics: { drifted_principals: 0 },
    },
    {
      name: 'baseline globs',
      records: [details({ roles: [role('break-glass-eu', { attachedPolicies: [ADMINISTRATOR_ACCESS] }), role('break-glass-us', { inlinePolicies: [{ name: 'all', document: ALLOW_ALL }] })] })],
      params: { baseline: ['break-glass-*'] },
      examined: 2,
      metrics: { drifted_principals: 0 },
    },
  ],
  fail: [
    {
      name: 'the example account: the review approved admins and alice; bob drifted in',
      records: [fixtureDetails('aws/iam-authorization-details.json')],
      params: { baseline: reviewed },
      examined: 16,
      findings: [
        {
          resource: 'arn:aws:iam::210987654321:user/bob',
          message: `user bob has administrator access (AdministratorAccess attached directly) ${NOT_IN_BASELINE}`,
          details: { grants: ['AdministratorAccess attached directly'] },
        },
      ],
      metrics: { drifted_principals: 1 },
    },
    {
      name: 'a user added to an approved admin group after the review is drift',
      records: [
        details({
          users: [user('alice', { groupNames: ['admins'] }), user('mallory', { groupNames: ['admins'] })],
          groups: [group('admins', { attachedPolicies: [ADMINISTRATOR_ACCESS] })],
        }),
      ],
      params: { baseline: reviewed },
      examined: 3,
      findings: [{ resource: 'arn:aws:iam::210987654321:user/mallory', message: `user mallory has administrator access (AdministratorAccess through group admins) ${NOT_IN_BASELINE}` }],
      metrics: { drifted_principals: 1 },
    },
    {
      name: 'an empty baseline: every admin is drift, users, groups and roles in that order',
      records: [
        details({
          users: [user('alice', { groupNames: ['admins'] })],
          groups: [group('admins', { attachedPolicies: [ADMINISTRATOR_ACCESS] })],
          roles: [role('deploy', { inlinePolicies: [{ name: 'all', document: ALLOW_ALL }] })],
        }),
      ],
      params: { baseline: [] },
      examined: 3,
      findings: [
        { resource: 'arn:aws:iam::210987654321:user/alice', message: `user alice has administrator access (AdministratorAccess through group admins) ${NOT_IN_BASELINE}` },
        { resource: 'arn:aws:iam::210987654321:group/admins', message: `group admins has administrator access (AdministratorAccess attached directly) ${NOT_IN_BASELINE}` },
        { resource: 'arn:aws:iam::210987654321:role/deploy', message: `role deploy has administrator access (inline policy all) ${NOT_IN_BASELINE}` },
      ],
      metrics: { drifted_principals: 3 },
    },
  ],
  vacuous: [{ name: 'no export', records: [], params: { baseline: reviewed }, metrics: { drifted_principals: 0 } }],
});

describe('aws/iam-privilege-drift params', () => {
  it('requires a baseline list', () => {
    const result = check.params.safeParse({});
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Expected `baseline`: the list of principals the last access review approved as administrators (names or ARNs)');
  });
});
