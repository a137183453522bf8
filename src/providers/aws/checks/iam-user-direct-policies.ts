import type { IamUser } from '../sources/iam-authorization-details.js';
import { defineCheck } from '../../../kit/define-check.js';

export default defineCheck({
  id: 'aws/iam-user-direct-policies',
  title: 'IAM users get permissions only through groups',
  description:
    'No IAM user has an inline policy or a managed policy attached directly: permissions come through groups (or roles), so they are granted, reviewed and revoked per job, not per person. Covers CIS AWS Foundations 3.0 recommendation 1.15.',
  inputs: { records: 'aws/iam-authorization-details' },
  resourceExample: 'arn:aws:iam::123456789012:user/bob',
  remediation:
    'Move each listed policy to a group that matches the user\'s job (or have the workload assume a role), add the user to that group, then detach the managed policies and delete the inline ones from the user.',
  criteria: {
    'cis-aws-3': ['1.15'],
    soc2: ['CC6.3'],
    'pci-dss-4': ['7.2.1', '7.2.2'],
    'iso27001-2022': ['A.5.15', 'A.5.18'],
  },
  run({ inputs: { records } }) {
    const users = records.flatMap((details) => details.users);
    return {
      examined: users.length,
      findings: users.flatMap((user) => {
        const direct = directPolicies(user);
        if (direct.length === 0) return [];
        const count = direct.length === 1 ? '1 policy' : `${direct.length} policies`;
        return [{ resource: user.arn, message: `user ${user.name} has ${count} directly (${direct.join(', ')}); expected permissions only through groups` }];
      }),
    };
  },
});

function directPolicies(user: IamUser): string[] {
  return [
    ...user.attachedPolicies.map((policy) => `${policy.name} attached`),
    ...user.inlinePolicies.map((policy) => `inline ${policy.name}`),
  ];
}
