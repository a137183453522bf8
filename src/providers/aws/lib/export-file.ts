import type { z } from 'zod';
import { UserError } from '../../../core/errors.js';
import { pathInCatalog, type SourceText } from '../../../kit/define-source.js';
import { parseJsonText, validateJson } from '../../../kit/formats/json.js';
import { assertNotEmpty } from '../../../kit/formats/text.js';
import { rejectPartialExport } from '../../../kit/formats/paginated.js';

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;
const ACCOUNT_ID = /^\d{12}$/;

/** One JSON form a source accepts, recognised by a top-level key only that form has. */
export interface DocumentForm<T> {
  key: string;
  schema: z.ZodType<T>;
}

/** What a file of one source type must hold, for messages: the forms' names and the command that writes them. */
export interface ExportDescription {
  expected: string;
  hint: string;
}

/**
 * Reads one AWS CLI JSON export in one of several forms: an empty file is a failed call (not an empty result), a
 * `NextToken` marks a listing cut short by `--max-items`, and a JSON error or a value of the wrong type is reported
 * at its line and column.
 */
export function readAwsDocument<T>(file: SourceText, forms: readonly DocumentForm<T>[], description: ExportDescription): T {
  assertNotEmpty(file, description.expected, `An empty file is what a failed AWS CLI call leaves behind, not an empty result. ${description.hint}`);
  const document = parseJsonText(file.text, file.display, description.hint);
  const form = isObject(document) ? forms.find((candidate) => candidate.key in document) : undefined;
  if (!isObject(document) || !form) throw notThisExport(file, description, document);
  rejectPartialExport(document, file, { present: ['NextToken'], hint: `Export again without --max-items; the CLI then follows every page itself. ${description.hint}` });
  return validateJson(form.schema, document, file.text, file.display, description.hint);
}

/** The error for a JSON document that is not the export a source reads, saying what its top level holds instead. */
export function notThisExport(file: SourceText, description: ExportDescription, document: unknown): UserError {
  return new UserError(`Expected ${description.expected}; found ${describeTop(document)}`, {
    position: { file: file.display, line: 1, col: 1 },
    hint: description.hint,
  });
}

/** The region of a regional export: the last folder of its path named like one (`.../eu-west-1/kms-keys.json`). */
export function regionInPath(display: string): string | null {
  return lastSegment(display, REGION);
}

/** The account of an export: the last folder of its path that is a 12-digit account id (`.../210987654321/...`). */
export function accountInPath(display: string): string | null {
  return lastSegment(display, ACCOUNT_ID);
}

/** The region of a regional export, which the JSON of most calls does not name; throws when the path does not say. */
export function requireRegion(file: SourceText, command: string): string {
  const region = regionInPath(pathInCatalog(file));
  if (region) return region;
  throw new UserError(`Cannot tell which region this export is from: the output of ${command} does not name it`, {
    position: { file: file.display },
    hint: 'Put each region\'s file in a folder named after the region, as src/providers/aws/export.sh does (<account>/eu-west-1/...).',
  });
}

/** Region and account of an ARN (`arn:aws:kms:eu-west-1:210987654321:key/...`); parts that are empty become null. */
export function arnParts(arn: string): { region: string | null; accountId: string | null } {
  const parts = arn.split(':');
  return { region: parts[3] || null, accountId: parts[4] || null };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function lastSegment(display: string, pattern: RegExp): string | null {
  const folders = display.split(/[\\/]/).slice(0, -1);
  return folders.reverse().find((folder) => pattern.test(folder)) ?? null;
}

function describeTop(value: unknown): string {
  if (!isObject(value)) return Array.isArray(value) ? 'an array' : `${value === null ? 'null' : `a ${typeof value}`}`;
  const keys = Object.keys(value);
  return keys.length === 0 ? 'an empty object' : `an object with keys ${keys.slice(0, 5).join(', ')}`;
}
