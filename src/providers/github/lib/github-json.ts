import { z } from 'zod';
import type { SourceText } from '../../../kit/define-source.js';
import { instantField } from '../../../kit/formats/instant.js';
import { parseJsonText, validateJson } from '../../../kit/formats/json.js';
import { assertNotEmpty } from '../../../kit/formats/text.js';

export const EXPORT_HINT =
  'Save the REST listing unchanged: one page (a bare JSON array) per file, or every page at once with `gh api --paginate --slurp` (an array of pages), e.g. with src/providers/github/export.sh.';

/** A GitHub REST date-time (`2024-01-15T09:30:00Z`), strictly: an impossible date is an error at its value. */
export const githubInstant = instantField('2024-01-15T09:30:00Z');

/**
 * One file of a GitHub REST listing, validated item by item with `item`: a bare JSON array (one page, as the API
 * returns it) or an array of such pages (what `gh api --paginate --slurp` writes).
 */
export function readGithubListing<S extends z.ZodType>(file: SourceText, item: S, what: string): z.output<S>[] {
  assertNotEmpty(file, what, EXPORT_HINT);
  const value = parseJsonText(file.text, file.display, EXPORT_HINT);
  const slurped = Array.isArray(value) && value.length > 0 && value.every(Array.isArray);
  if (!slurped) return validateJson(z.array(item), value, file.text, file.display, EXPORT_HINT);
  return validateJson(z.array(z.array(item)), value, file.text, file.display, EXPORT_HINT).flat() as z.output<S>[];
}
