import picomatch from 'picomatch';
import type { PolicyDocument } from './aws-values.js';
import type { AttachedPolicy, AuthorizationDetails, IamGroup, IamRole, IamUser } from '../sources/iam-authorization-details.js';

/** A user, group or role: anything a policy can be attached to. */
export type Principal = IamUser | IamGroup | IamRole;

/** One policy that gives a principal administrator access, held directly or through a group. */
export interface AdminGrant {
  policy: string;
  policyKind: 'aws-managed' | 'customer-managed' | 'inline';
  /** The group the grant comes through; `null` when the policy is on the principal itself. */
  group: string | null;
}

export interface AdminPrincipal {
  principal: Principal;
  grants: readonly AdminGrant[];
}

const ADMINISTRATOR_ACCESS = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;

/** Whether a policy ARN is the AWS managed `AdministratorAccess` policy, in any partition. */
export function isAdministratorAccess(policyArn: string): boolean {
  return ADMINISTRATOR_ACCESS.test(policyArn);
}

const isEveryAction = (action: string): boolean => action === '*' || action === '*:*';

/**
 * Whether a policy document allows every action on every resource: an Allow statement with Action `*` (or `*:*`) and
 * Resource `*`. `NotAction` statements never count: "everything except IAM" is not administrator access.
 */
export function grantsAdmin(document: PolicyDocument): boolean {
  return document.statements.some((statement) => statement.effect === 'Allow' && statement.actions.some(isEveryAction) && statement.resources.includes('*'));
}

/**
 * Whether a policy document denies every action on every resource whatever the request: a Deny statement with Action
 * `*` (or `*:*`), Resource `*` and no condition. An explicit deny wins over every allow; a conditional one (deny
 * without MFA) still leaves the access open when its condition does not hold.
 */
export function deniesEverything(document: PolicyDocument): boolean {
  return document.statements.some(
    (statement) => statement.effect === 'Deny' && statement.actions.some(isEveryAction) && statement.resources.includes('*') && Object.keys(statement.conditions).length === 0,
  );
}

/** Principals whose permissions are reviewed: users, groups and roles, except service-linked roles (AWS owns those). */
export function reviewablePrincipals(details: AuthorizationDetails): Principal[] {
  return [...details.users, ...details.groups, ...details.roles.filter((role) => !role.serviceLinked)];
}

// Several checks read the same export; the engine hands each the same record objects, so the answer is computed once.
const adminPrincipalsCache = new WeakMap<AuthorizationDetails, readonly AdminPrincipal[]>();

/**
 * Every reviewable principal with administrator access, in export order (users, groups, roles): `AdministratorAccess`
 * or an admin document, attached or inline, on the principal or on a group a user belongs to. Only the default version
 * of a customer-managed policy counts; a managed policy absent from the export counts only if it is AdministratorAccess.
 */
export function findAdminPrincipals(details: AuthorizationDetails): readonly AdminPrincipal[] {
  const cached = adminPrincipalsCache.get(details);
  if (cached) return cached;
  const admins = computeAdminPrincipals(details);
  adminPrincipalsCache.set(details, admins);
  return admins;
}

