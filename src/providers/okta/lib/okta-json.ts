import { z } from 'zod';
import type { SourceText } from '../../../kit/define-source.js';
import { instantField } from '../../../kit/formats/instant.js';
import { parseJsonText, validateJson } from '../../../kit/formats/json.js';
import { assertNotEmpty } from '../../../kit/formats/text.js';

export const EXPORT_HINT =
  'Save each page of the Okta API response unchanged (a bare JSON array), e.g. with src/providers/okta/export.sh; factor lists go one file per user, named by the user id.';

/** An Okta date-time (`2021-10-14T09:04:48.000Z`), strictly: an impossible date is an error at its value. */
export const oktaInstant = instantField('2021-10-14T09:04:48.000Z');

/** One file of an Okta listing: a bare JSON array, validated item by item with `item`. */
export function readOktaArray<S extends z.ZodType>(file: SourceText, item: S, what: string): z.output<S>[] {
  assertNotEmpty(file, what, EXPORT_HINT);
  return validateJson(z.array(item), parseJsonText(file.text, file.display, EXPORT_HINT), file.text, file.display, EXPORT_HINT);
}
