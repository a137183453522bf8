import { z } from 'zod';
import type { IpPermission } from '../sources/ec2-security-groups.js';
import { defineCheck } from '../../../kit/define-check.js';

const params = z.strictObject({
  ports: z
    .array(z.int().min(0).max(65535))
    .min(1)
    .prefault([22, 3389])
    .describe('Remote administration ports that must not be open to the internet (default SSH 22 and RDP 3389).'),
});

/** One way a rule lets the internet in to an administration port. */
interface Exposure {
  cidr: string;
  protocol: string;
  fromPort: number | null;
  toPort: number | null;
  ports: number[];
}

export default defineCheck({
  id: 'aws/ec2-open-admin-ports',
  title: 'No security group opens administration ports to the internet',
  description:
    'No security group allows ingress from the whole internet (`0.0.0.0/0` or `::/0`, any range with prefix length 0) to a remote administration port (`ports`, default 22 and 3389): ' +
    'a TCP rule whose port range includes one, or a rule for every protocol (`-1`). Rules from other security groups, prefix lists or narrower ranges are not findings. ' +
    'Covers CIS AWS Foundations 3.0 recommendations 5.2 (IPv4) and 5.3 (IPv6).',
  inputs: { records: 'aws/ec2-security-groups' },
  params,
  resourceExample: 'arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0123456789abcdef0',
  remediation:
    'Remove the rule (`aws ec2 revoke-security-group-ingress`) and reach instances through AWS Systems Manager Session Manager or a VPN; where SSH or RDP must stay, allow only known address ranges.',
  criteria: {
    'cis-aws-3': ['5.2', '5.3'],
    soc2: ['CC6.6'],
    'pci-dss-4': ['1.3.1', '1.4.2'],
    'iso27001-2022': ['A.8.20', 'A.8.22'],
  },
  run({ inputs: { records }, params: { ports } }) {
    return {
      examined: records.length,
      findings: records.flatMap((group) => {
        const exposures = group.ingress.flatMap((rule) => ruleExposures(rule, ports));
        if (exposures.length === 0) return [];
        return [
          {
            resource: group.arn,
            message: `security group ${group.groupId} (${group.groupName}) in ${group.region} allows ingress from ${exposures.map(describeExposure).join(', ')}`,
            details: { exposures },
          },
        ];
      }),
    };
  },
});

function ruleExposures(rule: IpPermission, ports: readonly number[]): Exposure[] {
  const opened = openedPorts(rule, ports);
  if (opened.length === 0) return [];
  const world = [...rule.ipv4Ranges, ...rule.ipv6Ranges].filter((range) => range.cidr.endsWith('/0'));
  return world.map((range) => ({ cidr: range.cidr, protocol: rule.protocol, fromPort: rule.fromPort, toPort: rule.toPort, ports: opened }));
}

/** The administration ports a rule opens: all of them for protocol -1, those in its range for TCP. */
function openedPorts(rule: IpPermission, ports: readonly number[]): number[] {
  if (rule.protocol === '-1') return [...ports];
  if (rule.protocol !== 'tcp' && rule.protocol !== '6') return [];
  // A TCP rule without a port range admits every port.
  const from = rule.fromPort ?? 0;
  const to = rule.toPort ?? 65535;
  return ports.filter((port) => from <= port && port <= to);
}

function describeExposure(exposure: Exposure): string {
  if (exposure.protocol === '-1') return `${exposure.cidr} to all traffic`;
  if (exposure.fromPort !== null && exposure.fromPort === exposure.toPort) return `${exposure.cidr} to tcp port ${exposure.fromPort}`;
  return `${exposure.cidr} to tcp ports ${exposure.fromPort ?? 0}-${exposure.toPort ?? 65535} (${exposure.ports.join(', ')})`;
}
