import type { KmsKey } from '../sources/kms-keys.js';
import { defineCheck } from '../../../kit/define-check.js';

export default defineCheck({
  id: 'aws/kms-key-rotation',
  title: 'Customer managed KMS keys rotate automatically',
  description:
    'Every enabled, symmetric (`SYMMETRIC_DEFAULT`) customer managed KMS key with KMS-generated key material has automatic rotation enabled (get-key-rotation-status). ' +
    'AWS managed keys (rotated by AWS), asymmetric and HMAC keys, keys with imported or custom-key-store material (which cannot rotate automatically) and disabled or pending-deletion keys are not examined. ' +
    'A key whose rotation status was not exported fails. Covers CIS AWS Foundations 3.0 recommendation 3.6.',
  inputs: { records: 'aws/kms-keys' },
  resourceExample: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  remediation:
    'Run `aws kms enable-key-rotation --key-id KEY_ID --rotation-period-in-days 365` in the key\'s region. Rotation keeps old key material for decryption, so nothing that uses the key breaks.',
  criteria: {
    'cis-aws-3': ['3.6'],
    soc2: ['CC6.1'],
    'pci-dss-4': ['3.7.4'],
    'iso27001-2022': ['A.8.24'],
  },
  run({ inputs: { records } }) {
    const keys = records.filter(canRotate);
    return {
      examined: keys.length,
      findings: keys.flatMap((key) => {
        if (key.rotation?.enabled) return [];
        const problem = key.rotation ? 'has automatic rotation disabled' : 'has no exported rotation status';
        return [{ resource: key.arn, message: `customer managed key ${describeKey(key)} ${problem}` }];
      }),
    };
  },
});

/** The keys KMS can rotate automatically and their owner is expected to. */
function canRotate(key: KmsKey): boolean {
  return key.manager === 'CUSTOMER' && key.state === 'Enabled' && key.keySpec === 'SYMMETRIC_DEFAULT' && (key.origin ?? 'AWS_KMS') === 'AWS_KMS';
}

function describeKey(key: KmsKey): string {
  const about = [key.description ? `"${key.description}"` : null, key.region].filter((part) => part !== null).join(', ');
  return about ? `${key.keyId} (${about})` : key.keyId;
}
