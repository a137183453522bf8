import { describe, expect, it } from 'vitest';
import adapter from '../../../../src/providers/aws/sources/ec2-security-groups.js';
import { displayOf, fixtures, userErrorOf } from './export-fixtures.js';

describe('aws/ec2-security-groups', () => {
  it('reads the CLI v2 export of two regions: one record per group, rules normalised', async () => {
    const groups = adapter.read(await fixtures('aws/210987654321/eu-west-1/ec2-security-groups.json', 'aws/210987654321/us-east-1/ec2-security-groups.json'));
    expect(groups.map((group) => [group.groupId, group.groupName, group.region])).toEqual([
      ['sg-0a1b2c3d4e5f60718', 'bastion', 'eu-west-1'],
      ['sg-0f1e2d3c4b5a69788', 'web-alb', 'eu-west-1'],
      ['sg-03c5e7a9b1d2f4608', 'default', 'eu-west-1'],
      ['sg-0d2e4f6a8b0c1e3f5', 'windows-jump', 'us-east-1'],
      ['sg-07a6b5c4d3e2f1a09', 'internal-ssh', 'us-east-1'],
      ['sg-0e9d8c7b6a5f4e3d2', 'default', 'us-east-1'],
    ]);
    expect(groups[0]).toEqual({
      groupId: 'sg-0a1b2c3d4e5f60718',
      groupName: 'bastion',
      description: 'SSH bastion',
      vpcId: 'vpc-0c4f1e2a3b5d6e7f8',
      ownerId: '210987654321',
      region: 'eu-west-1',
      arn: 'arn:aws:ec2:eu-west-1:210987654321:security-group/sg-0a1b2c3d4e5f60718',
      ingress: [
        {
          protocol: 'tcp',
          fromPort: 22,
          toPort: 22,
          ipv4Ranges: [{ cidr: '0.0.0.0/0', description: 'temporary: vendor access' }],
          ipv6Ranges: [],
          sourceGroupIds: [],
          prefixListIds: [],
        },
      ],
      egress: [{ protocol: '-1', fromPort: null, toPort: null, ipv4Ranges: [{ cidr: '0.0.0.0/0', description: null }], ipv6Ranges: [], sourceGroupIds: [], prefixListIds: [] }],
    });
    expect(groups[3]?.ingress[0]?.ipv6Ranges).toEqual([{ cidr: '::/0', description: null }]);
    expect(groups[2]?.ingress[0]?.sourceGroupIds).toEqual(['sg-03c5e7a9b1d2f4608']);
  });

  it('reads the CLI v1 export, which has no SecurityGroupArn: region from the folder, ARN built from it', async () => {
    const groups = adapter.read(await fixtures('aws/v1/210987654321/eu-west-1/ec2-security-groups.json'));
    expect(groups.map((group) => group.arn)).toEqual([
      'arn:aws:ec2:eu-west-1:210987654321:security-group/sg-0a1b2c3d4e5f60718',
      'arn:aws:ec2:eu-west-1:210987654321:security-group/sg-03c5e7a9b1d2f4608',
    ]);
  });

  it('refuses a file whose region neither its path nor its JSON names', () => {
    const text = '{"SecurityGroups": [{"GroupId": "sg-1", "GroupName": "a", "OwnerId": "210987654321", "IpPermissions": []}]}';
    const error = userErrorOf(adapter, [{ display: 'exports/security-groups.json', text }]);
    expect(error.located).toBe(
      'exports/security-groups.json: Cannot tell which region this export is from: the output of aws ec2 describe-security-groups does not name it',
    );
  });

  it('reports a value of the wrong type at its line and column', async () => {
    const error = userErrorOf(adapter, await fixtures('aws/bad/ec2-security-groups.json'));
    expect(error.located).toBe(`${displayOf('aws/bad/ec2-security-groups.json')}:13:33: SecurityGroups[0].IpPermissions[0].FromPort: expected number, found "22"`);
  });

  it('refuses an empty file', async () => {
    expect(userErrorOf(adapter, await fixtures('aws/bad/ec2-security-groups-empty.json')).located).toBe(
      `${displayOf('aws/bad/ec2-security-groups-empty.json')}:1:1: File is empty: expected the output of aws ec2 describe-security-groups`,
    );
  });
});
