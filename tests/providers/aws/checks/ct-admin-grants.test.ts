import check from '../../../../src/providers/aws/checks/ct-admin-grants.js';
import { StreamCheckTester } from '../../../../src/testing/stream-check-tester.js';
import { alice, apiCall, bob, DENIED, eventId, root } from './cloudtrail-records.js';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const document = (statement: unknown): Record<string, unknown> => ({ Version: '2012-10-17', Statement: statement });

new StreamCheckTester(check).run({
  pass: [
    {
      name: 'read-only grants, narrow inline policies, NotAction, a root key for a user, denied attempts',
      records: [
        apiCall(1, alice, '2026-10-10T15:24:37Z', 'iam:AttachUserPolicy', { userName: 'dana', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
        apiCall(2, alice, '2026-10-10T15:25:00Z', 'iam:PutRolePolicy', { roleName: 'deploy', policyName: 'read', policyDocument: JSON.stringify(document({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })) }),
        apiCall(3, alice, '2026-10-10T15:26:00Z', 'iam:PutRolePolicy', { roleName: 'deploy', policyName: 'not-iam', policyDocument: JSON.stringify(document({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })) }),
        apiCall(4, alice, '2026-10-10T15:27:00Z', 'iam:PutUserPolicy', { userName: 'dana', policyName: 'deny-all', policyDocument: JSON.stringify(document({ Effect: 'Deny', Action: '*', Resource: '*' })) }),
        apiCall(5, root, '2026-10-10T15:28:00Z', 'iam:CreateAccessKey', { userName: 'ci-bot' }),
        apiCall(6, bob, '2026-10-10T15:29:00Z', 'iam:AttachUserPolicy', { userName: 'bob', policyArn: ADMIN }, DENIED),
        apiCall(7, alice, '2026-10-10T15:30:00Z', 'iam:AttachRolePolicy', { roleName: 'deploy', policyArn: 'arn:aws:iam::210987654321:policy/AdministratorAccess' }),
      ],
      examined: 7,
      metrics: { admin_grants: 0 },
    },
  ],
  fail: [
    {
      name: 'AdministratorAccess attached to bob: the drift',
      records: [apiCall(1, alice, '2026-10-10T15:21:09Z', 'iam:AttachUserPolicy', { userName: 'bob', policyArn: ADMIN })],
      examined: 1,
      findings: [
        {
          resource: 'arn:aws:iam::210987654321:user/bob',
          message: `AdministratorAccess attached to IAM user bob by IAM user alice at 2026-10-10T15:21:09Z from 198.51.100.7 in eu-west-1 (event ${eventId(1)})`,
        },
      ],
      metrics: { admin_grants: 1 },
    },
    {
      name: 'groups, roles, inline "*" on "*" as a JSON string, an object or URL-encoded, and a root access key',
      records: [
        apiCall(1, alice, '2026-10-11T10:00:00Z', 'iam:AttachGroupPolicy', { groupName: 'developers', policyArn: ADMIN }),
        apiCall(2, alice, '2026-10-11T10:01:00Z', 'iam:AttachRolePolicy', { roleName: 'deploy', policyArn: ADMIN }),
        apiCall(3, alice, '2026-10-11T10:02:00Z', 'iam:PutUserPolicy', { userName: 'carol', policyName: 'break-glass', policyDocument: JSON.stringify(document({ Effect: 'Allow', Action: '*', Resource: '*' })) }),
        apiCall(4, alice, '2026-10-11T10:03:00Z', 'iam:PutRolePolicy', { roleName: 'ops', policyName: 'ops', policyDocument: document([{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }, { Effect: 'Allow', Action: ['*:*'], Resource: ['*'] }]) }),
        apiCall(5, alice, '2026-10-11T10:04:00Z', 'iam:PutGroupPolicy', { groupName: 'ops', policyName: 'all', policyDocument: encodeURIComponent(JSON.stringify(document({ Effect: 'Allow', Action: '*', Resource: '*' }))) }),
        apiCall(6, root, '2026-10-11T10:05:00Z', 'iam:CreateAccessKey', null),
      ],
      findings: [
        { resource: 'arn:aws:iam::210987654321:group/developers', message: /^AdministratorAccess attached to group developers by IAM user alice at 2026-10-11T10:00:00Z/ },
        { resource: 'arn:aws:iam::210987654321:role/deploy', message: /^AdministratorAccess attached to role deploy by IAM user alice/ },
        { resource: 'arn:aws:iam::210987654321:user/carol', message: /^inline policy break-glass allowing "\*" on "\*" put on IAM user carol by IAM user alice/ },
        { resource: 'arn:aws:iam::210987654321:role/ops', message: /^inline policy ops allowing "\*" on "\*" put on role ops by/ },
        { resource: 'arn:aws:iam::210987654321:group/ops', message: /^inline policy all allowing "\*" on "\*" put on group ops by/ },
        {
          resource: 'arn:aws:iam::210987654321:root',
          message: `access key created for the root user of account 210987654321 by root user of account 210987654321 at 2026-10-11T10:05:00Z from 198.51.100.7 in eu-west-1 (event ${eventId(6)})`,
        },
      ],
      metrics: { admin_grants: 6 },
    },
  ],
  vacuous: [{ name: 'no events', records: [], metrics: { admin_grants: 0 } }],
});
