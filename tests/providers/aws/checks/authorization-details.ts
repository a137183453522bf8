import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PolicyDocument, PolicyStatement } from '../../../../src/providers/aws/lib/aws-values.js';
import adapter, {
  type AttachedPolicy,
  type AuthorizationDetails,
  type IamGroup,
  type IamRole,
  type IamUser,
  type ManagedPolicy,
} from '../../../../src/providers/aws/sources/iam-authorization-details.js';
import { fixturesDir } from '../../../support/paths.js';

export const ACCOUNT = '210987654321';
const arn = (kind: string, name: string): string => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;

/** `2026-10-01` or a full instant, as the source yields it. */
export function at(text: string): Date {
  return new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
}

/** An Allow (or Deny) statement; only the fields given are set, the rest empty as the source normalises them. */
export function statement(fields: Partial<PolicyStatement>): PolicyStatement {
  return {
    sid: null,
    effect: 'Allow',
    actions: [],
    notActions: [],
    resources: [],
    notResources: [],
    principal: null,
    notPrincipal: null,
    conditions: {},
    ...fields,
  };
}

export function document(...statements: PolicyStatement[]): PolicyDocument {
  return { version: '2012-10-17', statements };
}

export const ALLOW_ALL = document(statement({ actions: ['*'], resources: ['*'] }));
export const ADMINISTRATOR_ACCESS: AttachedPolicy = { name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' };
export const READ_ONLY_ACCESS: AttachedPolicy = { name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' };

export function user(name: string, overrides: Partial<IamUser> = {}): IamUser {
  return {
    kind: 'user',
    name,
    id: `AIDAEXAMPLE${name.toUpperCase().padEnd(9, '0').slice(0, 9)}`,
    arn: arn('user', name),
    path: '/',
    createDate: at('2024-01-15'),
    groupNames: [],
    inlinePolicies: [],
    attachedPolicies: [],
    permissionsBoundaryArn: null,
    tags: [],
    ...overrides,
  };
}

export function group(name: string, overrides: Partial<IamGroup> = {}): IamGroup {
  return {
    kind: 'group',
    name,
    id: `AGPAEXAMPLE${name.toUpperCase().padEnd(9, '0').slice(0, 9)}`,
    arn: arn('group', name),
    path: '/',
    createDate: at('2021-01-05'),
    inlinePolicies: [],
    attachedPolicies: [],
    ...overrides,
  };
}

/** A role used yesterday, unless `overrides` say otherwise. */
export function role(name: string, overrides: Partial<IamRole> = {}): IamRole {
  const path = overrides.path ?? '/';
  return {
    kind: 'role',
    name,
    id: `AROAEXAMPLE${name.toUpperCase().padEnd(9, '0').slice(0, 9)}`,
    arn: arn('role', `${path.slice(1)}${name}`),
    path,
    createDate: at('2022-03-01'),
    serviceLinked: path.startsWith('/aws-service-role/'),
    trustPolicy: document(statement({ actions: ['sts:AssumeRole'], principal: { AWS: ['arn:aws:iam::109876543210:root'] } })),
    inlinePolicies: [],
    attachedPolicies: [],
    instanceProfileNames: [],
    lastUsed: at('2026-10-31T12:00:00Z'),
    lastUsedRegion: 'eu-west-1',
    permissionsBoundaryArn: null,
    tags: [],
    ...overrides,
  };
}

export function customerPolicy(name: string, policyDocument: PolicyDocument | null): ManagedPolicy {
  return {
    name,
    id: `ANPAEXAMPLE${name.toUpperCase().padEnd(9, '0').slice(0, 9)}`,
    arn: arn('policy', name),
    path: '/',
    awsManaged: false,
    defaultVersionId: 'v2',
    attachmentCount: 1,
    createDate: at('2023-03-07'),
    updateDate: at('2024-02-07'),
    document: policyDocument,
  };
}

export function attachedTo(policy: ManagedPolicy): AttachedPolicy {
  return { name: policy.name, arn: policy.arn };
}

export function details(parts: Partial<Omit<AuthorizationDetails, 'file'>>): AuthorizationDetails {
  return { file: 'exports/iam-authorization-details.json', users: [], groups: [], roles: [], policies: [], ...parts };
}

/** A fixture read through the source, so checks are also tested on exactly what a real export yields. */
export function fixtureDetails(relative: string): AuthorizationDetails {
  const file = path.join(fixturesDir, relative);
  const [record] = adapter.read([{ display: `fixtures/${relative}`, text: readFileSync(file, 'utf8') }]);
  if (!record) throw new Error(`no record in ${relative}`);
  return record;
}

/** Raw `get-account-authorization-details` JSON read through the source (for encodings the builders cannot show). */
export function exportDetails(exported: unknown): AuthorizationDetails {
  const [record] = adapter.read([{ display: 'exports/iam-authorization-details.json', text: JSON.stringify(exported, null, 4) }]);
  if (!record) throw new Error('no record');
  return record;
}
