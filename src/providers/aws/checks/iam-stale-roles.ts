import { z } from 'zod';
import type { IamRole } from '../sources/iam-authorization-details.js';
import { daysBetween, formatDate, isOlderThan, type Duration } from '../../../core/time.js';
import { defineCheck, type Finding } from '../../../kit/define-check.js';
import { durationParam } from '../../../kit/params.js';


const params = z.strictObject({
  max_idle: durationParam.prefault('90d').describe('Longest a role may go unused before it should be removed (e.g. 90d, 6mo).'),
});

export default defineCheck({
  id: 'aws/iam-stale-roles',
  title: 'Unused IAM roles are removed',
  description:
    'No IAM role has gone unused for longer than `max_idle`: its `RoleLastUsed` date is older, or it has no recorded use (`RoleLastUsed: {}`) and was created before the window. IAM tracks role use for 400 days, so a role with no recorded use has been idle at least that long or since its creation. Service-linked roles are skipped: AWS manages them.',
  inputs: { records: 'aws/iam-authorization-details' },
  params,
  resourceExample: 'arn:aws:iam::123456789012:role/old-migration',
  remediation:
    'Confirm with the role\'s owner that nothing assumes it any more (check its trust policy and CloudTrail AssumeRole events), then delete it, or remove its permissions first if you want a grace period.',
  criteria: {
    soc2: ['CC6.2', 'CC6.3'],
    'pci-dss-4': ['7.2.5', '8.2.6'],
    'iso27001-2022': ['A.5.18', 'A.8.2'],
  },
  run({ inputs: { records }, params: { max_idle: maxIdle }, asOf }) {
    const roles = records.flatMap((details) => details.roles).filter((role) => !role.serviceLinked);
    return { examined: roles.length, findings: roles.flatMap((role) => staleRole(role, maxIdle, asOf)) };
  },
});

function staleRole(role: IamRole, maxIdle: Duration, asOf: Date): Finding[] {
  const limit = `expected use within ${maxIdle.text}`;
  if (role.lastUsed) {
    if (!isOlderThan(role.lastUsed, maxIdle, asOf)) return [];
    const region = role.lastUsedRegion ? ` in ${role.lastUsedRegion}` : '';
    return [
      {
        resource: role.arn,
        message: `role ${role.name} was last used ${formatDate(role.lastUsed)}${region}, ${daysBetween(role.lastUsed, asOf)} days ago; ${limit}`,
      },
    ];
  }
  if (!isOlderThan(role.createDate, maxIdle, asOf)) return [];
  return [
    {
      resource: role.arn,
      message: `role ${role.name} has no recorded use since it was created ${formatDate(role.createDate)}, ${daysBetween(role.createDate, asOf)} days ago; ${limit}`,
    },
  ];
}
