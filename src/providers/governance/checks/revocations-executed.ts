import { z } from 'zod';
import { formatSpan } from '../../../core/time.js';
import { defineCheck, type Finding } from '../../../kit/define-check.js';
import { fixedDurationParam } from '../../../kit/params.js';
import type { IdentityAccount } from '../../../kit/views/identity/accounts.js';
import type { AuthorizationDetails, IamUser } from '../../aws/sources/iam-authorization-details.js';
import { accountName } from '../../identity/lib/accounts.js';
import { DECISION_SOURCES, itemName, itemResource, type RecertificationDecision } from '../lib/recertification-decisions.js';

const params = z.strictObject({
  grace: fixedDurationParam.prefault('24h').describe('How long after a revoke decision the access may still be present: decisions more recent are not judged yet (e.g. 24h, 3d).'),
  provider: z
    .string()
    .min(1)
    .optional()
    .describe('Only accounts of this provider (`okta`, `aws`, `github`, …) are joined: the system the campaign reviewed, when several identity sources are bound.'),
});

type Revoke = RecertificationDecision & { decidedAt: Date };

/** Accounts by `id:<id>` and `login:<login or e-mail, lower-case>`: one lookup per decision, never a scan. */
function accountIndex(accounts: readonly IdentityAccount[]): Map<string, IdentityAccount[]> {
  const index = new Map<string, IdentityAccount[]>();
  const add = (key: string, account: IdentityAccount): void => {
    const known = index.get(key);
    if (!known) index.set(key, [account]);
    else if (!known.includes(account)) known.push(account);
  };
  for (const account of accounts) {
    add(`id:${account.id}`, account);
    add(`login:${account.login.toLowerCase()}`, account);
    for (const email of account.emails) add(`login:${email}`, account);
  }
  return index;
}

function accountsOf(item: Revoke, index: ReadonlyMap<string, IdentityAccount[]>): IdentityAccount[] {
  const keys = [item.subjectId === null ? null : `id:${item.subjectId}`, item.subjectLogin === null ? null : `login:${item.subjectLogin}`];
  return [...new Set(keys.flatMap((key) => (key === null ? [] : (index.get(key) ?? []))))];
}

/** What an IAM entitlement names: a group or a managed policy of some account's export, by name or ARN. */
interface IamEntitlement {
  kind: 'group' | 'policy';
  name: string;
  arn: string;
}

interface IamIndex {
  entitlements: Map<string, IamEntitlement>;
  users: Map<string, IamUser>;
}

function iamIndex(details: readonly AuthorizationDetails[]): IamIndex {
  const entitlements = new Map<string, IamEntitlement>();
  const users = new Map<string, IamUser>();
  const addPolicy = (policy: { name: string; arn: string }): void => {
    const entitlement: IamEntitlement = { kind: 'policy', name: policy.name, arn: policy.arn };
    entitlements.set(policy.arn.toLowerCase(), entitlement).set(policy.name.toLowerCase(), entitlement);
  };
  for (const account of details) {
    for (const group of account.groups) {
      const entitlement: IamEntitlement = { kind: 'group', name: group.name, arn: group.arn };
      entitlements.set(group.arn.toLowerCase(), entitlement).set(group.name.toLowerCase(), entitlement);
    }
    // An AWS managed policy may be listed only where it is attached, not among the account's policies.
    for (const policy of [...account.policies, ...account.users.flatMap((user) => user.attachedPolicies)]) addPolicy(policy);
    for (const user of account.users) users.set(user.name.toLowerCase(), user).set(user.arn.toLowerCase(), user).set(user.id.toLowerCase(), user);
  }
  return { entitlements, users };
}

const holds = (user: IamUser, entitlement: IamEntitlement): boolean =>
  entitlement.kind === 'group' ? user.groupNames.includes(entitlement.name) : user.attachedPolicies.some((policy) => policy.arn === entitlement.arn);

function iamUserOf(item: Revoke, iam: IamIndex): IamUser | undefined {
  return [item.subjectId, item.subjectLogin].flatMap((key) => (key === null ? [] : [iam.users.get(key.toLowerCase())])).find((user) => user !== undefined);
}

function late(item: Revoke, grace: { text: string }, asOf: Date): string {
  return `revoked ${item.decidedAt.toISOString()} (${formatSpan(asOf.getTime() - item.decidedAt.getTime())} ago, grace ${grace.text})`;
}

