import check from '../../../../src/providers/aws/checks/ec2-open-admin-ports.js';
import securityGroups, { type IpPermission, type SecurityGroup } from '../../../../src/providers/aws/sources/ec2-security-groups.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { recordsOf } from './export-records.js';

function rule(protocol: string, fromPort: number | null, toPort: number | null, cidrs: readonly string[]): IpPermission {
  return {
    protocol,
    fromPort,
    toPort,
    ipv4Ranges: cidrs.filter((cidr) => !cidr.includes(':')).map((cidr) => ({ cidr, description: null })),
    ipv6Ranges: cidrs.filter((cidr) => cidr.includes(':')).map((cidr) => ({ cidr, description: null })),
    sourceGroupIds: [],
    prefixListIds: [],
  };
}

function group(groupId: string, groupName: string, ingress: readonly IpPermission[]): SecurityGroup {
  return {
    groupId,
    groupName,
    description: null,
    vpcId: 'vpc-0c4f1e2a3b5d6e7f8',
    ownerId: '210987654321',
    region: 'eu-west-1',
    arn: `arn:aws:ec2:eu-west-1:210987654321:security-group/${groupId}`,
    ingress,
    egress: [rule('-1', null, null, ['0.0.0.0/0'])],
  };
}

const selfReference = group('sg-default', 'default', [{ ...rule('-1', null, null, []), sourceGroupIds: ['sg-default'] }]);
const demo = recordsOf(securityGroups, 'aws/210987654321/eu-west-1/ec2-security-groups.json', 'aws/210987654321/us-east-1/ec2-security-groups.json');

new CheckTester(check).run({
  pass: [
    {
      name: 'HTTPS to the world, SSH from a private range, all traffic from the group itself, world egress',
      records: [group('sg-web', 'web', [rule('tcp', 443, 443, ['0.0.0.0/0', '::/0'])]), group('sg-ssh', 'ssh', [rule('tcp', 22, 22, ['10.0.0.0/8'])]), selfReference],
      examined: 3,
    },
    { name: 'UDP and ICMP rules are not administration access', records: [group('sg-dns', 'dns', [rule('udp', 0, 65535, ['0.0.0.0/0']), rule('icmp', -1, -1, ['0.0.0.0/0'])])], examined: 1 },
    { name: 'a port outside the list when ports are set', records: [group('sg-ssh', 'ssh', [rule('tcp', 22, 22, ['0.0.0.0/0'])])], params: { ports: [3389] }, examined: 1 },
  ],
  fail: [
    {
      name: 'the demo export: SSH to 0.0.0.0/0 in eu-west-1, RDP to ::/0 in us-east-1',
      records: demo,
      examined: 6,
      findings: [
        {
          resource: 'arn:aws:ec2:eu-west-1:210987654321:security-group/sg-0a1b2c3d4e5f60718',
          message: 'security group sg-0a1b2c3d4e5f60718 (bastion) in eu-west-1 allows ingress from 0.0.0.0/0 to tcp port 22',
          details: { exposures: [{ cidr: '0.0.0.0/0', protocol: 'tcp', fromPort: 22, toPort: 22, ports: [22] }] },
        },
        {
          resource: 'arn:aws:ec2:us-east-1:210987654321:security-group/sg-0d2e4f6a8b0c1e3f5',
          message: 'security group sg-0d2e4f6a8b0c1e3f5 (windows-jump) in us-east-1 allows ingress from ::/0 to tcp port 3389',
        },
      ],
    },
    {
      name: 'all traffic, a wide TCP range, protocol number 6 and a TCP rule without ports',
      records: [
        group('sg-all', 'all', [rule('-1', null, null, ['::/0'])]),
        group('sg-range', 'range', [rule('tcp', 0, 1024, ['0.0.0.0/0']), rule('6', 3000, 4000, ['0.0.0.0/0'])]),
        group('sg-noports', 'noports', [rule('tcp', null, null, ['0.0.0.0/0'])]),
      ],
      examined: 3,
      findings: [
        { resource: 'arn:aws:ec2:eu-west-1:210987654321:security-group/sg-all', message: 'security group sg-all (all) in eu-west-1 allows ingress from ::/0 to all traffic' },
        {
          resource: 'arn:aws:ec2:eu-west-1:210987654321:security-group/sg-range',
          message: 'security group sg-range (range) in eu-west-1 allows ingress from 0.0.0.0/0 to tcp ports 0-1024 (22), 0.0.0.0/0 to tcp ports 3000-4000 (3389)',
        },
        {
          resource: 'arn:aws:ec2:eu-west-1:210987654321:security-group/sg-noports',
          message: 'security group sg-noports (noports) in eu-west-1 allows ingress from 0.0.0.0/0 to tcp ports 0-65535 (22, 3389)',
        },
      ],
    },
  ],
  vacuous: [{ name: 'no security groups', records: [] }],
});
