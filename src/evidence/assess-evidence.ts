import type { EvidenceSpec } from '../catalog/schema.js';
import type { EvidenceResult } from '../report/model.js';
import { addDuration, formatDate, parseDate, parseDuration, startOfDay } from '../core/time.js';
import type { ExistsVerdict } from '../core/vocabulary.js';

/** What the engine found on disk for a document item; `undefined` when the file is absent. */
export interface DocumentFacts {
  path: string;
  sha256: string;
}

/** The exists lens for one evidence item at as-of: fresh, stale (past max_age) or missing. */
export function assessEvidenceItem(spec: EvidenceSpec, asOf: Date, document?: DocumentFacts): EvidenceResult {
  const base: EvidenceResult = { kind: spec.kind, title: spec.title, status: 'missing', max_age: spec.max_age };
  if (spec.kind === 'document') {
    base.path = document?.path ?? spec.path;
    if (!document) return { ...base, date: spec.date, reason: `document not found: ${spec.path}` };
    base.sha256 = document.sha256;
  }
  if (spec.kind === 'record') base.ref = spec.ref;
  if (spec.kind === 'attestation') base.by = spec.by;
  const date = spec.date === undefined ? undefined : parseDate(spec.date);
  const maxAge = parseDuration(spec.max_age);
  if (!date || !maxAge) return { ...base, reason: 'no date: the item cannot be shown to exist at a point in time' };
  const freshUntil = addDuration(date, maxAge);
  // Fresh through the whole fresh_until day, as exceptions are active through their expiry day.
  const stale = startOfDay(freshUntil).getTime() < startOfDay(asOf).getTime();
  return {
    ...base,
    date: spec.date,
    fresh_until: formatDate(freshUntil),
    status: stale ? 'stale' : 'fresh',
    ...(stale ? { reason: `older than ${spec.max_age} since ${formatDate(freshUntil)}` } : {}),
  };
}

/** evidenced | stale | missing | none, as DESIGN.md defines them; missing outranks stale. */
export function existsVerdict(items: readonly EvidenceResult[]): ExistsVerdict {
  if (items.length === 0) return 'none';
  if (items.some((item) => item.status === 'missing')) return 'missing';
  if (items.some((item) => item.status === 'stale')) return 'stale';
  return 'evidenced';
}
