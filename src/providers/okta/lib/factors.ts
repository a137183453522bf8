import { z } from 'zod';
import type { SourceText } from '../../../kit/define-source.js';
import type { MfaFactor } from '../../../kit/views/identity/accounts.js';
import { fastInstant } from '../../../kit/formats/instant.js';
import { isFilledText, isJsonObject, type RecordReader } from '../../../kit/formats/records.js';
import { oktaInstant, readOktaRecords, requireUserFileId } from './okta-json.js';

/** One factor a user enrolled, as `GET /api/v1/users/{userId}/factors` lists it. */
export interface OktaFactor {
  /** The user the list belongs to: the file's name (`00u1a2b3c4d5e6f7g8h9.json`). */
  userId: string;
  id: string;
  /** `call, email, push, question, signed_nonce, sms, token, token:hardware, token:hotp, token:software:totp, u2f, web, webauthn`. */
  factorType: string;
  provider: string;
  /** `ACTIVE, DISABLED, ENROLLED, EXPIRED, INACTIVE, NOT_SETUP, PENDING_ACTIVATION`. */
  status: string;
  created: Date | null;
  lastUpdated: Date | null;
}

const factorSchema = z.looseObject({
  id: z.string().min(1),
  factorType: z.string().min(1),
  provider: z.string(),
  status: z.string(),
  created: oktaInstant.optional(),
  lastUpdated: oktaInstant.optional(),
});

type FactorItem = z.output<typeof factorSchema>;

const toFactor = (userId: string, factor: FactorItem): OktaFactor => ({
  userId,
  id: factor.id,
  factorType: factor.factorType,
  provider: factor.provider,
  status: factor.status,
  created: factor.created ?? null,
  lastUpdated: factor.lastUpdated ?? null,
});

/** An optional date-time as `oktaInstant.optional()` reads it (null where absent); undefined when it would be refused. */
function fastOptionalInstant(value: unknown): Date | null | undefined {
  return value === undefined ? null : fastInstant(value);
}

/** The factor `toFactor` makes of a value `factorSchema` accepts, read by hand; undefined for anything else. */
function fastFactor(userId: string, value: unknown): OktaFactor | undefined {
  if (!isJsonObject(value)) return undefined;
  const { id, factorType, provider, status } = value;
  const created = fastOptionalInstant(value.created);
  const lastUpdated = fastOptionalInstant(value.lastUpdated);
  if (!isFilledText(id) || !isFilledText(factorType) || typeof provider !== 'string' || typeof status !== 'string' || created === undefined || lastUpdated === undefined) return undefined;
  return { userId, id, factorType, provider, status, created, lastUpdated };
}

/** How the factors of one user's file are read: by hand for the usual shape, by the schema for the rest. */
export function factorReader(userId: string): RecordReader<typeof factorSchema, OktaFactor> {
  return { schema: factorSchema, convert: (factor) => toFactor(userId, factor), fast: (value) => fastFactor(userId, value) };
}

/** The factors of one file: `<userId>.json` holding the user's factor list unchanged. */
export function readFactorFile(file: SourceText): OktaFactor[] {
  return readOktaRecords(file, factorReader(requireUserFileId(file, 'factor list')), 'an Okta factor list');
}

const PHISHING_RESISTANT = new Set(['webauthn', 'u2f', 'signed_nonce']);
const KINDS: Readonly<Record<string, { kind: string; strength: MfaFactor['strength'] }>> = {
  'token:software:totp': { kind: 'totp', strength: 'strong' },
  push: { kind: 'push', strength: 'strong' },
  'token:hardware': { kind: 'hardware-token', strength: 'strong' },
  'token:hotp': { kind: 'hardware-token', strength: 'strong' },
  token: { kind: 'hardware-token', strength: 'strong' },
  sms: { kind: 'sms', strength: 'weak' },
  call: { kind: 'voice', strength: 'weak' },
  email: { kind: 'email', strength: 'weak' },
};

/** A factor's kind and strength: FIDO (WebAuthn, U2F) and FastPass (signed_nonce) resist phishing; OTP and push are strong; SMS, voice and e-mail weak. */
export function mfaFactorOf(factorType: string): MfaFactor {
  if (PHISHING_RESISTANT.has(factorType)) return { kind: factorType === 'signed_nonce' ? 'fastpass' : 'webauthn', strength: 'phishing-resistant' };
  return KINDS[factorType] ?? { kind: 'unknown', strength: 'unknown' };
}

/** Only an active factor can be used to sign in. */
export function isActiveFactor(factor: OktaFactor): boolean {
  return factor.status === 'ACTIVE';
}
