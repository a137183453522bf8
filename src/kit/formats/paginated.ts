// A listing cut short: APIs and CLIs mark a page that is not the last one (AWS `NextToken` or `IsTruncated`,
// Microsoft Graph `@odata.nextLink`, ...). A file that still holds such a marker is a partial export, never data.
import { UserError, type Position } from '../../core/errors.js';
import type { SourceText } from '../files/read-file.js';
import { jsonPathPosition } from './json.js';

/** The markers of one tool: a key whose presence marks a next page, or a key whose value `true` does. */
export interface PageMarkers {
  present?: readonly string[];
  whenTrue?: readonly string[];
  /** How to export every page, for the hint. */
  hint: string;
}

/** Throws at the marker when the top level of `document` holds one. */
export function rejectPartialExport(document: Readonly<Record<string, unknown>>, file: SourceText, markers: PageMarkers): void {
  const key = pageMarkerIn(document, markers);
  if (key !== undefined) throw partialExportError(key, { file: file.display, ...jsonPathPosition(file.text, [key]) }, markers);
}

/** The key of the first marker the top level of `document` holds. */
export function pageMarkerIn(document: Readonly<Record<string, unknown>>, markers: PageMarkers): string | undefined {
  return markers.present?.find((candidate) => candidate in document) ?? markers.whenTrue?.find((candidate) => document[candidate] === true);
}

/** The error for a page marker under `key`, whose value is at `position`. */
export function partialExportError(key: string, position: Position, markers: PageMarkers): UserError {
  return new UserError(`Partial export: the file has "${key}", so the export stopped before the last page`, { position, hint: markers.hint });
}
