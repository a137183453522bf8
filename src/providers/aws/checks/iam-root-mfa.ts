import { defineCheck } from '../../../kit/define-check.js';
import { accountOfArn } from '../resource-ids.js';

export default defineCheck({
  id: 'aws/iam-root-mfa',
  title: 'Root user has MFA enabled',
  description:
    'The root user of the account has an MFA device enabled, read from the `mfa_active` column of the `<root_account>` row of the credential report. Covers CIS AWS Foundations 3.0 recommendation 1.5.',
  inputs: { records: 'aws/iam-credential-report' },
  resourceExample: 'arn:aws:iam::123456789012:root',
  remediation:
    'Sign in as the root user, open Security credentials and assign an MFA device (a hardware key where possible, CIS 1.6). Keep the device in a safe with a documented break-glass procedure.',
  criteria: {
    'cis-aws-3': ['1.5'],
    soc2: ['CC6.1'],
    'pci-dss-4': ['8.4.1'],
    'iso27001-2022': ['A.8.2', 'A.8.5'],
  },
  run({ inputs: { records } }) {
    const roots = records.filter((row) => row.isRoot);
    return {
      examined: roots.length,
      findings: roots
        .filter((row) => !row.mfaActive)
        .map((row) => ({ resource: row.arn, message: `root user of account ${accountOfArn(row.arn) ?? row.arn} has no MFA device enabled` })),
    };
  },
});
