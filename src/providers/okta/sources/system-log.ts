import { z } from 'zod';
import { parseInstantMs } from '../../../core/time.js';
import { defineSource, type SourceText } from '../../../kit/define-source.js';
import { instantField } from '../../../kit/formats/instant.js';
import { parseJsonText } from '../../../kit/formats/json.js';
import { ndjsonRecords } from '../../../kit/formats/ndjson.js';
import { isFilledText, isJsonObject, isOptionalText, readRecords, type RecordReader } from '../../../kit/formats/records.js';
import { assertNotEmpty } from '../../../kit/formats/text.js';
import type { IdentitySignIn } from '../../../kit/views/identity/sign-ins.js';

/** One Okta System Log event, the fields checks read. */
export interface OktaLogEvent {
  uuid: string;
  /** Epoch milliseconds. */
  published: number;
  eventType: string;
  /** `SUCCESS, FAILURE, SKIPPED, ALLOW, DENY, CHALLENGE, …`; null when the event has no outcome. */
  outcome: string | null;
  outcomeReason: string | null;
  actor: { id: string; type: string; alternateId: string | null; displayName: string | null };
  clientIp: string | null;
  targets: readonly { id: string; type: string; alternateId: string | null; displayName: string | null }[];
}

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'okta/system-log': OktaLogEvent;
  }
}

const HINT =
  'Save the pages of GET /api/v1/logs unchanged (each a bare JSON array), or the events one per line (NDJSON) as log shippers write them.';

const published = instantField('2025-01-20T10:14:33.512Z').transform((date) => date.getTime());

const optionalText = z.string().nullable().optional();
// Plain (stripping) objects, not loose ones: an event has some twenty fields and the System Log millions of events,
// and only these are kept; copying the rest into every parsed event would be most of the cost of reading it.
const party = z.object({ id: z.string(), type: z.string(), alternateId: optionalText, displayName: optionalText });

const eventSchema = z.object({
  uuid: z.string().min(1),
  published,
  eventType: z.string().min(1),
  outcome: z.object({ result: z.string(), reason: optionalText }).nullable().optional(),
  actor: party,
  client: z.object({ ipAddress: optionalText }).nullable().optional(),
  target: z.array(party).nullable().optional(),
});

const name = (who: z.output<typeof party>) => ({ id: who.id, type: who.type, alternateId: who.alternateId ?? null, displayName: who.displayName ?? null });

function toEvent(event: z.output<typeof eventSchema>): OktaLogEvent {
  return {
    uuid: event.uuid,
    published: event.published,
    eventType: event.eventType,
    outcome: event.outcome?.result ?? null,
    outcomeReason: event.outcome?.reason ?? null,
    actor: name(event.actor),
    clientIp: event.client?.ipAddress ?? null,
    targets: (event.target ?? []).map(name),
  };
}

type Party = OktaLogEvent['actor'];

/** A party (actor or target) the `party` schema accepts, as `name` makes it; undefined for anything else. */
function fastParty(value: unknown): Party | undefined {
  if (!isJsonObject(value)) return undefined;
  const { id, type, alternateId, displayName } = value;
  if (typeof id !== 'string' || typeof type !== 'string' || !isOptionalText(alternateId) || !isOptionalText(displayName)) return undefined;
  return { id, type, alternateId: alternateId ?? null, displayName: displayName ?? null };
}

function fastTargets(value: unknown): Party[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  const targets: Party[] = [];
  for (const item of value) {
    const target = fastParty(item);
    if (target === undefined) return undefined;
    targets.push(target);
  }
  return targets;
}

/** The event `toEvent` makes of a value `eventSchema` accepts, read by hand; undefined for anything else, which the schema decides. */
function fastEvent(value: unknown): OktaLogEvent | undefined {
  if (!isJsonObject(value)) return undefined;
  const { uuid, eventType, outcome, client } = value;
  if (!isFilledText(uuid) || !isFilledText(eventType) || typeof value.published !== 'string') return undefined;
  const time = parseInstantMs(value.published);
  const actor = fastParty(value.actor);
  const targets = fastTargets(value.target);
  if (time === undefined || actor === undefined || targets === undefined) return undefined;
  let result: string | null = null;
  let reason: string | null = null;
  let clientIp: string | null = null;
  if (outcome !== undefined && outcome !== null) {
    if (!isJsonObject(outcome) || typeof outcome.result !== 'string' || !isOptionalText(outcome.reason)) return undefined;
    result = outcome.result;
    reason = outcome.reason ?? null;
  }
  if (client !== undefined && client !== null) {
    if (!isJsonObject(client) || !isOptionalText(client.ipAddress)) return undefined;
    clientIp = client.ipAddress ?? null;
  }
  return { uuid, published: time, eventType, outcome: result, outcomeReason: reason, actor, clientIp, targets };
}

/** How an event is read: by hand for the usual shape, by the schema for the rest. */
export const EVENT_READER: RecordReader<typeof eventSchema, OktaLogEvent> = { schema: eventSchema, convert: toEvent, fast: fastEvent };

/**
 * Walking each parsed event for nesting depth and numbers would cost the hot path: an event keeps only the strings
 * the schema checks, and the rest (where deep nesting or a huge number could be) is dropped unread, as CloudTrail's is.
 */
const PARSE_OPTIONS = { hint: HINT, checkLimits: false } as const;

/** The events of one file: a page of the API (a JSON array) or NDJSON, one event per line. */
function* readLogFile(file: SourceText): Iterable<OktaLogEvent> {
  assertNotEmpty(file, 'Okta System Log events', HINT);
  if (file.text.trimStart().startsWith('[')) {
    yield* readRecords(EVENT_READER, parseJsonText(file.text, file.display, PARSE_OPTIONS), [], { text: file.text, display: file.display, hint: HINT });
    return;
  }
  yield* ndjsonRecords(file, EVENT_READER, HINT, { checkLimits: false });
}

const SIGN_IN_EVENTS = new Set(['user.session.start', 'user.authentication.sso']);

/** A sign-in to Okta (`user.session.start`) or to an app through it (`user.authentication.sso`); other events are none. */
export function signIn(event: OktaLogEvent): IdentitySignIn | undefined {
  if (!SIGN_IN_EVENTS.has(event.eventType)) return undefined;
  const app = event.targets.find((target) => target.type === 'AppInstance');
  return {
    provider: 'okta',
    eventId: event.uuid,
    time: event.published,
    accountId: event.actor.type === 'User' ? event.actor.id : null,
    login: event.actor.alternateId,
    success: event.outcome === 'SUCCESS' || event.outcome === 'ALLOW',
    // The event does not say; MFA is its own event (user.authentication.auth_via_mfa).
    mfaUsed: null,
    sourceIp: event.clientIp,
    application: event.eventType === 'user.session.start' ? 'Okta' : (app?.displayName ?? app?.alternateId ?? null),
  };
}

export default defineSource({
  type: 'okta/system-log',
  kind: 'stream',
  description:
    'Okta System Log events, streamed file by file: the pages of `GET /api/v1/logs` saved unchanged (bare JSON arrays) or NDJSON, one event per line. Events are counted once by `uuid` and judged by `published`. Sign-ins to Okta (`user.session.start`) and to apps through it (`user.authentication.sso`) are offered as `identity/sign-ins`.',
  readFile: readLogFile,
  dispatchKey: (event) => event.eventType,
  recordId: (event) => event.uuid,
  recordTime: (event) => event.published,
  views: { 'identity/sign-ins': signIn },
});
