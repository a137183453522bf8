import { z } from 'zod';
import { defineCheck } from '../../../kit/define-check.js';
import { adminDetails, describeAdmin, findAdminPrincipals, principalMatcher, reviewablePrincipals } from '../lib/admin-access.js';

const params = z.strictObject({
  allow: z
    .array(z.string().min(1))
    .prefault([])
    .describe('Approved break-glass principals: names or ARNs, globs allowed (e.g. `break-glass-*`, `arn:aws:iam::*:role/emergency`).'),
});

export default defineCheck({
  id: 'aws/iam-admin-principals',
  title: 'Only approved principals have administrator access',
  description:
    'Lists every IAM user, group and role with administrator access. A principal has it when a policy it holds allows Action `*` (or `*:*`) on Resource `*` (`AdministratorAccess` is one), attached or inline, on the principal itself or (for users) through a group; customer-managed policies count by their default version, and `NotAction` statements never count. It does not have it when an explicit deny takes it away: a policy it holds (itself or through a group) with a Deny of `*` on `*` and no condition, or a permissions boundary whose document does not allow `*` on `*` or denies it outright. A boundary the export does not hold is not assumed to limit anything. Service control policies and session policies are not in the export and are not considered. Principals matched by `allow` are approved; every other one is a finding. Approving a group does not approve its members: each member is its own principal. Service-linked roles are skipped. Covers CIS AWS Foundations 3.0 recommendation 1.16.',
  inputs: { records: 'aws/iam-authorization-details' },
  params,
  metrics: {
    admin_principals: 'Users, groups and roles with administrator access, approved ones included.',
  },
  remediation:
    'Replace AdministratorAccess and `*`-on-`*` statements with policies scoped to the job, granted through groups or roles. If a principal really needs full access for emergencies, add it to `allow` with a reference to its approval, and protect it with MFA and alerting.',
  criteria: {
    'cis-aws-3': ['1.16'],
    soc2: ['CC6.1', 'CC6.3'],
    'pci-dss-4': ['7.2.1', '7.2.2'],
    'iso27001-2022': ['A.5.15', 'A.8.2'],
  },
  run({ inputs: { records }, params: { allow } }) {
    const isApproved = principalMatcher(allow);
    const admins = records.flatMap(findAdminPrincipals);
    return {
      examined: records.reduce((count, details) => count + reviewablePrincipals(details).length, 0),
      findings: admins
        .filter((admin) => !isApproved(admin.principal))
        .map((admin) => ({
          resource: admin.principal.arn,
          message: `${describeAdmin(admin)} and is not an approved break-glass principal`,
          details: adminDetails(admin),
        })),
      metrics: { admin_principals: admins.length },
    };
  },
});
