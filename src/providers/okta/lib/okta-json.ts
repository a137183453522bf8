import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../../../core/errors.js';
import { pathInCatalog, type SourceText } from '../../../kit/define-source.js';
import { instantField } from '../../../kit/formats/instant.js';
import { parseJsonText } from '../../../kit/formats/json.js';
import { readRecords, schemaReader, type RecordReader } from '../../../kit/formats/records.js';
import { assertNotEmpty } from '../../../kit/formats/text.js';

export const EXPORT_HINT =
  'Save each page of the Okta API response unchanged (a bare JSON array), e.g. with src/providers/okta/export.sh; factor and role lists go one file per user, named by the user id.';

/** An Okta date-time (`2021-10-14T09:04:48.000Z`), strictly: an impossible date is an error at its value. */
export const oktaInstant = instantField('2021-10-14T09:04:48.000Z');

/** One file of an Okta listing: a bare JSON array, validated item by item with `item`. */
export function readOktaArray<S extends z.ZodType>(file: SourceText, item: S, what: string): z.output<S>[] {
  return readOktaRecords(file, schemaReader(item), what);
}

/** One file of an Okta listing: a bare JSON array, each item read by `reader` (its fast path, else its schema). */
export function readOktaRecords<S extends z.ZodType, T>(file: SourceText, reader: RecordReader<S, T>, what: string): T[] {
  assertNotEmpty(file, what, EXPORT_HINT);
  return readRecords(reader, parseJsonText(file.text, file.display, EXPORT_HINT), [], { text: file.text, display: file.display, hint: EXPORT_HINT });
}

const USER_ID = /^00u[0-9A-Za-z]+$/;

/** The user a per-user file (factors, roles) belongs to, from its name (`00u1a2b3c4d5e6f7g8h9.json`). */
export function userFileId(file: SourceText): string | undefined {
  const name = path.posix.basename(pathInCatalog(file).replace(/\\/g, '/')).replace(/\.json(?:\.gz)?$/, '');
  return USER_ID.test(name) ? name : undefined;
}

/** The user id a per-user list file is named by; a file named otherwise is an error, as its list would belong to nobody. */
export function requireUserFileId(file: SourceText, list: string): string {
  const userId = userFileId(file);
  if (userId !== undefined) return userId;
  throw new UserError(`Expected a ${list} named by its user's id (00u….json), found the file name "${path.basename(file.display)}"`, {
    position: { file: file.display, line: 1, col: 1 },
    hint: EXPORT_HINT,
  });
}

/** Whether a file lies directly in a folder named `folder` (`factors/00u….json`): a per-user list the users source joins. */
export function isInFolder(file: SourceText, folder: string): boolean {
  return new RegExp(`(^|/)${folder}/[^/]+$`).test(pathInCatalog(file).replace(/\\/g, '/'));
}

/** One per-user list file (`factors/<userId>.json`, `roles/<userId>.json`): its items validated with `item`, each with the user it belongs to. */
export function readUserList<S extends z.ZodType, T>(file: SourceText, item: S, list: string, toRecord: (userId: string, value: z.output<S>) => T): T[] {
  const userId = requireUserFileId(file, list);
  return readOktaArray(file, item, `an Okta ${list}`).map((value) => toRecord(userId, value));
}
