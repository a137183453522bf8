import { z } from 'zod';
import { pathInCatalog, defineSource, type SourceText } from '../../../kit/define-source.js';
import { arnParts, readAwsDocument, regionInPath, requireRegion, type DocumentForm } from '../lib/export-file.js';

export interface CidrRange {
  cidr: string;
  description: string | null;
}

/** One ingress or egress rule. */
export interface IpPermission {
  /** `tcp`, `udp`, `icmp`, `icmpv6`, a protocol number, or `-1` for every protocol. */
  protocol: string;
  /** null when the rule has no port range (protocol `-1`); for ICMP the type, `-1` meaning all. */
  fromPort: number | null;
  toPort: number | null;
  ipv4Ranges: readonly CidrRange[];
  ipv6Ranges: readonly CidrRange[];
  sourceGroupIds: readonly string[];
  prefixListIds: readonly string[];
}

/** One EC2 security group of `describe-security-groups`, with its region. */
export interface SecurityGroup {
  groupId: string;
  groupName: string;
  description: string | null;
  vpcId: string | null;
  ownerId: string;
  region: string;
  arn: string;
  ingress: readonly IpPermission[];
  egress: readonly IpPermission[];
}

const COMMAND = 'aws ec2 describe-security-groups';
const DESCRIPTION = {
  expected: `the output of ${COMMAND}`,
  hint: `Save \`${COMMAND} --region REGION --output json\` as <region>/ec2-security-groups.json (src/providers/aws/export.sh does).`,
};

const rangeDescription = z.string().optional().transform((text) => text ?? null);

const permissionSchema = z
  .object({
    IpProtocol: z.string(),
    FromPort: z.number().optional(),
    ToPort: z.number().optional(),
    IpRanges: z.array(z.object({ CidrIp: z.string(), Description: rangeDescription })).optional(),
    Ipv6Ranges: z.array(z.object({ CidrIpv6: z.string(), Description: rangeDescription })).optional(),
    UserIdGroupPairs: z.array(z.object({ GroupId: z.string().optional() })).optional(),
    PrefixListIds: z.array(z.object({ PrefixListId: z.string() })).optional(),
  })
  .transform(
    (permission): IpPermission => ({
      protocol: permission.IpProtocol,
      fromPort: permission.FromPort ?? null,
      toPort: permission.ToPort ?? null,
      ipv4Ranges: (permission.IpRanges ?? []).map((range) => ({ cidr: range.CidrIp, description: range.Description })),
      ipv6Ranges: (permission.Ipv6Ranges ?? []).map((range) => ({ cidr: range.CidrIpv6, description: range.Description })),
      sourceGroupIds: (permission.UserIdGroupPairs ?? []).flatMap((pair) => (pair.GroupId ? [pair.GroupId] : [])),
      prefixListIds: (permission.PrefixListIds ?? []).map((list) => list.PrefixListId),
    }),
  );

const groupSchema = z.object({
  GroupId: z.string(),
  GroupName: z.string(),
  Description: z.string().optional(),
  VpcId: z.string().optional(),
  OwnerId: z.string(),
  SecurityGroupArn: z.string().optional(),
  IpPermissions: z.array(permissionSchema).optional(),
  IpPermissionsEgress: z.array(permissionSchema).optional(),
});

const forms: readonly DocumentForm<z.output<typeof groupSchema>[]>[] = [
  { key: 'SecurityGroups', schema: z.object({ SecurityGroups: z.array(groupSchema) }).transform((file) => file.SecurityGroups) },
];

function readFile(source: SourceText): SecurityGroup[] {
  const groups = readAwsDocument(source, forms, DESCRIPTION);
  const pathRegion = regionInPath(pathInCatalog(source));
  return groups.map((group) => {
    // Newer CLIs print the group's ARN, which names the region; older ones leave the file's folder to say it.
    const region = (group.SecurityGroupArn ? arnParts(group.SecurityGroupArn).region : null) ?? pathRegion ?? requireRegion(source, COMMAND);
    return {
      groupId: group.GroupId,
      groupName: group.GroupName,
      description: group.Description || null,
      vpcId: group.VpcId ?? null,
      ownerId: group.OwnerId,
      region,
      arn: group.SecurityGroupArn ?? `arn:aws:ec2:${region}:${group.OwnerId}:security-group/${group.GroupId}`,
      ingress: group.IpPermissions ?? [],
      egress: group.IpPermissionsEgress ?? [],
    };
  });
}

export default defineSource({
  type: 'aws/ec2-security-groups',
  kind: 'batch',
  description:
    `EC2 security groups with their ingress and egress rules; one record per group. Reads the output of ${COMMAND} (CLI v1 or v2) saved per region ` +
    'in a folder named after the region (<region>/ec2-security-groups.json, as src/providers/aws/export.sh writes it), unless the output names each group\'s SecurityGroupArn.',
  read: (files) => files.flatMap(readFile),
});

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'aws/ec2-security-groups': SecurityGroup;
  }
}
