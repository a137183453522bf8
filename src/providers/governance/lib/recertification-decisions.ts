import { z } from 'zod';
import { parseDate } from '../../../core/time.js';

/** What a reviewer decided about one item: keep it, remove it, pass on it, or nothing yet. */
export type RecertificationVerdict = 'approve' | 'revoke' | 'abstain' | 'undecided';

/** One item of an access recertification campaign: a subject's entitlement and what its reviewer decided. */
export interface RecertificationDecision {
  /** The tool that wrote the export: `csv`, `entra` or `okta`. */
  tool: 'csv' | 'entra' | 'okta';
  /** The campaign (review instance) the item belongs to, as the export names it. */
  campaign: string;
  /** When the campaign opened, where the export says; null when unknown. */
  campaignStart: Date | null;
  /** When every decision was due: a date alone ends at the end of that day in UTC. */
  due: Date;
  /** The reviewer's login or e-mail, lower-case; null when the item has no reviewer yet. */
  reviewer: string | null;
  /** The reviewer's id in the tool; null when the export has none. */
  reviewerId: string | null;
  /** The person or account reviewed: login or e-mail, lower-case; null when the export names it only by id. */
  subjectLogin: string | null;
  /** The subject's id in the tool (an Entra object id, an Okta user id); null when the export has none. */
  subjectId: string | null;
  /** The access reviewed (a group, app, role or entitlement), by name where the export gives one, else by id. */
  entitlement: string;
  /** The entitlement's id in the tool; null when the export has none. */
  entitlementId: string | null;
  decision: RecertificationVerdict;
  /** When the reviewer decided; null while undecided. */
  decidedAt: Date | null;
  /** The decision item's id in the tool (an Entra decision id, an Okta review id); null for CSV rows without one. */
  itemId: string | null;
}

/** Every source type that yields recertification decisions: what the checks read. */
export const DECISION_SOURCES = ['governance/recertification-csv', 'governance/recertification-entra', 'governance/recertification-okta'] as const;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** A due date or date-time: a date alone is due when that day ends in UTC (00:00 UTC of the next day). */
export function parseDue(text: string): Date | undefined {
  const date = parseDate(text);
  if (date === undefined) return undefined;
  return DATE_ONLY.test(text.trim()) ? new Date(date.getTime() + DAY_MS) : date;
}

/** How an item is named in messages: subject, entitlement and campaign. */
export function itemName(item: RecertificationDecision): string {
  return `${item.subjectLogin ?? item.subjectId ?? '?'} on ${item.entitlement} (campaign ${item.campaign})`;
}

/** The resource id of an item's findings: the tool's item id, else campaign/subject/entitlement. */
export function itemResource(item: RecertificationDecision): string {
  return item.itemId ?? `${item.campaign}/${item.subjectLogin ?? item.subjectId ?? '?'}/${item.entitlement}`;
}

/** Records grouped by a key, in first-seen order. */
export function groupBy<T>(records: readonly T[], keyOf: (record: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    const key = keyOf(record);
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }
  return groups;
}

/** A source param for a due date: a date alone is due when that day ends in UTC, or a date-time with a zone. */
export const dueParam = z.string().transform((text, context): Date => {
  const due = parseDue(text);
  if (due) return due;
  context.addIssue({ code: 'custom', message: `Invalid due "${text}": expected a date like 2026-09-30 or a date-time with a zone like 2026-09-30T17:00:00-02:00` });
  return z.NEVER;
});
