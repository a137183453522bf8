import { z } from 'zod';
import { daysBetween, isOlderThan, type Duration } from '../../../core/time.js';
import { defineCheck, type Finding } from '../../../kit/define-check.js';
import { durationParam } from '../../../kit/params.js';
import { lastUseOf, type OktaApiToken } from '../sources/api-tokens.js';
import { accountStatus, type OktaUser } from '../sources/users.js';

const params = z.strictObject({
  max_age: durationParam.prefault('90d').describe('How long ago a token may have been created (e.g. 90d, 6mo).'),
  max_idle: durationParam
    .prefault('30d')
    .describe('Longest a token may go unused (e.g. 14d, 30d). Okta itself revokes a token unused for its tokenWindow (thirty days by default), so this finds the tokens whose window is longer than max_idle.'),
});

const describeToken = (token: OktaApiToken): string => `API token ${token.id} "${token.name}" of user ${token.userId}`;

const details = (token: OktaApiToken) => ({
  user_id: token.userId,
  created: token.created.toISOString(),
  expires_at: token.expiresAt?.toISOString() ?? null,
  token_window: token.tokenWindow,
  network: token.networkConnection,
});

function oldToken(token: OktaApiToken, maxAge: Duration, asOf: Date): string | undefined {
  return isOlderThan(token.created, maxAge, asOf) ? `was created ${daysBetween(token.created, asOf)} days ago (max ${maxAge.text})` : undefined;
}

function idleToken(token: OktaApiToken, maxIdle: Duration, asOf: Date): string | undefined {
  const lastUse = lastUseOf(token);
  if (lastUse === null || !isOlderThan(lastUse, maxIdle, asOf)) return undefined;
  const days = daysBetween(lastUse, asOf);
  return lastUse.getTime() <= token.created.getTime() ? `has not been used since it was created ${days} days ago (max idle ${maxIdle.text})` : `has not been used for ${days} days (max idle ${maxIdle.text})`;
}

/** Why the owner makes the token a finding: not an active user, or not among the exported users at all; undefined when it is active. */
function ownerProblem(token: OktaApiToken, users: ReadonlyMap<string, OktaUser>): string | undefined {
  const owner = users.get(token.userId);
  if (owner === undefined) return 'belongs to a user who is not in the users export';
  return accountStatus(owner) === 'active' ? undefined : `belongs to a ${owner.status} user (${owner.login})`;
}

export default defineCheck({
  id: 'okta/api-tokens',
  title: 'No old, idle or orphaned Okta API tokens',
  description:
    'Among the org\'s API tokens (SSWS) that have not expired, none was created longer than `max_age` ago, none has gone unused for longer than `max_idle` (the last use is `expiresAt` minus `tokenWindow`, as Okta moves the expiry on with each use; a token whose export lacks either is not judged for idleness), and, where Okta users are bound (`users`, an okta/users source with the DEPROVISIONED listing), none belongs to a user who is not active (suspended, deprovisioned, staged) or who is missing from the users export. A token acts with its creator\'s admin permissions and is a static secret: old and orphaned tokens are the legacy credentials an attacker looks for. Without users bound, owners are not judged and their metric is left out.',
  inputs: { tokens: 'okta/api-tokens', users: 'okta/users' },
  optionalInputs: ['users'],
  params,
  remediation:
    'Revoke each listed token (Security > API > Tokens, or `DELETE /api/v1/api-tokens/{apiTokenId}`); replace what still needs one with an OAuth 2.0 service app with scoped grants, or create a new token under an active service account and bind it to a network zone.',
  metrics: {
    old_tokens: 'Unexpired tokens created longer than max_age ago',
    idle_tokens: 'Unexpired tokens unused for longer than max_idle',
    tokens_of_inactive_owners: 'Unexpired tokens whose creator is not an active user or not in the users export (only when users are bound)',
    tokens_from_anywhere: 'Unexpired tokens not bound to a network zone (connection ANYWHERE)',
  },
  criteria: { soc2: ['CC6.1', 'CC6.2'], 'pci-dss-4': ['8.3.9', '8.6.3'], 'iso27001-2022': ['A.5.17', 'A.5.18'], 'nist-csf-2': ['PR.AA-01'] },
  resourceExample: '00T1hrsync000000002',
  run({ inputs: { tokens, users }, params: { max_age: maxAge, max_idle: maxIdle }, asOf }) {
    const usable = tokens.filter((token) => token.expiresAt === null || token.expiresAt.getTime() > asOf.getTime());
    const usersById = new Map(users.map((user) => [user.id, user]));
    const judgeOwners = users.length > 0;
    let old = 0;
    let idle = 0;
    let orphaned = 0;
    const findings: Finding[] = [];
    for (const token of [...usable].sort((a, b) => a.id.localeCompare(b.id))) {
      const age = oldToken(token, maxAge, asOf);
      const unused = idleToken(token, maxIdle, asOf);
      const owner = judgeOwners ? ownerProblem(token, usersById) : undefined;
      old += age === undefined ? 0 : 1;
      idle += unused === undefined ? 0 : 1;
      orphaned += owner === undefined ? 0 : 1;
      const reasons = [owner, age, unused].filter((reason) => reason !== undefined);
      if (reasons.length > 0) findings.push({ resource: token.id, message: `${describeToken(token)} ${reasons.join(' and ')}`, details: details(token) });
    }
    return {
      examined: usable.length,
      findings,
      metrics: {
        old_tokens: old,
        idle_tokens: idle,
        ...(judgeOwners ? { tokens_of_inactive_owners: orphaned } : {}),
        tokens_from_anywhere: usable.filter((token) => token.networkConnection === 'ANYWHERE').length,
      },
    };
  },
});
