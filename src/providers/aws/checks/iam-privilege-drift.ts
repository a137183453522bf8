import { z } from 'zod';
import { defineCheck } from '../../../kit/define-check.js';
import { adminDetails, describeAdmin, findAdminPrincipals, principalMatcher, reviewablePrincipals } from '../lib/admin-access.js';

const params = z.strictObject({
  baseline: z
    .array(z.string().min(1), { error: 'Expected `baseline`: the list of principals the last access review approved as administrators (names or ARNs)' })
    .describe('Principals the last access review approved to hold administrator access: names or ARNs, globs allowed. `[]` means nobody.'),
});

export default defineCheck({
  id: 'aws/iam-privilege-drift',
  title: 'Administrator access matches the approved baseline',
  description:
    'Compares who holds administrator access today with the `baseline` the last access review approved: every IAM user, group or role with administrator access (exactly as aws/iam-admin-principals defines it: Allow `*` on `*` directly, inline or through a group, unless an unconditional Deny of `*` on `*` or a permissions boundary takes it away) that the baseline does not name is drift the review missed. A baseline entry for a group does not cover users later added to it. Service-linked roles are skipped.',
  inputs: { records: 'aws/iam-authorization-details' },
  params,
  metrics: {
    drifted_principals: 'Principals with administrator access that the baseline does not name.',
  },
  remediation:
    'For each principal, find the change that granted administrator access (CloudTrail AttachUserPolicy, PutUserPolicy, AddUserToGroup, ...). Revoke it, or have the access owner approve it and add the principal to the baseline with the next review.',
  criteria: {
    soc2: ['CC6.2', 'CC6.3'],
    'pci-dss-4': ['7.2.2', '7.2.4'],
    'iso27001-2022': ['A.5.18', 'A.8.2'],
  },
  run({ inputs: { records }, params: { baseline } }) {
    const inBaseline = principalMatcher(baseline);
    const drifted = records.flatMap(findAdminPrincipals).filter((admin) => !inBaseline(admin.principal));
    return {
      examined: records.reduce((count, details) => count + reviewablePrincipals(details).length, 0),
      findings: drifted.map((admin) => ({
        resource: admin.principal.arn,
        message: `${describeAdmin(admin)} but is not in the approved baseline`,
        details: adminDetails(admin),
      })),
      metrics: { drifted_principals: drifted.length },
    };
  },
});
