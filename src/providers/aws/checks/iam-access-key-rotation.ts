import { z } from 'zod';
import type { CredentialReportRow } from '../sources/iam-credential-report.js';
import { daysBetween, isOlderThan } from '../../../core/time.js';
import { defineCheck } from '../../../kit/define-check.js';
import { durationParam } from '../../../kit/params.js';


const params = z.strictObject({
  max_age: durationParam.prefault('90d').describe('Oldest an active access key may be, counted from its last rotation (e.g. 90d, 12w, 3mo).'),
});

export default defineCheck({
  id: 'aws/iam-access-key-rotation',
  title: 'Active access keys are rotated',
  description:
    'Every active access key, of IAM users and the root user alike, was created or rotated within `max_age` of as-of (`access_key_N_last_rotated` in the credential report). Covers CIS AWS Foundations 3.0 recommendation 1.14.',
  inputs: { records: 'aws/iam-credential-report' },
  resourceExample: 'arn:aws:iam::123456789012:user/alice#access_key_1',
  params,
  remediation:
    'Create a second key for the user, move every consumer to it, deactivate the old key, watch that nothing fails, then delete it. Better: replace long-lived keys with IAM roles or IAM Identity Center short-term credentials.',
  criteria: {
    'cis-aws-3': ['1.14'],
    soc2: ['CC6.1'],
    'pci-dss-4': ['8.3.9', '8.6.3'],
    'iso27001-2022': ['A.5.17'],
  },
  run({ inputs: { records }, params: { max_age: maxAge }, asOf }) {
    const activeKeys = records.flatMap((row) => row.accessKeys.filter((key) => key.active).map((key) => ({ row, key })));
    const findings = activeKeys.flatMap(({ row, key }) => {
      const resource = `${row.arn}#access_key_${key.slot}`;
      const owner = `access key ${key.slot} of ${subjectOf(row)}`;
      // An active key always has a rotation date in a real report; without one its age is unknown, which must not pass.
      if (!key.lastRotated) return [{ resource, message: `${owner} has no last-rotated date in the report (max ${maxAge.text})` }];
      if (!isOlderThan(key.lastRotated, maxAge, asOf)) return [];
      return [{ resource, message: `${owner} is ${daysBetween(key.lastRotated, asOf)} days old (max ${maxAge.text})` }];
    });
    return { examined: activeKeys.length, findings };
  },
});

function subjectOf(row: CredentialReportRow): string {
  return row.isRoot ? 'the root user' : `user ${row.user}`;
}
