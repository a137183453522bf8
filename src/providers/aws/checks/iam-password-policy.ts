import { z } from 'zod';
import type { PasswordPolicy } from '../sources/iam-password-policy.js';
import { defineCheck } from '../../../kit/define-check.js';

const params = z.strictObject({
  min_length: z.int().min(6).max(128).prefault(14).describe('Shortest password the policy may allow (IAM accepts 6 to 128).'),
  reuse_prevention: z.int().min(1).max(24).prefault(24).describe('How many previous passwords the policy must remember (IAM accepts 1 to 24).'),
});

export default defineCheck({
  id: 'aws/iam-password-policy',
  title: 'Account password policy enforces length and prevents reuse',
  description:
    'The account password policy requires passwords of at least `min_length` characters and remembers at least `reuse_prevention` previous passwords. An account without a password policy (IAM answers NoSuchEntity) fails. Covers CIS AWS Foundations 3.0 recommendations 1.8 and 1.9.',
  inputs: { records: 'aws/iam-password-policy' },
  params,
  remediation:
    'Set the policy, e.g. `aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24` plus the complexity flags your standard requires (the call replaces the whole policy, so pass every setting you want to keep).',
  criteria: {
    'cis-aws-3': ['1.8', '1.9'],
    soc2: ['CC6.1'],
    'pci-dss-4': ['8.3.6', '8.3.7'],
    'iso27001-2022': ['A.5.17'],
  },
  run({ inputs: { records }, params: { min_length: minLength, reuse_prevention: reusePrevention } }) {
    const expected = `expected a minimum length of at least ${minLength} and reuse prevention of at least ${reusePrevention}`;
    return {
      examined: records.length,
      findings: records.flatMap((record) => {
        const resource = record.accountId === null ? record.file : `arn:aws:iam::${record.accountId}:root`;
        if (!record.policy) return [{ resource, message: `account has no password policy (${expected})` }];
        const problems = policyProblems(record.policy, minLength, reusePrevention);
        if (problems.length === 0) return [];
        return [{ resource, message: `account password policy ${problems.join('; ')}` }];
      }),
    };
  },
});

function policyProblems(policy: PasswordPolicy, minLength: number, reusePrevention: number): string[] {
  const problems: string[] = [];
  if (policy.minimumPasswordLength === null || policy.minimumPasswordLength < minLength) {
    problems.push(`allows passwords of ${policy.minimumPasswordLength ?? 'any'} characters, expected at least ${minLength}`);
  }
  if (policy.passwordReusePrevention === null) {
    problems.push(`does not prevent password reuse, expected it to remember ${reusePrevention} passwords`);
  } else if (policy.passwordReusePrevention < reusePrevention) {
    problems.push(`remembers ${policy.passwordReusePrevention} previous passwords, expected at least ${reusePrevention}`);
  }
  return problems;
}
