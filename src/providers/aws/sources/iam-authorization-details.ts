import { z } from 'zod';
import { defineSource, pathInCatalog, type ChunkedFile, type SourceText } from '../../../kit/define-source.js';
import { TopLevelObjectReader, validateStreamed, type TextPlace } from '../../../kit/formats/json-stream.js';
import { parseJsonText, validateJson } from '../../../kit/formats/json.js';
import { assertNotEmpty } from '../../../kit/formats/text.js';
import { awsTimestampSchema, parseAwsTimestamp, parsePolicyDocument, policyDocumentSchema, PolicyDocumentError, type PolicyDocument } from '../lib/aws-values.js';
import { isObject, notThisExport } from '../lib/export-file.js';
import { pageMarkerIn, partialExportError, rejectPartialExport } from '../../../kit/formats/paginated.js';

/** A managed policy attached to a user, group or role. */
export interface AttachedPolicy {
  name: string;
  arn: string;
}

/** An inline policy embedded in a user, group or role. */
export interface InlinePolicy {
  name: string;
  document: PolicyDocument;
}

export interface Tag {
  key: string;
  value: string;
}

interface IdentityBase {
  name: string;
  id: string;
  arn: string;
  path: string;
  createDate: Date;
  inlinePolicies: readonly InlinePolicy[];
  attachedPolicies: readonly AttachedPolicy[];
}

export interface IamUser extends IdentityBase {
  kind: 'user';
  /** Group names (not ARNs), as the export lists them. */
  groupNames: readonly string[];
  permissionsBoundaryArn: string | null;
  tags: readonly Tag[];
}

export interface IamGroup extends IdentityBase {
  kind: 'group';
}

export interface IamRole extends IdentityBase {
  kind: 'role';
  /** Path under `/aws-service-role/`: created and managed by an AWS service. */
  serviceLinked: boolean;
  trustPolicy: PolicyDocument;
  instanceProfileNames: readonly string[];
  /** `null` when `RoleLastUsed` is `{}`: no recorded use in IAM's tracking window (400 days). */
  lastUsed: Date | null;
  lastUsedRegion: string | null;
  permissionsBoundaryArn: string | null;
  tags: readonly Tag[];
}

/** A managed policy (AWS or customer managed) with only its default version, the one in force. */
export interface ManagedPolicy {
  name: string;
  id: string;
  arn: string;
  path: string;
  /** ARN in the `aws` account: `arn:aws:iam::aws:policy/...`. */
  awsManaged: boolean;
  defaultVersionId: string;
  attachmentCount: number | null;
  createDate: Date;
  updateDate: Date | null;
  /** The default version's document; `null` when the export lists no such version. */
  document: PolicyDocument | null;
}

/** One `get-account-authorization-details` export: every principal and managed policy of one account. */
export interface AuthorizationDetails {
  /** The export file, relative to the catalog's folder. */
  file: string;
  users: readonly IamUser[];
  groups: readonly IamGroup[];
  roles: readonly IamRole[];
  policies: readonly ManagedPolicy[];
}

const COMMAND = 'aws iam get-account-authorization-details --output json';
const HINT = `Export the whole account with \`${COMMAND} > iam-authorization-details.json\`.`;
const LIST_KEYS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;

const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? [value] : value), z.array(item));

const attachedPolicies = oneOrMany(z.object({ PolicyName: z.string(), PolicyArn: z.string() }))
  .optional()
  .transform((list): AttachedPolicy[] => (list ?? []).map((policy) => ({ name: policy.PolicyName, arn: policy.PolicyArn })));

const inlinePolicies = z
  .array(z.object({ PolicyName: z.string(), PolicyDocument: policyDocumentSchema }))
  .optional()
  .transform((list): InlinePolicy[] => (list ?? []).map((policy) => ({ name: policy.PolicyName, document: policy.PolicyDocument })));

const tags = z
  .array(z.object({ Key: z.string(), Value: z.string() }))
  .optional()
  .transform((list): Tag[] => (list ?? []).map((tag) => ({ key: tag.Key, value: tag.Value })));

const permissionsBoundary = z
  .object({ PermissionsBoundaryArn: z.string() })
  .optional()
  .transform((boundary) => boundary?.PermissionsBoundaryArn ?? null);

