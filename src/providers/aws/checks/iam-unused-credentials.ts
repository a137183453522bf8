import { z } from 'zod';
import type { AccessKeySlot, CredentialReportRow } from '../sources/iam-credential-report.js';
import { daysBetween, isOlderThan, type Duration } from '../../../core/time.js';
import { defineCheck, type Finding } from '../../../kit/define-check.js';
import { durationParam } from '../../../kit/params.js';


const params = z.strictObject({
  max_idle: durationParam.prefault('45d').describe('Longest a console password or active access key may go unused (e.g. 45d, 6w, 3mo).'),
});

export default defineCheck({
  id: 'aws/iam-unused-credentials',
  title: 'Unused IAM credentials are disabled',
  description:
    'No IAM user has a console password or an active access key left unused for longer than `max_idle`. A password never used counts from the user\'s creation, a key never used from its last rotation, so a brand-new user is not a finding. The root user is left to aws/iam-root-mfa and aws/iam-root-access-keys. Covers CIS AWS Foundations 3.0 recommendation 1.12.',
  inputs: { records: 'aws/iam-credential-report' },
  resourceExample: 'arn:aws:iam::123456789012:user/alice#password',
  params,
  remediation:
    'Remove the console password (IAM > Users > Security credentials > Manage console access) or deactivate the access key of each listed credential, after confirming with its owner that nothing depends on it. Delete users who no longer need any access.',
  criteria: {
    'cis-aws-3': ['1.12'],
    soc2: ['CC6.2', 'CC6.3'],
    'pci-dss-4': ['8.2.6'],
    'iso27001-2022': ['A.5.16', 'A.5.18'],
  },
  run({ inputs: { records }, params: { max_idle: maxIdle }, asOf }) {
    let examined = 0;
    const findings: Finding[] = [];
    for (const row of records.filter((candidate) => !candidate.isRoot)) {
      if (row.passwordEnabled === true) {
        examined += 1;
        findings.push(...idlePassword(row, maxIdle, asOf));
      }
      for (const key of row.accessKeys.filter((slot) => slot.active)) {
        examined += 1;
        findings.push(...idleKey(row, key, maxIdle, asOf));
      }
    }
    return { examined, findings };
  },
});

function idlePassword(row: CredentialReportRow, maxIdle: Duration, asOf: Date): Finding[] {
  const resource = `${row.arn}#password`;
  const limit = `(max ${maxIdle.text})`;
  if (row.passwordLastUsed) {
    if (!isOlderThan(row.passwordLastUsed, maxIdle, asOf)) return [];
    const days = daysBetween(row.passwordLastUsed, asOf);
    return [{ resource, message: `user ${row.user} has not signed in to the console for ${days} days ${limit}` }];
  }
  // `no_information`: never used (or not since tracking began), so the password has been idle since the user exists.
  if (row.userCreationTime && !isOlderThan(row.userCreationTime, maxIdle, asOf)) return [];
  const since = row.userCreationTime ? `, created ${daysBetween(row.userCreationTime, asOf)} days ago` : '';
  return [{ resource, message: `user ${row.user} has a console password with no recorded sign-in${since} ${limit}` }];
}

function idleKey(row: CredentialReportRow, key: AccessKeySlot, maxIdle: Duration, asOf: Date): Finding[] {
  const resource = `${row.arn}#access_key_${key.slot}`;
  const owner = `access key ${key.slot} of user ${row.user}`;
  const limit = `(max ${maxIdle.text})`;
  if (key.lastUsedDate) {
    if (!isOlderThan(key.lastUsedDate, maxIdle, asOf)) return [];
    return [{ resource, message: `${owner} was last used ${daysBetween(key.lastUsedDate, asOf)} days ago ${limit}` }];
  }
  if (key.lastRotated && !isOlderThan(key.lastRotated, maxIdle, asOf)) return [];
  const since = key.lastRotated ? `, rotated ${daysBetween(key.lastRotated, asOf)} days ago` : '';
  return [{ resource, message: `${owner} has no recorded use${since} ${limit}` }];
}
