import { defineCheck } from '../../../kit/define-check.js';
import { percentage } from '../../../kit/percentage.js';

export default defineCheck({
  id: 'aws/iam-console-mfa',
  title: 'IAM users with console access have MFA',
  description:
    'Every IAM user with a console password has an MFA device enabled (`password_enabled` and `mfa_active` in the credential report; the root user is left to aws/iam-root-mfa). Covers CIS AWS Foundations 3.0 recommendation 1.10.',
  inputs: { records: 'aws/iam-credential-report' },
  resourceExample: 'arn:aws:iam::123456789012:user/alice',
  metrics: {
    mfa_coverage_pct: 'Percentage of IAM users with a console password who have MFA enabled (omitted when there are none).',
  },
  remediation:
    'Ask each listed user to assign an MFA device (IAM console > Users > Security credentials), and attach a policy that denies actions without `aws:MultiFactorAuthPresent` so a new console user cannot work without MFA. Remove the console password of users who do not need it.',
  criteria: {
    'cis-aws-3': ['1.10'],
    soc2: ['CC6.1'],
    'pci-dss-4': ['8.4.1', '8.4.2'],
    'iso27001-2022': ['A.8.5'],
  },
  run({ inputs: { records } }) {
    const consoleUsers = records.filter((row) => !row.isRoot && row.passwordEnabled === true);
    const withoutMfa = consoleUsers.filter((row) => !row.mfaActive);
    const findings = withoutMfa.map((row) => ({ resource: row.arn, message: `user ${row.user} has console access without MFA` }));
    if (consoleUsers.length === 0) return { examined: 0, findings };
    const mfaCoveragePct = percentage(consoleUsers.length - withoutMfa.length, consoleUsers.length);
    return { examined: consoleUsers.length, findings, metrics: { mfa_coverage_pct: mfaCoveragePct } };
  },
});

