import { z } from 'zod';
import { UserError } from '../../../core/errors.js';
import { defineSource, type SourceText } from '../../../kit/define-source.js';
import type { IdentitySignIn } from '../../../kit/views/identity/sign-ins.js';
import { EXPORT_HINT, expectListing, graphInstant, parseGraphFile, readGraphPage } from '../lib/graph-json.js';

/** One Entra sign-in (`GET /v1.0/auditLogs/signIns`), the fields checks read. */
export interface EntraSignIn {
  id: string;
  /** Epoch milliseconds. */
  createdDateTime: number;
  userId: string | null;
  userPrincipalName: string | null;
  appDisplayName: string | null;
  ipAddress: string | null;
  /** 0: success; anything else names the failure. */
  errorCode: number;
  /** `multiFactorAuthentication` or `singleFactorAuthentication`; null when the record does not say. */
  authenticationRequirement: string | null;
  /** Whether a multi-factor step of `authenticationDetails` succeeded; null without steps. */
  mfaStepSucceeded: boolean | null;
  isInteractive: boolean | null;
}

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'entra/sign-ins': EntraSignIn;
  }
}

const optionalText = z.string().nullable().optional();
const step = z.looseObject({ authenticationStepRequirement: optionalText, succeeded: z.boolean().nullable().optional() });

const signInSchema = z.looseObject({
  id: z.string().min(1),
  createdDateTime: graphInstant.transform((date) => date.getTime()),
  userId: optionalText,
  userPrincipalName: optionalText,
  appDisplayName: optionalText,
  ipAddress: optionalText,
  status: z.looseObject({ errorCode: z.number().int() }),
  authenticationRequirement: optionalText,
  authenticationDetails: z.array(step).nullable().optional(),
  isInteractive: z.boolean().nullable().optional(),
});

// `Multifactor authentication` in the portal's wording; `multiFactorAuthentication` as some exports spell it.
const MULTI_FACTOR_STEP = /^multi-?factor ?authentication$/i;

function toSignIn(item: z.output<typeof signInSchema>): EntraSignIn {
  const steps = item.authenticationDetails ?? [];
  return {
    id: item.id,
    createdDateTime: item.createdDateTime,
    userId: item.userId || null,
    userPrincipalName: item.userPrincipalName || null,
    appDisplayName: item.appDisplayName || null,
    ipAddress: item.ipAddress || null,
    errorCode: item.status.errorCode,
    authenticationRequirement: item.authenticationRequirement || null,
    mfaStepSucceeded: steps.length === 0 ? null : steps.some((entry) => entry.succeeded === true && MULTI_FACTOR_STEP.test(entry.authenticationStepRequirement ?? '')),
    isInteractive: item.isInteractive ?? null,
  };
}

/** The sign-ins of one page; a page without sign-ins' context or holding an array is refused. */
function readSignInFile(file: SourceText): EntraSignIn[] {
  const document = parseGraphFile(file, 'a page of Entra sign-ins');
  if (Array.isArray(document)) {
    throw new UserError('Expected a page of sign-ins ({"value": [...]}), found an array', { position: { file: file.display, line: 1, col: 1 }, hint: EXPORT_HINT });
  }
  const page = readGraphPage(file, document, signInSchema);
  expectListing(page, 'sign-ins');
  return page.items.map(toSignIn);
}

/**
 * Whether a second factor was used: a succeeded multi-factor step, or a successful sign-in that required MFA; false
 * when only a single factor was required and no multi-factor step is logged; null when the record does not say.
 */
export function mfaUsedIn(signIn: EntraSignIn): boolean | null {
  if (signIn.mfaStepSucceeded === true) return true;
  if (signIn.authenticationRequirement === 'multiFactorAuthentication') return signIn.errorCode === 0 ? true : null;
  if (signIn.authenticationRequirement === 'singleFactorAuthentication') return false;
  return signIn.mfaStepSucceeded === false ? false : null;
}

/** Every Entra sign-in record is a sign-in attempt. */
export function signIn(record: EntraSignIn): IdentitySignIn {
  return {
    provider: 'entra',
    eventId: record.id,
    time: record.createdDateTime,
    accountId: record.userId,
    login: record.userPrincipalName,
    success: record.errorCode === 0,
    mfaUsed: mfaUsedIn(record),
    sourceIp: record.ipAddress,
    application: record.appDisplayName,
  };
}

export default defineSource({
  type: 'entra/sign-ins',
  kind: 'stream',
  description:
    'Microsoft Entra ID sign-in logs, streamed file by file: the pages of `GET /v1.0/auditLogs/signIns` saved unchanged (`{"@odata.context", "value": [...], "@odata.nextLink"}`; each file is read alone, so a missing last page cannot be seen: export a bounded `createdDateTime` window). Records are counted once by `id` and judged by `createdDateTime`. Every record is offered as `identity/sign-ins`: `status.errorCode` 0 is a success; MFA was used when a multi-factor step of `authenticationDetails` succeeded or a successful sign-in required `multiFactorAuthentication`, not when only `singleFactorAuthentication` was required, and unknown (null) when the record says neither.',
  readFile: readSignInFile,
  dispatchKey: (record) => (record.errorCode === 0 ? 'success' : 'failure'),
  recordId: (record) => record.id,
  recordTime: (record) => record.createdDateTime,
  views: { 'identity/sign-ins': signIn },
});