const userSchema = z
  .object({
    UserName: z.string(),
    UserId: z.string(),
    Arn: z.string(),
    Path: z.string(),
    CreateDate: awsTimestampSchema,
    GroupList: z.array(z.string()).optional(),
    UserPolicyList: inlinePolicies,
    AttachedManagedPolicies: attachedPolicies,
    PermissionsBoundary: permissionsBoundary,
    Tags: tags,
  })
  .transform(
    (user): IamUser => ({
      kind: 'user',
      name: user.UserName,
      id: user.UserId,
      arn: user.Arn,
      path: user.Path,
      createDate: user.CreateDate,
      groupNames: user.GroupList ?? [],
      inlinePolicies: user.UserPolicyList,
      attachedPolicies: user.AttachedManagedPolicies,
      permissionsBoundaryArn: user.PermissionsBoundary,
      tags: user.Tags,
    }),
  );

const groupSchema = z
  .object({
    GroupName: z.string(),
    GroupId: z.string(),
    Arn: z.string(),
    Path: z.string(),
    CreateDate: awsTimestampSchema,
    GroupPolicyList: inlinePolicies,
    // The CLI's own documentation example prints a single object here; the service model says list.
    AttachedManagedPolicies: attachedPolicies,
  })
  .transform(
    (group): IamGroup => ({
      kind: 'group',
      name: group.GroupName,
      id: group.GroupId,
      arn: group.Arn,
      path: group.Path,
      createDate: group.CreateDate,
      inlinePolicies: group.GroupPolicyList,
      attachedPolicies: group.AttachedManagedPolicies,
    }),
  );

const roleLastUsed = z
  .object({ LastUsedDate: awsTimestampSchema.optional(), Region: z.string().optional() })
  .optional()
  .transform((lastUsed) => ({ date: lastUsed?.LastUsedDate ?? null, region: lastUsed?.Region ?? null }));

const roleSchema = z
  .object({
    RoleName: z.string(),
    RoleId: z.string(),
    Arn: z.string(),
    Path: z.string(),
    CreateDate: awsTimestampSchema,
    AssumeRolePolicyDocument: policyDocumentSchema,
    RolePolicyList: inlinePolicies,
    AttachedManagedPolicies: attachedPolicies,
    InstanceProfileList: z.array(z.object({ InstanceProfileName: z.string() })).optional(),
    RoleLastUsed: roleLastUsed,
    PermissionsBoundary: permissionsBoundary,
    Tags: tags,
  })
  .transform(
    (role): IamRole => ({
      kind: 'role',
      name: role.RoleName,
      id: role.RoleId,
      arn: role.Arn,
      path: role.Path,
      createDate: role.CreateDate,
      serviceLinked: role.Path.startsWith('/aws-service-role/'),
      trustPolicy: role.AssumeRolePolicyDocument,
      inlinePolicies: role.RolePolicyList,
      attachedPolicies: role.AttachedManagedPolicies,
      instanceProfileNames: (role.InstanceProfileList ?? []).map((profile) => profile.InstanceProfileName),
      lastUsed: role.RoleLastUsed.date,
      lastUsedRegion: role.RoleLastUsed.region,
      permissionsBoundaryArn: role.PermissionsBoundary,
      tags: role.Tags,
    }),
  );

// Documents of non-default versions are not in force, so they are kept raw and never decoded.
const policyVersion = z.object({ VersionId: z.string(), IsDefaultVersion: z.boolean(), Document: z.unknown() });

