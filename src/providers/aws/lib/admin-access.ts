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

/**
 * Whether a policy document allows every action on every resource: an Allow statement with Action `*` (or `*:*`) and
 * Resource `*`. `NotAction` statements never count: "everything except IAM" is not administrator access.
 */
export function grantsAdmin(document: PolicyDocument): boolean {
  return document.statements.some(
    (statement) =>
      statement.effect === 'Allow' &&
      statement.actions.some((action) => action === '*' || action === '*:*') &&
      statement.resources.includes('*'),
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
  const adminByArn = new Map<string, boolean>();
  const isAdminAttachment = (attached: AttachedPolicy): boolean => {
    let admin = adminByArn.get(attached.arn);
    if (admin === undefined) {
      const document = documentsByArn.get(attached.arn);
      admin = ADMINISTRATOR_ACCESS.test(attached.arn) || (document ? grantsAdmin(document) : false);
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
  const groupGrants = new Map(details.groups.map((group) => [group.name, ownGrants(group)]));
  const inheritedGrants = (user: IamUser): AdminGrant[] =>
    user.groupNames.flatMap((name) => (groupGrants.get(name) ?? []).map((grant) => ({ ...grant, group: name })));

  return reviewablePrincipals(details).flatMap((principal) => {
    const grants = [...ownGrants(principal), ...(principal.kind === 'user' ? inheritedGrants(principal) : [])];
    return grants.length > 0 ? [{ principal, grants }] : [];
  });
}

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
