import check from '../../../../src/providers/aws/checks/iam-user-direct-policies.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { ADMINISTRATOR_ACCESS, ALLOW_ALL, READ_ONLY_ACCESS, details, fixtureDetails, group, role, user } from './authorization-details.js';

const THROUGH_GROUPS = 'expected permissions only through groups';

new CheckTester(check).run({
  pass: [
    {
      name: 'users get permissions from groups; policies on groups and roles are fine',
      records: [
        details({
          users: [user('alice', { groupNames: ['admins'] }), user('carol', { groupNames: ['readers'] }), user('new-hire')],
          groups: [group('admins', { attachedPolicies: [ADMINISTRATOR_ACCESS] }), group('readers', { inlinePolicies: [{ name: 'read', document: ALLOW_ALL }] })],
          roles: [role('deploy', { attachedPolicies: [ADMINISTRATOR_ACCESS] })],
        }),
      ],
      examined: 3,
    },
  ],
  fail: [
    {
      name: 'the example account: bob (attached), legacy-etl (inline), svc-backup (attached)',
      records: [fixtureDetails('aws/iam-authorization-details.json')],
      examined: 8,
      findings: [
        { resource: 'arn:aws:iam::210987654321:user/bob', message: `user bob has 1 policy directly (AdministratorAccess attached); ${THROUGH_GROUPS}` },
        { resource: 'arn:aws:iam::210987654321:user/legacy-etl', message: `user legacy-etl has 1 policy directly (inline etl-s3-read); ${THROUGH_GROUPS}` },
        { resource: 'arn:aws:iam::210987654321:user/svc-backup', message: `user svc-backup has 1 policy directly (AWSBackupOperatorAccess attached); ${THROUGH_GROUPS}` },
      ],
    },
    {
      name: 'several direct policies on one user, across two exports',
      records: [
        details({ users: [user('dana', { groupNames: ['readers'], attachedPolicies: [READ_ONLY_ACCESS, ADMINISTRATOR_ACCESS], inlinePolicies: [{ name: 'temp', document: ALLOW_ALL }] })] }),
        details({ users: [user('erin')] }),
      ],
      examined: 2,
      findings: [
        {
          resource: 'arn:aws:iam::210987654321:user/dana',
          message: `user dana has 3 policies directly (ReadOnlyAccess attached, AdministratorAccess attached, inline temp); ${THROUGH_GROUPS}`,
        },
      ],
    },
  ],
  vacuous: [
    { name: 'no export', records: [] },
    { name: 'an export without users', records: [details({ roles: [role('deploy')] })] },
  ],
});