const policySchema = z
  .object({
    PolicyName: z.string(),
    PolicyId: z.string(),
    Arn: z.string(),
    Path: z.string(),
    DefaultVersionId: z.string(),
    AttachmentCount: z.number().optional(),
    CreateDate: awsTimestampSchema,
    UpdateDate: awsTimestampSchema.optional(),
    PolicyVersionList: z.array(policyVersion).optional(),
  })
  .transform((policy, context): ManagedPolicy => {
    const versions = policy.PolicyVersionList ?? [];
    const index = versions.findIndex((version) => version.IsDefaultVersion || version.VersionId === policy.DefaultVersionId);
    const base = {
      name: policy.PolicyName,
      id: policy.PolicyId,
      arn: policy.Arn,
      path: policy.Path,
      awsManaged: /^arn:aws[a-z-]*:iam::aws:policy\//.test(policy.Arn),
      defaultVersionId: policy.DefaultVersionId,
      attachmentCount: policy.AttachmentCount ?? null,
      createDate: policy.CreateDate,
      updateDate: policy.UpdateDate ?? null,
    };
    const version = versions[index];
    if (!version) return { ...base, document: null };
    try {
      return { ...base, document: parsePolicyDocument(version.Document) };
    } catch (error) {
      if (!(error instanceof PolicyDocumentError)) throw error;
      const inString = typeof version.Document === 'string';
      context.addIssue({
        code: 'custom',
        message: `invalid policy document: ${inString ? error.message : error.detail}`,
        path: ['PolicyVersionList', index, 'Document', ...(inString ? [] : error.path)],
      });
      return z.NEVER;
    }
  });

const exportSchema = z.object({
  UserDetailList: z.array(userSchema).optional(),
  GroupDetailList: z.array(groupSchema).optional(),
  RoleDetailList: z.array(roleSchema).optional(),
  Policies: z.array(policySchema).optional(),
});

const PAGE_MARKERS = { present: ['NextToken'], whenTrue: ['IsTruncated'], hint: `Export again without --max-items (the CLI then follows every page itself): ${COMMAND}` };

function readFile(file: SourceText): AuthorizationDetails {
  assertNotEmpty(file, 'the JSON output of aws iam get-account-authorization-details', HINT);
  const document = parseJsonText(file.text, file.display, HINT);
  if (!isObject(document) || !LIST_KEYS.some((key) => key in document)) {
    throw notThisExport(file, { expected: `get-account-authorization-details output with ${LIST_KEYS.join(', ')}`, hint: HINT }, document);
  }
  rejectPartialExport(document, file, PAGE_MARKERS);
  const details = validateJson(exportSchema, document, file.text, file.display, HINT);
  return {
    file: pathInCatalog(file),
    users: details.UserDetailList ?? [],
    groups: details.GroupDetailList ?? [],
    roles: details.RoleDetailList ?? [],
    policies: details.Policies ?? [],
  };
}

/** A JSON object (what `z.object` accepts), or undefined. */
function jsonObject(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return isObject(value) ? value : undefined;
}

/** Each item of an optional list read by `item`; undefined when the list or an item is not what the schema accepts. */
function listOf<T>(value: unknown, item: (element: unknown) => T | undefined): T[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return undefined;
  const items: T[] = [];
  for (const element of value) {
    const read = item(element);
    if (read === undefined) return undefined;
    items.push(read);
  }
  return items;
}

const stringItem = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function attachedItem(value: unknown): AttachedPolicy | undefined {
  const policy = jsonObject(value);
  return typeof policy?.PolicyName === 'string' && typeof policy.PolicyArn === 'string' ? { name: policy.PolicyName, arn: policy.PolicyArn } : undefined;
}

function inlineItem(value: unknown): InlinePolicy | undefined {
  const policy = jsonObject(value);
  if (typeof policy?.PolicyName !== 'string' || policy.PolicyDocument === undefined) return undefined;
  try {
    return { name: policy.PolicyName, document: parsePolicyDocument(policy.PolicyDocument) };
  } catch (error) {
    if (error instanceof PolicyDocumentError) return undefined;
    throw error;
  }
}

function tagItem(value: unknown): Tag | undefined {
  const tag = jsonObject(value);
  return typeof tag?.Key === 'string' && typeof tag.Value === 'string' ? { key: tag.Key, value: tag.Value } : undefined;
}

/** `PermissionsBoundary` as the schema reads it: null when absent, undefined when it is not what the schema accepts. */
function boundaryArn(value: unknown): string | null | undefined {
  if (value === undefined) return null;
  const arn = jsonObject(value)?.PermissionsBoundaryArn;
  return typeof arn === 'string' ? arn : undefined;
}

/**
 * A user element read without zod (most of a large export is users): exactly what `userSchema` gives, or undefined
 * for anything it is not sure of, which zod then reads, with its error when there is one.
 */
