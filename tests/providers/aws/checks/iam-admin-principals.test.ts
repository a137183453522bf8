import { describe, expect, it } from 'vitest';
import check from '../../../../src/providers/aws/checks/iam-admin-principals.js';
import { CheckTester } from '../../../../src/testing/index.js';
import {
  ADMINISTRATOR_ACCESS,
  ALLOW_ALL,
  READ_ONLY_ACCESS,
  attachedTo,
  customerPolicy,
  details,
  document,
  exportDetails,
  fixtureDetails,
  group,
  role,
  statement,
  user,
} from './authorization-details.js';

const DENY_ALL = document(statement({ effect: 'Deny', actions: ['*'], resources: ['*'] }));
const NOT_APPROVED = 'and is not an approved break-glass principal';
const BOB = 'arn:aws:iam::210987654321:user/bob';

const adminsGroup = group('admins', { attachedPolicies: [ADMINISTRATOR_ACCESS] });
const alice = user('alice', { groupNames: ['admins'] });
const carol = user('carol', { attachedPolicies: [READ_ONLY_ACCESS] });

// PowerUserAccess: everything except IAM, Organizations and Account, plus a few IAM reads.
const powerUser = document(
  statement({ notActions: ['iam:*', 'organizations:*', 'account:*'], resources: ['*'] }),
  statement({ actions: ['iam:ListRoles', 'iam:CreateServiceLinkedRole'], resources: ['*'] }),
);

const encodedAdminRole = exportDetails({
  RoleDetailList: [
    {
      Path: '/',
      RoleName: 'legacy-admin',
      RoleId: 'AROAEXAMPLELEGACYAD1',
      Arn: 'arn:aws:iam::210987654321:role/legacy-admin',
      CreateDate: '2020-05-04T10:00:00Z',
      AssumeRolePolicyDocument: '%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D',
      RolePolicyList: [
        {
          PolicyName: 'everything',
          PolicyDocument: encodeURIComponent('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}'),
        },
      ],
      AttachedManagedPolicies: [],
      RoleLastUsed: {},
    },
  ],
});

