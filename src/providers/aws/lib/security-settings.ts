// The security settings a CloudTrail call changes, each with the state it leaves: what aws/ct-security-change-failures
// pairs into changes and their reverts.
import type { CloudTrailRecord } from '../sources/cloudtrail-logs.js';
import { accountOf, partitionOf, stringParameter } from './cloudtrail-event-findings.js';
import { parsePolicyDocument, PolicyDocumentError } from './aws-values.js';

/** A setting's state when the call leaves none of it (a rule revoked, a policy deleted or detached). */
export const ABSENT = 'absent';
export const PRESENT = 'present';

/** One setting one call changed. */
export interface SettingChange {
  /** What is set, unique across kinds: `s3-policy:arn:aws:s3:::logs`. */
  setting: string;
  /** The finding's resource: the policy, principal, group, bucket or key. */
  resource: string;
  /** `inline policy deploy of role ci`. */
  label: string;
  /** The state the call leaves: a document's canonical text, `present` or `absent`, a version. */
  after: string;
  /** The state the call implies before it (a rule is authorised only where absent); null: as the log last showed it. */
  before: string | null;
  /** A default policy version set back after `CreatePolicyVersion` made a new one the default: an earlier version restored. */
  restoresEarlierVersion?: true;
}

const IAM_PRINCIPALS = [
  ['User', 'userName', 'IAM user'],
  ['Group', 'groupName', 'group'],
  ['Role', 'roleName', 'role'],
] as const;

/** The call names that change a setting, for the stream visitor's `visits`. */
export const SETTING_CALLS: readonly string[] = [
  ...IAM_PRINCIPALS.flatMap(([kind]) => [`Put${kind}Policy`, `Delete${kind}Policy`, `Attach${kind}Policy`, `Detach${kind}Policy`]),
  'CreatePolicyVersion',
  'SetDefaultPolicyVersion',
  'AuthorizeSecurityGroupIngress',
  'AuthorizeSecurityGroupEgress',
  'RevokeSecurityGroupIngress',
  'RevokeSecurityGroupEgress',
  'UpdatePolicy',
  'AttachPolicy',
  'DetachPolicy',
  'PutBucketPolicy',
  'DeleteBucketPolicy',
  'PutKeyPolicy',
];

/** JSON text with keys sorted at every level: two documents that differ only in key order are one state. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A policy document's state, the same whatever its encoding in the log (string, URL-encoded, object) or key order. */
function documentState(document: unknown): string {
  try {
    return `document:${canonicalJson(parsePolicyDocument(document))}`;
  } catch (error) {
    if (!(error instanceof PolicyDocumentError)) throw error;
    return `text:${canonicalJson(document)}`;
  }
}

function iamPrincipal(record: CloudTrailRecord, kind: (typeof IAM_PRINCIPALS)[number]): { arn: string; label: string } | undefined {
  const [, parameter, label] = kind;
  const name = stringParameter(record, parameter);
  if (name === null) return undefined;
  return { arn: `arn:${partitionOf(record)}:iam::${accountOf(record)}:${kind[0].toLowerCase()}/${name}`, label: `${label} ${name}` };
}

function iamChanges(record: CloudTrailRecord): SettingChange[] {
  for (const kind of IAM_PRINCIPALS) {
    const name = record.eventName.replace(kind[0], '');
    if (name === record.eventName) continue;
    const principal = iamPrincipal(record, kind);
    if (principal === undefined) return [];
    if (name === 'PutPolicy' || name === 'DeletePolicy') {
      const policy = stringParameter(record, 'policyName') ?? '(unnamed)';
      const after = name === 'PutPolicy' ? documentState(record.requestParameters?.policyDocument) : ABSENT;
      return [{ setting: `iam-inline:${principal.arn}:${policy}`, resource: principal.arn, label: `inline policy ${policy} of ${principal.label}`, after, before: null }];
    }
    if (name === 'AttachPolicy' || name === 'DetachPolicy') {
      const policy = stringParameter(record, 'policyArn');
      if (policy === null) return [];
      const attach = name === 'AttachPolicy';
      return [{ setting: `iam-attach:${principal.arn}:${policy}`, resource: principal.arn, label: `managed policy ${policy} on ${principal.label}`, after: attach ? PRESENT : ABSENT, before: attach ? ABSENT : PRESENT }];
    }
  }
  const policy = stringParameter(record, 'policyArn');
  if (policy === null) return [];
  const setting = `iam-default-version:${policy}`;
  if (record.eventName === 'CreatePolicyVersion') {
    // Only a version made the default changes what the policy allows.
    if (record.requestParameters?.setAsDefault !== true) return [];
    return [{ setting, resource: policy, label: `default version of ${policy}`, after: `created:${record.eventID}`, before: null }];
  }
  const version = stringParameter(record, 'versionId');
  if (record.eventName !== 'SetDefaultPolicyVersion' || version === null) return [];
  return [{ setting, resource: policy, label: `default version of ${policy}`, after: `version:${version}`, before: null, restoresEarlierVersion: true }];
}

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The `items` of a CloudTrail list (`{"items": [...]}`), objects only. */
function items(value: unknown): JsonObject[] {
  return isObject(value) && Array.isArray(value.items) ? value.items.filter(isObject) : [];
}

