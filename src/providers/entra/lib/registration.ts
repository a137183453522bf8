import { z } from 'zod';
import type { SourceText } from '../../../kit/define-source.js';
import { assertLastPagePresent, expectListing, graphInstant, readGraphPage, type GraphPage } from './graph-json.js';

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
export function registrationsOf(pages: readonly GraphPage<z.output<typeof registrationSchema>>[]): EntraRegistration[] {
  for (const page of pages) expectListing(page, 'registration-details');
  assertLastPagePresent(pages, 'userRegistrationDetails');
  return pages.flatMap((page) => page.items.map(toRegistration));
}

export const readRegistrationPage = (file: SourceText, document: unknown) => readGraphPage(file, document, registrationSchema);
