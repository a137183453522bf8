import { z } from 'zod';
import { UserError } from '../../../core/errors.js';
import type { SourceText } from '../../../kit/define-source.js';
import { instantField } from '../../../kit/formats/instant.js';
import { jsonPathPosition, parseJsonText, validateJson } from '../../../kit/formats/json.js';
import { readRecords, schemaReader, type RecordReader } from '../../../kit/formats/records.js';
import { assertNotEmpty } from '../../../kit/formats/text.js';

export const EXPORT_HINT =
  'Save each page of the Microsoft Graph response unchanged ({"@odata.context", "value": [...], "@odata.nextLink"}), e.g. with src/providers/entra/export.sh.';

/** A Graph date-time (`2023-03-13T19:15:41.6195833Z`: whole seconds or 7 fractional digits), strictly. */
export const graphInstant = instantField('2023-03-13T19:15:41.6195833Z');

/** What a Graph page lists, from its `@odata.context` (`…/$metadata#users(id,…)`). */
export type GraphListing = 'users' | 'registration-details' | 'directory-roles' | 'sign-ins';

const LISTINGS: readonly [GraphListing, RegExp][] = [
  ['users', /#users(?:\(|$)/],
  ['registration-details', /#reports\/authenticationMethods\/userRegistrationDetails(?:\(|$)/],
  ['directory-roles', /#directoryRoles(?:\(|$)/],
  ['sign-ins', /#auditLogs\/signIns(?:\(|$)/],
];

const pageShape = z.looseObject({ '@odata.context': z.string().optional(), '@odata.nextLink': z.string().optional(), value: z.array(z.unknown()) });

/** One file of a Graph listing: its items, what its context says it lists (undefined without a context), and whether a page follows. */
export interface GraphPage<T> {
  file: SourceText;
  listing: GraphListing | undefined;
  items: T[];
  /** Where the items stand in the file: under `value`, or at the top of a flat array. */
  itemsPath: readonly PropertyKey[];
  hasNextLink: boolean;
}

/** The parsed JSON of a non-empty file. */
export function parseGraphFile(file: SourceText, what: string): unknown {
  assertNotEmpty(file, what, EXPORT_HINT);
  return parseJsonText(file.text, file.display, EXPORT_HINT);
}

/** What a page lists by its `@odata.context`; a context of some other listing is an error at it. */
export function listingOf(document: unknown, file: SourceText): GraphListing | undefined {
  const context = validateJson(pageShape, document, file.text, file.display, EXPORT_HINT)['@odata.context'];
  if (context === undefined) return undefined;
  const found = LISTINGS.find(([, pattern]) => pattern.test(context));
  if (found) return found[0];
  throw new UserError(`Expected a page of users, userRegistrationDetails, directoryRoles or signIns, found "@odata.context": ${JSON.stringify(context)}`, {
    position: { file: file.display, ...jsonPathPosition(file.text, ['@odata.context']) },
    hint: EXPORT_HINT,
  });
}

/** One Graph page (`{"value": [...]}`), its items validated with `item` at their place in the file. */
export function readGraphPage<S extends z.ZodType>(file: SourceText, document: unknown, item: S): GraphPage<z.output<S>> {
  return readGraphRecords(file, document, schemaReader(item));
}

const pageItems = z.looseObject({ '@odata.nextLink': z.string().optional(), value: z.array(z.unknown()) });

/** One Graph page, its items read by `reader` (its fast path, else its schema) at their place in the file. */
export function readGraphRecords<S extends z.ZodType, T>(file: SourceText, document: unknown, reader: RecordReader<S, T>): GraphPage<T> {
  const listing = listingOf(document, file);
  const page = validateJson(pageItems, document, file.text, file.display, EXPORT_HINT);
  const items = readRecords(reader, page.value, ['value'], { text: file.text, display: file.display, hint: EXPORT_HINT });
  return { file, listing, items, itemsPath: ['value'], hasNextLink: page['@odata.nextLink'] !== undefined };
}

/** Throws when `expected` is not what the page lists (a users page bound as registration details, say). */
export function expectListing(page: GraphPage<unknown>, expected: GraphListing): void {
  if (page.listing === undefined || page.listing === expected) return;
  throw new UserError(`Expected a page of ${expected}, found a page of ${page.listing}`, {
    position: { file: page.file.display, ...jsonPathPosition(page.file.text, ['@odata.context']) },
    hint: EXPORT_HINT,
  });
}

/**
 * Every page but the last of a listing carries `@odata.nextLink`: when each page read does, the last one is missing
 * and the listing is partial (a missing middle page cannot be seen).
 */
export function assertLastPagePresent(pages: readonly GraphPage<unknown>[], what: string): void {
  const last = pages.at(-1);
  if (last === undefined || !pages.every((page) => page.hasNextLink)) return;
  throw new UserError(`Partial export: every page of ${what} has "@odata.nextLink", so the last page is missing`, {
    position: { file: last.file.display, ...jsonPathPosition(last.file.text, ['@odata.nextLink']) },
    hint: 'Export again and keep every page until one has no @odata.nextLink (src/providers/entra/export.sh follows them).',
  });
}
