import check from '../../../../src/providers/identity/checks/activity-after-termination.js';
import type { IdentitySignIn } from '../../../../src/kit/views/identity/sign-ins.js';
import type { HrLeaver } from '../../../../src/providers/hr/sources/leavers.js';
import { StreamCheckTester } from '../../../../src/testing/index.js';
import { accountUse, type GithubAuditEvent } from '../../../../src/providers/github/sources/audit-log.js';

const lee: HrLeaver = { employeeId: 'E1', email: 'lee@example.org', terminated: new Date('2026-10-02T00:00:00Z'), manager: null };

/** A GitHub audit log event as its source offers it to identity/sign-ins. */
function githubEvent(documentId: string, time: string, actor: string, action: string, repo: string | null = null): IdentitySignIn[] {
  const event: GithubAuditEvent = { documentId, time: Date.parse(time), action, operationType: null, actor, actorId: 5550001, user: null, org: 'example-org', repo, actorIp: null, countryCode: null, programmaticAccessType: null, tokenId: null, hashedToken: null };
  const use = accountUse(event);
  return use === undefined ? [] : [use];
}

function signIn(eventId: string, time: string, login: string, fields: Partial<IdentitySignIn> = {}): IdentitySignIn {
  return { provider: 'okta', eventId, time: Date.parse(time), accountId: '00u1', login, success: true, mfaUsed: null, sourceIp: '203.0.113.9', application: 'Okta', ...fields };
}

new StreamCheckTester(check).run({
  pass: [
    {
      name: 'sign-ins before termination, failed ones after it, and other people\'s',
      inputs: {
        leavers: [lee],
        signIns: [
          signIn('e1', '2026-10-01T23:59:00Z', 'lee@example.org'),
          signIn('e2', '2026-10-05T08:00:00Z', 'lee@example.org', { success: false }),
          signIn('e3', '2026-10-05T08:00:00Z', 'kim@example.org'),
        ],
      },
      examined: 1,
      metrics: { leavers_active_after_termination: 0, sign_ins_after_termination: 0 },
    },
  ],
  fail: [
    {
      name: 'sign-ins after termination in two providers, one delivered twice: counted once, the first named',
      inputs: {
        leavers: [lee],
        aliases: [{ person: 'E1', provider: 'aws', login: 'lee' }],
        signIns: [
          signIn('e9', '2026-10-20T08:00:00Z', 'Lee@Example.org', { application: 'Slack' }),
          signIn('ct-1', '2026-10-12T10:00:00Z', 'lee', { provider: 'aws', accountId: 'arn:aws:iam::1:user/lee', application: 'AWS Management Console', sourceIp: '198.51.100.4' }),
          signIn('e9', '2026-10-20T08:00:00Z', 'Lee@Example.org', { application: 'Slack' }),
        ],
      },
      findings: [
        {
          resource: 'lee@example.org',
          message: 'leaver lee@example.org, terminated 2026-10-02T00:00:00.000Z, signed in 2 times after leaving: first 2026-10-12T10:00:00.000Z as aws lee to AWS Management Console from 198.51.100.4',
        },
      ],
      metrics: { leavers_active_after_termination: 1, sign_ins_after_termination: 2 },
    },
    {
      name: 'an alias for another provider does not join',
      inputs: {
        leavers: [lee],
        aliases: [{ person: 'E1', provider: 'aws', login: 'lee' }],
        signIns: [signIn('g1', '2026-10-12T10:00:00Z', 'lee', { provider: 'github', application: null, sourceIp: null }), signIn('o1', '2026-10-03T00:00:00Z', 'lee@example.org')],
      },
      findings: [{ resource: 'lee@example.org', message: /signed in once after leaving: first 2026-10-03T00:00:00\.000Z as okta lee@example\.org to Okta from 203\.0\.113\.9$/ }],
    },
    {
      name: 'a leaver\'s GitHub activity after termination, joined by a github alias; an app\'s events are no one\'s',
      inputs: {
        leavers: [lee],
        aliases: [{ person: 'lee@example.org', provider: 'github', login: 'lee-example' }],
        signIns: [
          ...githubEvent('d-1', '2026-10-01T09:00:00Z', 'lee-example', 'git.push', 'example-org/app'),
          ...githubEvent('d-2', '2026-10-14T16:20:00Z', 'lee-example', 'git.clone', 'example-org/app'),
          ...githubEvent('d-3', '2026-10-15T08:00:00Z', 'lee-example', 'org.update_member'),
          ...githubEvent('d-4', '2026-10-16T08:00:00Z', 'dependabot[bot]', 'pull_request.create', 'example-org/app'),
        ],
      },
      findings: [{ resource: 'lee@example.org', message: 'leaver lee@example.org, terminated 2026-10-02T00:00:00.000Z, signed in 2 times after leaving: first 2026-10-14T16:20:00.000Z as github lee-example to git.clone example-org/app' }],
      metrics: { leavers_active_after_termination: 1, sign_ins_after_termination: 2 },
    },
  ],
  vacuous: [{ name: 'no leavers', inputs: { leavers: [], signIns: [signIn('e1', '2026-10-05T08:00:00Z', 'lee@example.org')] } }],
});
