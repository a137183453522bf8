import check from '../../../../src/providers/okta/checks/api-tokens.js';
import type { OktaApiToken } from '../../../../src/providers/okta/sources/api-tokens.js';
import type { OktaUser } from '../../../../src/providers/okta/sources/users.js';
import { CheckTester } from '../../../../src/testing/index.js';

// As-of is 2026-11-01T00:00Z: by default a token created before 2026-08-03T00:00Z is too old, one last used before
// 2026-10-02T00:00Z idle.
const DAY = 86_400_000;
function token(id: string, created: string, lastUse: string | null, fields: Partial<OktaApiToken> = {}): OktaApiToken {
  const window = 30 * DAY;
  return {
    id,
    name: `token ${id}`,
    userId: '00u1alice',
    clientName: 'Okta API',
    created: new Date(created),
    lastUpdated: null,
    expiresAt: lastUse === null ? null : new Date(Date.parse(lastUse) + window),
    tokenWindow: 'PT720H',
    tokenWindowMs: window,
    networkConnection: 'ZONE',
    ...fields,
  };
}

function user(id: string, status: OktaUser['status'], login: string): OktaUser {
  const created = new Date('2024-01-01T00:00:00Z');
  return { id, status, created, activated: created, statusChanged: created, lastLogin: null, lastUpdated: created, login, email: login, secondEmail: null, firstName: null, lastName: null, employeeNumber: null, factors: null, roles: null };
}

const alice = user('00u1alice', 'ACTIVE', 'alice@example.com');
const FRESH = '2026-10-01T00:00:00Z';
const USED = '2026-10-30T00:00:00Z';

new CheckTester(check).run({
  pass: [
    {
      name: 'a token created exactly max_age ago and used exactly max_idle ago, owned by an active user',
      inputs: { tokens: [token('00T1', '2026-08-03T00:00:00Z', '2026-10-02T00:00:00Z', { tokenWindow: 'P60D', tokenWindowMs: 60 * DAY, expiresAt: new Date('2026-12-01T00:00:00Z') })], users: [alice] },
      examined: 1,
      metrics: { old_tokens: 0, idle_tokens: 0, tokens_of_inactive_owners: 0, tokens_from_anywhere: 0 },
    },
    {
      name: 'an expired token no longer works: not examined; without users bound owners are not judged',
      inputs: { tokens: [token('00T1', '2020-01-01T00:00:00Z', '2026-09-01T00:00:00Z'), token('00T2', FRESH, USED, { userId: '00u1gone', networkConnection: 'ANYWHERE' })] },
      examined: 1,
      metrics: { old_tokens: 0, idle_tokens: 0, tokens_from_anywhere: 1 },
    },
    {
      name: 'a token whose export carries no expiry is not judged for idleness',
      inputs: { tokens: [token('00T1', FRESH, null)], users: [alice] },
      examined: 1,
      metrics: { old_tokens: 0, idle_tokens: 0, tokens_of_inactive_owners: 0, tokens_from_anywhere: 0 },
    },
  ],
  fail: [
    {
      name: 'an old token, in order by id after an orphaned one',
      inputs: { tokens: [token('00T9', '2024-03-05T00:00:00Z', USED), token('00T2', FRESH, USED, { userId: '00u1gone' })], users: [alice] },
      findings: [
        { resource: '00T2', message: 'API token 00T2 "token 00T2" of user 00u1gone belongs to a user who is not in the users export' },
        { resource: '00T9', message: 'API token 00T9 "token 00T9" of user 00u1alice was created 971 days ago (max 90d)', details: { user_id: '00u1alice', created: '2024-03-05T00:00:00.000Z', expires_at: '2026-11-29T00:00:00.000Z', token_window: 'PT720H', network: 'ZONE' } },
      ],
      metrics: { old_tokens: 1, idle_tokens: 0, tokens_of_inactive_owners: 1, tokens_from_anywhere: 0 },
    },
    {
      name: 'a suspended owner and a token never used under a long window, both reasons of one token named',
      inputs: {
        tokens: [token('00T3', '2026-09-20T00:00:00Z', '2026-09-20T00:00:00Z', { userId: '00u1frank', tokenWindow: 'P90D', tokenWindowMs: 90 * DAY, expiresAt: new Date('2026-12-19T00:00:00Z') })],
        users: [alice, user('00u1frank', 'SUSPENDED', 'frank@example.com')],
      },
      findings: [{ resource: '00T3', message: 'API token 00T3 "token 00T3" of user 00u1frank belongs to a SUSPENDED user (frank@example.com) and has not been used since it was created 42 days ago (max idle 30d)' }],
      metrics: { old_tokens: 0, idle_tokens: 1, tokens_of_inactive_owners: 1, tokens_from_anywhere: 0 },
    },
    {
      name: 'max_idle and max_age set shorter',
      inputs: { tokens: [token('00T1', FRESH, '2026-10-20T00:00:00Z')] },
      params: { max_age: '14d', max_idle: '7d' },
      findings: [{ resource: '00T1', message: 'API token 00T1 "token 00T1" of user 00u1alice was created 31 days ago (max 14d) and has not been used for 12 days (max idle 7d)' }],
    },
  ],
  vacuous: [
    { name: 'no tokens', inputs: { tokens: [], users: [alice] } },
    { name: 'only expired tokens', inputs: { tokens: [token('00T1', FRESH, '2026-09-01T00:00:00Z')] } },
  ],
});
