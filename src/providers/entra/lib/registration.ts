import { z } from 'zod';
import type { SourceText } from '../../../kit/define-source.js';
import { fastNullableInstant } from '../../../kit/formats/instant.js';
import { isFilledText, isJsonObject, isTextList, type RecordReader } from '../../../kit/formats/records.js';
import { assertLastPagePresent, expectListing, graphInstant, readGraphRecords, type GraphPage } from './graph-json.js';

/** One user's authentication-method registration, as `GET /reports/authenticationMethods/userRegistrationDetails` lists it. */
export interface EntraRegistration {
  /** The user's object id: the key to entra/users. */
  id: string;
  userPrincipalName: string;
  isAdmin: boolean;
  isMfaRegistered: boolean;
  isMfaCapable: boolean;
  methodsRegistered: readonly string[];
  lastUpdatedDateTime: Date | null;
}

export const registrationSchema = z.looseObject({
  id: z.string().min(1),
  userPrincipalName: z.string(),
  isAdmin: z.boolean(),
  isMfaRegistered: z.boolean(),
  isMfaCapable: z.boolean(),
  methodsRegistered: z.array(z.string()),
  lastUpdatedDateTime: graphInstant.nullable().optional(),
});

export function toRegistration(item: z.output<typeof registrationSchema>): EntraRegistration {
  return {
    id: item.id,
    userPrincipalName: item.userPrincipalName,
    isAdmin: item.isAdmin,
    isMfaRegistered: item.isMfaRegistered,
    isMfaCapable: item.isMfaCapable,
    methodsRegistered: item.methodsRegistered,
    lastUpdatedDateTime: item.lastUpdatedDateTime ?? null,
  };
}

/** The registrations of every page, refusing a listing whose last page is missing. */
export function registrationsOf(pages: readonly GraphPage<EntraRegistration>[]): EntraRegistration[] {
  for (const page of pages) expectListing(page, 'registration-details');
  assertLastPagePresent(pages, 'userRegistrationDetails');
  return pages.flatMap((page) => page.items);
}

/** The registration `toRegistration` makes of a value `registrationSchema` accepts, read by hand; undefined for anything else. */
function fastRegistration(value: unknown): EntraRegistration | undefined {
  if (!isJsonObject(value)) return undefined;
  const { id, userPrincipalName, isAdmin, isMfaRegistered, isMfaCapable, methodsRegistered } = value;
  if (!isFilledText(id) || typeof userPrincipalName !== 'string' || typeof isAdmin !== 'boolean' || typeof isMfaRegistered !== 'boolean' || typeof isMfaCapable !== 'boolean') return undefined;
  if (!isTextList(methodsRegistered)) return undefined;
  const lastUpdatedDateTime = fastNullableInstant(value.lastUpdatedDateTime);
  if (lastUpdatedDateTime === undefined) return undefined;
  return { id, userPrincipalName, isAdmin, isMfaRegistered, isMfaCapable, methodsRegistered, lastUpdatedDateTime };
}

/** How a registration is read: by hand for the usual shape, by the schema for the rest. */
export const REGISTRATION_READER: RecordReader<typeof registrationSchema, EntraRegistration> = { schema: registrationSchema, convert: toRegistration, fast: fastRegistration };

export const readRegistrationPage = (file: SourceText, document: unknown) => readGraphRecords(file, document, REGISTRATION_READER);