function computeAdminPrincipals(details: AuthorizationDetails): AdminPrincipal[] {
  const documentsByArn = new Map(details.policies.map((policy) => [policy.arn, policy.document]));
  /** The document of a managed policy; AdministratorAccess is known without the export holding it. */
  const documentOf = (arn: string): PolicyDocument | undefined => documentsByArn.get(arn) ?? (ADMINISTRATOR_ACCESS.test(arn) ? ADMINISTRATOR_DOCUMENT : undefined);
  const adminByArn = new Map<string, boolean>();
  const isAdminAttachment = (attached: AttachedPolicy): boolean => {
    let admin = adminByArn.get(attached.arn);
    if (admin === undefined) {
      const document = documentOf(attached.arn);
      admin = document ? grantsAdmin(document) : false;
      adminByArn.set(attached.arn, admin);
    }
    return admin;
  };
  const ownGrants = (holder: Principal): AdminGrant[] => {
    const grants: AdminGrant[] = [];
    for (const attached of holder.attachedPolicies) {
      if (!isAdminAttachment(attached)) continue;
      const policyKind = attached.arn.includes(':iam::aws:policy/') ? 'aws-managed' : 'customer-managed';
      grants.push({ policy: attached.name, policyKind, group: null });
    }
    for (const inline of holder.inlinePolicies) {
      if (grantsAdmin(inline.document)) grants.push({ policy: inline.name, policyKind: 'inline', group: null });
    }
    return grants;
  };
  const ownDocuments = (holder: Principal): PolicyDocument[] => [
    ...holder.attachedPolicies.flatMap((attached) => documentOf(attached.arn) ?? []),
    ...holder.inlinePolicies.map((inline) => inline.document),
  ];
  const groupDocuments = new Map(details.groups.map((group) => [group.name, ownDocuments(group)]));
  const groupGrants = new Map(details.groups.map((group) => [group.name, ownGrants(group)]));
  const inheritedGrants = (user: IamUser): AdminGrant[] =>
    user.groupNames.flatMap((name) => (groupGrants.get(name) ?? []).map((grant) => ({ ...grant, group: name })));
  const identityDocuments = (principal: Principal): PolicyDocument[] => [
    ...ownDocuments(principal),
    ...(principal.kind === 'user' ? principal.groupNames.flatMap((name) => groupDocuments.get(name) ?? []) : []),
  ];
  /** A boundary caps what the identity policies allow: it must itself allow everything, and deny nothing outright. */
  const boundaryLimits = (principal: Principal): boolean => {
    const boundary = principal.kind === 'group' ? null : principal.permissionsBoundaryArn;
    if (boundary === null) return false;
    const document = documentOf(boundary);
    // A boundary the export does not hold cannot be shown to limit anything: the principal stays listed.
    return document !== undefined && (!grantsAdmin(document) || deniesEverything(document));
  };

  return reviewablePrincipals(details).flatMap((principal) => {
    const grants = [...ownGrants(principal), ...(principal.kind === 'user' ? inheritedGrants(principal) : [])];
    if (grants.length === 0 || identityDocuments(principal).some(deniesEverything) || boundaryLimits(principal)) return [];
    return [{ principal, grants }];
  });
}

const ADMINISTRATOR_DOCUMENT: PolicyDocument = {
  version: '2012-10-17',
  statements: [{ sid: null, effect: 'Allow', actions: ['*'], notActions: [], resources: ['*'], notResources: [], principal: null, notPrincipal: null, conditions: {} }],
};

/** `AdministratorAccess attached directly`, `inline policy break-glass through group ops`. */
export function describeGrant(grant: AdminGrant): string {
  const policy = {
    'aws-managed': grant.policy,
    'customer-managed': `customer-managed policy ${grant.policy}`,
    inline: `inline policy ${grant.policy}`,
  }[grant.policyKind];
  if (grant.group !== null) return `${policy} through group ${grant.group}`;
  return grant.policyKind === 'inline' ? policy : `${policy} attached directly`;
}

/** `user bob has administrator access (AdministratorAccess attached directly)`. */
export function describeAdmin({ principal, grants }: AdminPrincipal): string {
  return `${principal.kind} ${principal.name} has administrator access (${grants.map(describeGrant).join('; ')})`;
}

/** Matches principals by name or ARN against globs, as exception resources are matched. */
export function principalMatcher(patterns: readonly string[]): (principal: Principal) => boolean {
  const matchers = patterns.map((pattern) => picomatch(pattern, { bash: true, dot: true }));
  return (principal) => matchers.some((matches) => matches(principal.name) || matches(principal.arn));
}

/** Finding details shared by the admin checks: how access is granted and what may limit it. */
export function adminDetails({ principal, grants }: AdminPrincipal): Record<string, unknown> {
  const boundary = principal.kind === 'group' ? null : principal.permissionsBoundaryArn;
  return { grants: grants.map(describeGrant), ...(boundary ? { permissions_boundary: boundary } : {}) };
}