new CheckTester(check).run({
  pass: [
    {
      name: 'the only admins are approved, by name and by ARN',
      records: [details({ users: [alice, carol], groups: [adminsGroup] })],
      params: { allow: ['admins', 'arn:aws:iam::210987654321:user/alice'] },
      examined: 3,
      metrics: { admin_principals: 2 },
    },
    {
      name: 'a NotAction statement (PowerUserAccess) is not administrator access',
      records: [details({ users: [user('dana', { inlinePolicies: [{ name: 'power', document: powerUser }] })] })],
      examined: 1,
      metrics: { admin_principals: 0 },
    },
    {
      name: 'Action * on one resource, s3:* on *, and Deny * on * are not administrator access',
      records: [
        details({
          roles: [
            role('bucket-admin', { inlinePolicies: [{ name: 'b', document: document(statement({ actions: ['*'], resources: ['arn:aws:s3:::example-bucket/*'] })) }] }),
            role('s3-admin', { inlinePolicies: [{ name: 's', document: document(statement({ actions: ['s3:*'], resources: ['*'] })) }] }),
            role('quarantine', { inlinePolicies: [{ name: 'q', document: document(statement({ effect: 'Deny', actions: ['*'], resources: ['*'] })) }] }),
          ],
        }),
      ],
      examined: 3,
      metrics: { admin_principals: 0 },
    },
    {
      name: 'an explicit Deny of * on * takes administrator access away: inline, attached, or through a group',
      records: [
        (() => {
          const quarantine = customerPolicy('quarantine', DENY_ALL);
          return details({
            users: [
              user('gina', { attachedPolicies: [ADMINISTRATOR_ACCESS], inlinePolicies: [{ name: 'locked', document: DENY_ALL }] }),
              user('hal', { attachedPolicies: [ADMINISTRATOR_ACCESS], groupNames: ['quarantined'] }),
            ],
            groups: [group('quarantined', { attachedPolicies: [attachedTo(quarantine)] })],
            roles: [role('old-admin', { attachedPolicies: [ADMINISTRATOR_ACCESS, attachedTo(quarantine)] })],
            policies: [quarantine],
          });
        })(),
      ],
      examined: 4,
      metrics: { admin_principals: 0 },
    },
    {
      name: 'a permissions boundary that does not allow * on *, or denies it, caps administrator access',
      records: [
        (() => {
          const s3Only = customerPolicy('s3-only', document(statement({ actions: ['s3:*'], resources: ['*'] })));
          const denying = customerPolicy('deny-all-boundary', document(statement({ actions: ['*'], resources: ['*'] }), statement({ effect: 'Deny', actions: ['*'], resources: ['*'] })));
          return details({
            users: [user('ivan', { attachedPolicies: [ADMINISTRATOR_ACCESS], permissionsBoundaryArn: s3Only.arn })],
            roles: [
              role('ops', { attachedPolicies: [ADMINISTRATOR_ACCESS], permissionsBoundaryArn: denying.arn }),
              role('readonly-bounded', { attachedPolicies: [ADMINISTRATOR_ACCESS], permissionsBoundaryArn: READ_ONLY_ACCESS.arn }),
            ],
            policies: [s3Only, denying, { ...customerPolicy('ReadOnlyAccess', document(statement({ actions: ['s3:Get*', 'ec2:Describe*'], resources: ['*'] }))), arn: READ_ONLY_ACCESS.arn, awsManaged: true }],
          });
        })(),
      ],
      examined: 3,
      metrics: { admin_principals: 0 },
    },
    {
      name: 'service-linked roles are skipped, even with AdministratorAccess',
      records: [details({ users: [carol], roles: [role('AWSServiceRoleForSupport', { path: '/aws-service-role/support.amazonaws.com/', attachedPolicies: [ADMINISTRATOR_ACCESS] })] })],
      examined: 1,
      metrics: { admin_principals: 0 },
    },
    {
      name: 'allow globs match names and ARNs (a role under a path)',
      records: [
        details({
          users: [user('break-glass-1', { attachedPolicies: [ADMINISTRATOR_ACCESS] })],
          roles: [role('oncall', { path: '/emergency/', attachedPolicies: [ADMINISTRATOR_ACCESS] })],
        }),
      ],
      params: { allow: ['break-glass-*', 'arn:aws:iam::*:role/emergency/*'] },
      examined: 2,
      metrics: { admin_principals: 2 },
    },
    {
      name: 'a customer-managed policy counts by its default version only (the v2 fixture: ci-artifacts v1 had * on *)',
      records: [fixtureDetails('aws/iam-authorization-details.json')],
      params: { allow: ['admins', 'alice', 'bob'] },
      examined: 16,
      metrics: { admin_principals: 3 },
    },
  ],
  fail: [
    {
      name: 'the example account: bob got AdministratorAccess attached directly',
      records: [fixtureDetails('aws/iam-authorization-details.json')],
      params: { allow: ['admins', 'alice'] },
      examined: 16,
      findings: [
        {
          resource: BOB,
          message: `user bob has administrator access (AdministratorAccess attached directly) ${NOT_APPROVED}`,
          details: { grants: ['AdministratorAccess attached directly'] },
        },
      ],
      metrics: { admin_principals: 3 },
    },
    {
      name: 'CLI v1 export: AdministratorAccess is recognised by ARN when the export does not list the policy',
      records: [fixtureDetails('aws/v1/iam-authorization-details.json')],
      params: { allow: ['admins', 'alice'] },
      examined: 6,
      findings: [{ resource: BOB, message: `user bob has administrator access (AdministratorAccess attached directly) ${NOT_APPROVED}` }],
      metrics: { admin_principals: 3 },
    },
    {
      name: 'members of an admin group are admins through it, and the group is one too',
      records: [
        details({
          users: [user('dave', { groupNames: ['ops', 'readers'] }), user('erin', { groupNames: ['ops'] }), carol],
          groups: [group('ops', { inlinePolicies: [{ name: 'full-access', document: ALLOW_ALL }] }), group('readers', { attachedPolicies: [READ_ONLY_ACCESS] })],
        }),
      ],
      examined: 5,
      findings: [
        { resource: 'arn:aws:iam::210987654321:user/dave', message: `user dave has administrator access (inline policy full-access through group ops) ${NOT_APPROVED}` },
        { resource: 'arn:aws:iam::210987654321:user/erin', message: `user erin has administrator access (inline policy full-access through group ops) ${NOT_APPROVED}` },
        { resource: 'arn:aws:iam::210987654321:group/ops', message: `group ops has administrator access (inline policy full-access) ${NOT_APPROVED}` },
      ],
      metrics: { admin_principals: 3 },
    },
    {
      name: 'a conditional Deny, a Deny of one service, an AdministratorAccess boundary and a boundary missing from the export leave administrator access',
      records: [
        details({
          users: [
            user('jo', { attachedPolicies: [ADMINISTRATOR_ACCESS], inlinePolicies: [{ name: 'mfa', document: document(statement({ effect: 'Deny', actions: ['*'], resources: ['*'], conditions: { BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'] } } })) }] }),
            user('kim', { attachedPolicies: [ADMINISTRATOR_ACCESS], inlinePolicies: [{ name: 'no-iam', document: document(statement({ effect: 'Deny', actions: ['iam:*'], resources: ['*'] })) }] }),
          ],
          roles: [
            role('bounded-admin', { attachedPolicies: [ADMINISTRATOR_ACCESS], permissionsBoundaryArn: ADMINISTRATOR_ACCESS.arn }),
            role('unknown-boundary', { attachedPolicies: [ADMINISTRATOR_ACCESS], permissionsBoundaryArn: 'arn:aws:iam::210987654321:policy/not-exported' }),
          ],
        }),
      ],
      examined: 4,
      findings: [
        { resource: 'arn:aws:iam::210987654321:user/jo', message: `user jo has administrator access (AdministratorAccess attached directly) ${NOT_APPROVED}` },
        { resource: 'arn:aws:iam::210987654321:user/kim', message: `user kim has administrator access (AdministratorAccess attached directly) ${NOT_APPROVED}` },
        { resource: 'arn:aws:iam::210987654321:role/bounded-admin', message: `role bounded-admin has administrator access (AdministratorAccess attached directly) ${NOT_APPROVED}` },
        { resource: 'arn:aws:iam::210987654321:role/unknown-boundary', message: `role unknown-boundary has administrator access (AdministratorAccess attached directly) ${NOT_APPROVED}` },
      ],
      metrics: { admin_principals: 4 },
    },
    {
      name: 'approving a group does not approve users added to it',
      records: [details({ users: [alice], groups: [adminsGroup] })],
      params: { allow: ['admins'] },
      examined: 2,
      findings: [{ resource: 'arn:aws:iam::210987654321:user/alice', message: `user alice has administrator access (AdministratorAccess through group admins) ${NOT_APPROVED}` }],
      metrics: { admin_principals: 2 },
    },
    {
      name: 'a customer-managed policy allowing *:* on *, and a NotAction policy that also has an Action * statement',
      records: [
        (() => {
          const everything = customerPolicy('everything', document(statement({ actions: ['*:*'], resources: ['*'] })));
          const sneaky = customerPolicy('power-plus', document(...powerUser.statements, statement({ sid: 'Oops', actions: ['*'], resources: ['*'] })));
          return details({
            roles: [role('deploy', { attachedPolicies: [attachedTo(everything)] }), role('tools', { attachedPolicies: [attachedTo(sneaky)] })],
            policies: [everything, sneaky],
          });
        })(),
      ],
      examined: 2,
      findings: [
        { resource: 'arn:aws:iam::210987654321:role/deploy', message: `role deploy has administrator access (customer-managed policy everything attached directly) ${NOT_APPROVED}` },
        { resource: 'arn:aws:iam::210987654321:role/tools', message: `role tools has administrator access (customer-managed policy power-plus attached directly) ${NOT_APPROVED}` },
      ],
      metrics: { admin_principals: 2 },
    },
    {
      name: 'a URL-encoded inline policy document allowing * on *',
      records: [encodedAdminRole],
      examined: 1,
      findings: [{ resource: 'arn:aws:iam::210987654321:role/legacy-admin', message: `role legacy-admin has administrator access (inline policy everything) ${NOT_APPROVED}` }],
      metrics: { admin_principals: 1 },
    },
    {
      name: 'every grant is listed, and a permissions boundary is reported in the details',
      records: [
        details({
          users: [
            user('frank', {
              groupNames: ['admins'],
              attachedPolicies: [ADMINISTRATOR_ACCESS],
              inlinePolicies: [{ name: 'all', document: ALLOW_ALL }],
              permissionsBoundaryArn: 'arn:aws:iam::210987654321:policy/boundary',
            }),
          ],
          groups: [adminsGroup],
        }),
      ],
      params: { allow: ['admins'] },
      examined: 2,
      findings: [
        {
          resource: 'arn:aws:iam::210987654321:user/frank',
          message: `user frank has administrator access (AdministratorAccess attached directly; inline policy all; AdministratorAccess through group admins) ${NOT_APPROVED}`,
          details: {
            grants: ['AdministratorAccess attached directly', 'inline policy all', 'AdministratorAccess through group admins'],
            permissions_boundary: 'arn:aws:iam::210987654321:policy/boundary',
          },
        },
      ],
      metrics: { admin_principals: 2 },
    },
  ],
  vacuous: [
    { name: 'no export', records: [], metrics: { admin_principals: 0 } },
    { name: 'an export with only a service-linked role', records: [details({ roles: [role('AWSServiceRoleForSupport', { path: '/aws-service-role/support.amazonaws.com/' })] })], metrics: { admin_principals: 0 } },
  ],
});

describe('aws/iam-admin-principals params', () => {
  it('defaults allow to nobody and refuses a single string', () => {
    expect(check.params.parse({})).toEqual({ allow: [] });
    expect(check.params.safeParse({ allow: 'alice' }).success).toBe(false);
  });
});