export function readUserFast(value: unknown): IamUser | undefined {
  const user = jsonObject(value);
  if (!user || typeof user.UserName !== 'string' || typeof user.UserId !== 'string' || typeof user.Arn !== 'string' || typeof user.Path !== 'string') return undefined;
  const createDate = parseAwsTimestamp(user.CreateDate);
  const groupNames = listOf(user.GroupList, stringItem);
  const inline = listOf(user.UserPolicyList, inlineItem);
  const attachedList = jsonObject(user.AttachedManagedPolicies) ? [user.AttachedManagedPolicies] : user.AttachedManagedPolicies;
  const attached = listOf(attachedList, attachedItem);
  const boundary = boundaryArn(user.PermissionsBoundary);
  const tagList = listOf(user.Tags, tagItem);
  if (!createDate || !groupNames || !inline || !attached || boundary === undefined || !tagList) return undefined;
  return {
    kind: 'user',
    name: user.UserName,
    id: user.UserId,
    arn: user.Arn,
    path: user.Path,
    createDate,
    groupNames,
    inlinePolicies: inline,
    attachedPolicies: attached,
    permissionsBoundaryArn: boundary,
    tags: tagList,
  };
}

const LIST_KEY_SET: ReadonlySet<string> = new Set(LIST_KEYS);

function isListKey(key: string): key is (typeof LIST_KEYS)[number] {
  return LIST_KEY_SET.has(key);
}

/**
 * The same record as `readFile`, from chunks of the file: each element of each list is parsed and validated as soon
 * as it is read, so neither the text nor the raw document is ever held whole (an export can exceed 512 MiB).
 */
async function readChunks(file: ChunkedFile): Promise<AuthorizationDetails[]> {
  const lists: { UserDetailList?: IamUser[]; GroupDetailList?: IamGroup[]; RoleDetailList?: IamRole[]; Policies?: ManagedPolicy[] } = {};
  const members = new Map<string, { value: unknown; place: TextPlace }>();
  const seen = (key: string): void => {
    if (isListKey(key) && !lists[key]) lists[key] = [];
  };
  const reader = new TopLevelObjectReader(
    file.display,
    {
      element(key, index, value, text, place) {
        seen(key);
        if (!isListKey(key)) return;
        const at = { display: file.display, place, path: [key, index], hint: HINT };
        if (key === 'UserDetailList') lists.UserDetailList?.push(readUserFast(value) ?? validateStreamed(userSchema, value, text, at));
        else if (key === 'GroupDetailList') lists.GroupDetailList?.push(validateStreamed(groupSchema, value, text, at));
        else if (key === 'RoleDetailList') lists.RoleDetailList?.push(validateStreamed(roleSchema, value, text, at));
        else lists.Policies?.push(validateStreamed(policySchema, value, text, at));
      },
      member(key, value, text, place) {
        // A list that is not an array (null, an object) is refused as validating the whole file refuses it.
        if (isListKey(key)) validateStreamed(z.array(z.unknown()).optional(), value, text, { display: file.display, place, path: [key], hint: HINT });
        members.set(key, { value, place });
      },
    },
    HINT,
  );
  for await (const chunk of file.chunks) reader.push(chunk);
  reader.end();
  for (const key of reader.arrayKeys()) seen(key);
  const document = Object.fromEntries([...members].map(([key, { value }]) => [key, value]));
  if (!LIST_KEYS.some((key) => lists[key] !== undefined)) {
    throw notThisExport({ display: file.display, text: '' }, { expected: `get-account-authorization-details output with ${LIST_KEYS.join(', ')}`, hint: HINT }, { ...document, ...lists });
  }
  const marker = pageMarkerIn(document, PAGE_MARKERS);
  const markerPlace = marker === undefined ? undefined : members.get(marker)?.place;
  if (marker !== undefined) throw partialExportError(marker, { file: file.display, ...markerPlace }, PAGE_MARKERS);
  return [{ file: file.path, users: lists.UserDetailList ?? [], groups: lists.GroupDetailList ?? [], roles: lists.RoleDetailList ?? [], policies: lists.Policies ?? [] }];
}

export default defineSource({
  type: 'aws/iam-authorization-details',
  kind: 'batch',
  description: 'IAM users, groups, roles and managed policies from `aws iam get-account-authorization-details` (CLI v1 or v2 JSON); one record per file.',
  read: (files) => files.map(readFile),
  readChunks,
});

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'aws/iam-authorization-details': AuthorizationDetails;
  }
}