export default defineCheck({
  id: 'governance/revocations-executed',
  title: 'Access that a recertification revoked is gone',
  description:
    'Each revoke decision taken before as-of minus `grace` is joined, by hashed lookups, to the current exports. Where the entitlement names an IAM group or managed policy (by name or ARN) of a bound aws/iam-authorization-details export and the subject is one of its IAM users (by user name, ARN or id, case-insensitively), the user still in that group or with that policy attached is a finding. Otherwise the subject is joined to identity/accounts by account id or by login or e-mail (lower-case), only of `provider` when set: an account still active is a finding. A revoke matched to nothing is counted (revocations_unmatched), never passed; one within the grace is not judged yet.',
  inputs: { decisions: DECISION_SOURCES, accounts: 'identity/accounts', iam: 'aws/iam-authorization-details' },
  optionalInputs: ['iam'],
  params,
  remediation:
    'Remove each listed access now (suspend the account, take the user out of the group, detach the policy), then find why the revocation was not carried out: a decision the tool could not apply (Entra applyResult, Okta remediationStatus), a system provisioned outside the identity provider, a manual step nobody owned.',
  metrics: {
    revocations_not_executed: 'Revoke decisions past the grace whose access is still present',
    revocations_executed: 'Revoke decisions past the grace whose access is gone (accounts suspended or deprovisioned, IAM membership or attachment removed)',
    revocations_unmatched: 'Revoke decisions past the grace matched to no account or IAM user: check the join (login, e-mail, id, provider)',
    revocations_in_grace: 'Revoke decisions within the grace before as-of: not judged',
  },
  criteria: { soc2: ['CC6.2', 'CC6.3'], 'pci-dss-4': ['7.2.4'], 'iso27001-2022': ['A.5.18'], 'nist-csf-2': ['PR.AA-05'] },
  resourceExample: '139166ec-d214-4835-95aa-3c1d89581e51',
  run({ inputs: { decisions, accounts, iam }, params: { grace, provider }, asOf }) {
    const revokes = decisions.filter((item): item is Revoke => item.decision === 'revoke' && item.decidedAt !== null && item.decidedAt.getTime() <= asOf.getTime());
    const judged = revokes.filter((item) => item.decidedAt.getTime() < asOf.getTime() - grace.ms);
    const index = accountIndex(provider === undefined ? accounts : accounts.filter((account) => account.provider === provider));
    const iamExports = iamIndex(iam);
    const findings: Finding[] = [];
    const unmatched: Revoke[] = [];
    let executed = 0;
    for (const item of judged) {
      const entitlement = iamExports.entitlements.get(item.entitlement.toLowerCase()) ?? (item.entitlementId === null ? undefined : iamExports.entitlements.get(item.entitlementId.toLowerCase()));
      const user = entitlement === undefined ? undefined : iamUserOf(item, iamExports);
      if (entitlement !== undefined && user !== undefined) {
        if (!holds(user, entitlement)) executed += 1;
        else {
          findings.push({
            resource: itemResource(item),
            message: `${itemName(item)} was ${late(item, grace, asOf)}, but IAM user ${user.name} still ${entitlement.kind === 'group' ? `belongs to group ${entitlement.name}` : `has policy ${entitlement.name} attached`}`,
            details: { decided_at: item.decidedAt.toISOString(), iam_user: user.arn, [entitlement.kind]: entitlement.arn },
          });
        }
        continue;
      }
      const matched = accountsOf(item, index);
      if (matched.length === 0) {
        unmatched.push(item);
        continue;
      }
      const active = matched.filter((account) => account.status === 'active');
      if (active.length === 0) {
        executed += 1;
        continue;
      }
      findings.push({
        resource: itemResource(item),
        message: `${itemName(item)} was ${late(item, grace, asOf)}, but ${active.length === 1 ? 'the account is' : `${active.length} accounts are`} still active: ${active.map(accountName).join(', ')}`,
        details: { decided_at: item.decidedAt.toISOString(), accounts: active.map((account) => ({ provider: account.provider, id: account.id, login: account.login })) },
      });
    }
    return {
      examined: judged.length - unmatched.length,
      findings,
      metrics: { revocations_not_executed: findings.length, revocations_executed: executed, revocations_unmatched: unmatched.length, revocations_in_grace: revokes.length - judged.length },
      ...(unmatched.length === 0 ? {} : { details: { revocations_unmatched: unmatched.map(itemName) } }),
    };
  },
});
