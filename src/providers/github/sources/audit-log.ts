import { defineSource } from '../../../kit/define-source.js';
import type { IdentitySignIn } from '../../../kit/views/identity/sign-ins.js';
import { readAuditLogFile, type GithubAuditEvent } from '../lib/audit-log-events.js';

export type { GithubAuditEvent } from '../lib/audit-log-events.js';

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'github/audit-log': GithubAuditEvent;
  }
}

/** What identifies an event: its `_document_id`, or, in an export without one, what it is made of. */
export function auditEventId(event: GithubAuditEvent): string {
  return event.documentId ?? [event.time, event.action, event.actor ?? '', event.user ?? '', event.repo ?? ''].join('\u0000');
}

/** Apps act as `name[bot]`: their events are no person's use of an account. */
const isBot = (login: string): boolean => login.endsWith('[bot]');

/**
 * An event its actor performed, as use of the actor's account: GitHub names as actor who did the action (a member
 * removed by an owner has the owner as actor, the member as `user`), through the web, git, the API or a token. Events
 * without an actor and those of apps are none. The audit log records no failed attempts, so every use succeeded; it
 * does not say whether a second factor was used.
 */
export function accountUse(event: GithubAuditEvent): IdentitySignIn | undefined {
  if (event.actor === null || isBot(event.actor)) return undefined;
  return {
    provider: 'github',
    eventId: auditEventId(event),
    time: event.time,
    accountId: event.actorId === null ? null : String(event.actorId),
    login: event.actor,
    success: true,
    mfaUsed: null,
    sourceIp: event.actorIp,
    application: event.repo === null ? event.action : `${event.action} ${event.repo}`,
  };
}

export default defineSource({
  type: 'github/audit-log',
  kind: 'stream',
  description:
    'A GitHub organisation\'s audit log (GitHub Enterprise Cloud), streamed file by file: the JSON or CSV the organisation\'s Settings > Audit log > Export writes, the pages of `GET /orgs/{org}/audit-log` saved unchanged (a JSON array, or `gh api --paginate --slurp`\'s array of pages), or NDJSON, one event per line, as audit log streaming writes it (gzip accepted). An event\'s time is `@timestamp` (epoch milliseconds; `created_at` where it is absent); events are counted once by `_document_id` (where a CSV export has none, by time, action, actor, user and repo). CSV columns are the JSON keys, nested ones dotted (`actor_location.country_code`); only `action` and a time column are required. Every event whose actor is a person (not an app, `…[bot]`) is offered as `identity/sign-ins`: the actor used the account then (web, git, API or token), so a leaver\'s `git.clone`, `repo.download_zip` or `org.update_member` after termination is found; success is always true (the log records no failed attempts), MFA unknown, the application is the action and its repository, the account id the `actor_id`.',
  readFile: readAuditLogFile,
  dispatchKey: (event) => event.action,
  recordId: auditEventId,
  recordTime: (event) => event.time,
  views: { 'identity/sign-ins': accountUse },
});
