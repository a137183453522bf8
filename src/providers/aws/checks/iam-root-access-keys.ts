import type { AccessKeySlot } from '../sources/iam-credential-report.js';
import { formatDate } from '../../../core/time.js';
import { defineCheck } from '../../../kit/define-check.js';

export default defineCheck({
  id: 'aws/iam-root-access-keys',
  title: 'Root user has no active access keys',
  description:
    'The root user has no active access key: each active key slot of the `<root_account>` row of the credential report is a finding. Covers CIS AWS Foundations 3.0 recommendation 1.4.',
  inputs: { records: 'aws/iam-credential-report' },
  resourceExample: 'arn:aws:iam::123456789012:root#access_key_1',
  remediation:
    'Find what still uses the key (its last used service and region are in the finding), move that work to an IAM role, then sign in as the root user and delete the key under Security credentials.',
  criteria: {
    'cis-aws-3': ['1.4'],
    soc2: ['CC6.1', 'CC6.3'],
    'pci-dss-4': ['7.2.2', '8.2.2'],
    'iso27001-2022': ['A.8.2', 'A.5.17'],
  },
  run({ inputs: { records } }) {
    const roots = records.filter((row) => row.isRoot);
    return {
      examined: roots.length,
      findings: roots.flatMap((row) =>
        row.accessKeys
          .filter((key) => key.active)
          .map((key) => ({
            resource: `${row.arn}#access_key_${key.slot}`,
            message: `root user has active access key ${key.slot} (${lastUse(key)})`,
          })),
      ),
    };
  },
});

function lastUse(key: AccessKeySlot): string {
  if (!key.lastUsedDate) return 'no recorded use';
  const where = [key.lastUsedService, key.lastUsedRegion].filter((part) => part !== null).join(' in ');
  return `last used ${formatDate(key.lastUsedDate)}${where ? ` for ${where}` : ''}`;
}