/** Each peer one permission of a security group call names: `0.0.0.0/0`, `::/0`, `sg-…`, `pl-…`. */
function peersOf(permission: JsonObject): string[] {
  const fields = [
    ['ipRanges', 'cidrIp'],
    ['ipv6Ranges', 'cidrIpv6'],
    ['groups', 'groupId'],
    ['prefixListIds', 'prefixListId'],
  ] as const;
  return fields.flatMap(([list, field]) => items(permission[list]).flatMap((item) => (typeof item[field] === 'string' ? [item[field]] : [])));
}

function portsOf(permission: JsonObject): string {
  const from = permission.fromPort;
  const to = permission.toPort;
  if (typeof from !== 'number') return 'all ports';
  return from === to || typeof to !== 'number' ? `port ${from}` : `ports ${from}-${to}`;
}

/** One setting per rule (protocol, ports, peer) of an authorise or revoke call; rules revoked by id cannot be paired. */
function securityGroupChanges(record: CloudTrailRecord): SettingChange[] {
  const match = /^(Authorize|Revoke)SecurityGroup(Ingress|Egress)$/.exec(record.eventName);
  const group = stringParameter(record, 'groupId');
  if (!match || group === null) return [];
  const authorize = match[1] === 'Authorize';
  const direction = match[2] === 'Ingress' ? 'ingress' : 'egress';
  const resource = `arn:${partitionOf(record)}:ec2:${record.awsRegion}:${accountOf(record)}:security-group/${group}`;
  return items(record.requestParameters?.ipPermissions).flatMap((permission) => {
    const protocol = typeof permission.ipProtocol === 'string' ? permission.ipProtocol : String(permission.ipProtocol ?? '-1');
    const ports = portsOf(permission);
    return peersOf(permission).map((peer) => ({
      setting: `sg:${resource}:${direction}:${protocol}:${ports}:${peer}`,
      resource,
      label: `${direction} rule ${protocol === '-1' ? 'all traffic' : `${protocol} ${ports}`} ${direction === 'ingress' ? 'from' : 'to'} ${peer} of security group ${group}`,
      after: authorize ? PRESENT : ABSENT,
      before: authorize ? ABSENT : PRESENT,
    }));
  });
}

function organizationsChanges(record: CloudTrailRecord): SettingChange[] {
  const policy = stringParameter(record, 'policyId');
  if (policy === null) return [];
  if (record.eventName === 'UpdatePolicy') {
    // A rename or a new description leaves what the policy allows as it was.
    const content = record.requestParameters?.content;
    if (content === undefined || content === null) return [];
    return [{ setting: `org-policy:${policy}`, resource: policy, label: `organization policy ${policy}`, after: documentState(content), before: null }];
  }
  const target = stringParameter(record, 'targetId');
  if (target === null) return [];
  const attach = record.eventName === 'AttachPolicy';
  return [{ setting: `org-attach:${policy}:${target}`, resource: policy, label: `organization policy ${policy} on ${target}`, after: attach ? PRESENT : ABSENT, before: attach ? ABSENT : PRESENT }];
}

function bucketPolicyChanges(record: CloudTrailRecord): SettingChange[] {
  const bucket = stringParameter(record, 'bucketName');
  if (bucket === null) return [];
  const resource = `arn:${partitionOf(record)}:s3:::${bucket}`;
  const after = record.eventName === 'PutBucketPolicy' ? documentState(record.requestParameters?.bucketPolicy) : ABSENT;
  return [{ setting: `s3-policy:${resource}`, resource, label: `bucket policy of ${bucket}`, after, before: null }];
}

function keyPolicyChanges(record: CloudTrailRecord): SettingChange[] {
  const key = stringParameter(record, 'keyId');
  if (key === null) return [];
  const resource = key.startsWith('arn:') ? key : (record.resourceArns.find((arn) => arn.includes(':key/')) ?? `arn:${partitionOf(record)}:kms:${record.awsRegion}:${accountOf(record)}:key/${key}`);
  return [{ setting: `kms-policy:${resource}`, resource, label: `key policy of ${resource}`, after: documentState(record.requestParameters?.policy), before: null }];
}

const BY_SERVICE: Readonly<Record<string, (record: CloudTrailRecord) => SettingChange[]>> = {
  'iam.amazonaws.com': iamChanges,
  'ec2.amazonaws.com': securityGroupChanges,
  'organizations.amazonaws.com': organizationsChanges,
  's3.amazonaws.com': bucketPolicyChanges,
  'kms.amazonaws.com': keyPolicyChanges,
};

/** The security settings a call changed: none for other calls, or calls whose parameters do not name the setting. */
export function settingChanges(record: CloudTrailRecord): SettingChange[] {
  return BY_SERVICE[record.eventSource]?.(record) ?? [];
}
