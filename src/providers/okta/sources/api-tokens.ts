import { z } from 'zod';
import { defineSource, type SourceText } from '../../../kit/define-source.js';
import { oktaInstant, readOktaArray } from '../lib/okta-json.js';

/** One active API token (SSWS) of the org, as `GET /api/v1/api-tokens` lists its metadata (never the secret). */
export interface OktaApiToken {
  id: string;
  name: string;
  /** The user who created the token: it acts with that user's admin permissions. */
  userId: string;
  /** `Okta API` for a token made in the admin console, else the client that asked for it. */
  clientName: string | null;
  created: Date;
  lastUpdated: Date | null;
  /** When the token expires unless used: each use moves it one `tokenWindow` on. */
  expiresAt: Date | null;
  /** `tokenWindow` as Okta writes it, an ISO 8601 duration (`PT720H`, thirty days): how long the token may go unused. */
  tokenWindow: string | null;
  tokenWindowMs: number | null;
  /** `network.connection`: `ANYWHERE`, or `ZONE` when the token is bound to network zones. */
  networkConnection: string | null;
}

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'okta/api-tokens': OktaApiToken;
  }
}

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const UNIT_MS = [7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000] as const;

/** An ISO 8601 duration of weeks, days, hours, minutes and seconds in ms; undefined for anything else (months and years vary). */
export function isoDurationMs(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  return UNIT_MS.reduce((sum, unit, index) => sum + Number(match[index + 1] ?? 0) * unit, 0);
}

const tokenWindow = z.string().transform((text, context) => {
  const ms = isoDurationMs(text);
  if (ms !== undefined) return { text, ms };
  context.addIssue({ code: 'custom', message: `expected an ISO 8601 duration like PT720H, found ${JSON.stringify(text)}` });
  return z.NEVER;
});

const optionalText = z.string().nullable().optional();

const tokenSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  userId: z.string().min(1),
  clientName: optionalText,
  created: oktaInstant,
  lastUpdated: oktaInstant.nullable().optional(),
  expiresAt: oktaInstant.nullable().optional(),
  tokenWindow: tokenWindow.nullable().optional(),
  network: z.looseObject({ connection: optionalText }).nullable().optional(),
});

function readFile(file: SourceText): OktaApiToken[] {
  return readOktaArray(file, tokenSchema, 'an Okta API token listing').map((token) => ({
    id: token.id,
    name: token.name,
    userId: token.userId,
    clientName: token.clientName ?? null,
    created: token.created,
    lastUpdated: token.lastUpdated ?? null,
    expiresAt: token.expiresAt ?? null,
    tokenWindow: token.tokenWindow?.text ?? null,
    tokenWindowMs: token.tokenWindow?.ms ?? null,
    networkConnection: token.network?.connection ?? null,
  }));
}

/** The start of the token's idle window (`expiresAt` minus `tokenWindow`): its last use, or its creation if never used; null when the export lacks either. */
export function lastUseOf(token: OktaApiToken): Date | null {
  if (token.expiresAt === null || token.tokenWindowMs === null) return null;
  return new Date(token.expiresAt.getTime() - token.tokenWindowMs);
}

export default defineSource({
  type: 'okta/api-tokens',
  kind: 'batch',
  description:
    'Okta API tokens (SSWS): the pages of `GET /api/v1/api-tokens` saved unchanged (bare JSON arrays), which list the metadata of the org\'s active tokens, never the secret. One record per token: id, name, the user who created it (the token acts with that user\'s permissions), client name, created, last updated, expiry, `tokenWindow` (an ISO 8601 duration such as `PT720H`: how long the token may go unused before Okta revokes it) and `network.connection` (`ANYWHERE` or `ZONE`). Okta moves `expiresAt` one `tokenWindow` on with every use, so `expiresAt` minus `tokenWindow` is the last use (or the creation), as checks read it; a token whose expiry has passed no longer works. A duration in months or years, or any other unreadable value, is an error at its value.',
  read: (files) => files.flatMap(readFile),
});
