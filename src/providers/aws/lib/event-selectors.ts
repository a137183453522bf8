// What a trail's event selectors record, read the same way from `get-event-selectors` exports (the source) and
// from the request parameters of a logged `PutEventSelectors` call (the tampering check). Both carry the API's
// fields; the export spells them in PascalCase, the log in camelCase, so callers map them to these shapes.
import { z } from 'zod';

/** The management events a trail's event selectors record. */
export interface ManagementEvents {
  read: boolean;
  write: boolean;
  /** Event sources left out (`kms.amazonaws.com`, `rdsdata.amazonaws.com`). */
  excludedSources: readonly string[];
}

/** Every read and write management event: what a trail records without custom selectors. */
export const ALL_MANAGEMENT_EVENTS: ManagementEvents = { read: true, write: true, excludedSources: [] };

const operators = z.array(z.string()).optional();

/** An event selector as `PutEventSelectors` logs it. */
export const eventSelectorSchema = z.object({
  readWriteType: z.enum(['ReadOnly', 'WriteOnly', 'All']).optional(),
  includeManagementEvents: z.boolean().optional(),
  excludeManagementEventSources: z.array(z.string()).optional(),
  dataResources: z.array(z.object({ type: z.string(), values: operators })).optional(),
});

export const fieldSelectorSchema = z.object({
  field: z.string(),
  equals: operators,
  notEquals: operators,
  startsWith: operators,
  notStartsWith: operators,
  endsWith: operators,
  notEndsWith: operators,
});

/** An advanced event selector as `PutEventSelectors` logs it. */
export const advancedSelectorSchema = z.object({ name: z.string().optional(), fieldSelectors: z.array(fieldSelectorSchema) });

export type EventSelector = z.output<typeof eventSelectorSchema>;
export type FieldSelector = z.output<typeof fieldSelectorSchema>;
export type AdvancedSelector = z.output<typeof advancedSelectorSchema>;

/** A trail's selectors: advanced ones replace basic ones when the trail has any. */
export interface TrailSelectors {
  eventSelectors?: readonly EventSelector[];
  advancedEventSelectors?: readonly AdvancedSelector[];
}

export function managementEventsOf(selectors: TrailSelectors): ManagementEvents {
  const advanced = selectors.advancedEventSelectors ?? [];
  return advanced.length > 0 ? fromAdvancedSelectors(advanced) : fromEventSelectors(selectors.eventSelectors ?? []);
}

/**
 * The data events the selectors record, one entry per selected scope (`AWS::S3::Object arn:aws:s3`, or an
 * advanced selector written out), so two selector sets can be compared for what one drops.
 */
export function dataEventScopesOf(selectors: TrailSelectors): string[] {
  const advanced = selectors.advancedEventSelectors ?? [];
  const scopes =
    advanced.length > 0
      ? advanced.filter((selector) => !isManagementSelector(selector)).map((selector) => JSON.stringify(selector.fieldSelectors.map(canonicalField).sort()))
      : (selectors.eventSelectors ?? []).flatMap((selector) => (selector.dataResources ?? []).flatMap((resource) => (resource.values ?? []).map((value) => `${resource.type} ${value}`)));
  return [...new Set(scopes)].sort();
}

/** What `after` records less than `before`: management events no longer read or written, sources newly excluded. */
export function managementEventsDropped(before: ManagementEvents, after: ManagementEvents): string[] {
  const dropped: string[] = [];
  if (before.read && !after.read) dropped.push('read management events no longer recorded');
  if (before.write && !after.write) dropped.push('write management events no longer recorded');
  const excluded = after.excludedSources.filter((source) => !before.excludedSources.includes(source));
  if (excluded.length > 0) dropped.push(`management events of ${excluded.join(', ')} excluded`);
  return dropped;
}

function fromEventSelectors(selectors: readonly EventSelector[]): ManagementEvents {
  // The API's defaults: a selector without these fields records read and write management events.
  const management = selectors.filter((selector) => selector.includeManagementEvents ?? true);
  const types = management.map((selector) => selector.readWriteType ?? 'All');
  return {
    read: types.some((type) => type !== 'WriteOnly'),
    write: types.some((type) => type !== 'ReadOnly'),
    excludedSources: unique(management.flatMap((selector) => selector.excludeManagementEventSources ?? [])),
  };
}

function fromAdvancedSelectors(selectors: readonly AdvancedSelector[]): ManagementEvents {
  const management = selectors.filter(isManagementSelector);
  const scopes = management.map((selector) => readOnlyScope(selector.fieldSelectors.find((field) => field.field === 'readOnly')));
  return {
    read: scopes.some((scope) => scope !== 'write'),
    write: scopes.some((scope) => scope !== 'read'),
    excludedSources: unique(management.flatMap((selector) => selector.fieldSelectors.filter((field) => field.field === 'eventSource').flatMap((field) => field.notEquals ?? []))),
  };
}

function isManagementSelector(selector: AdvancedSelector): boolean {
  return selector.fieldSelectors.some((field) => field.field === 'eventCategory' && (field.equals ?? []).includes('Management'));
}

/** Which management events a `readOnly` field selector keeps: `Equals ["true"]` only reads, and so on. */
function readOnlyScope(field: FieldSelector | undefined): 'both' | 'read' | 'write' {
  if (!field) return 'both';
  const equals = field.equals ?? [];
  const notEquals = field.notEquals ?? [];
  if ((equals.includes('true') && !equals.includes('false')) || notEquals.includes('false')) return 'read';
  if ((equals.includes('false') && !equals.includes('true')) || notEquals.includes('true')) return 'write';
  return 'both';
}

function canonicalField(field: FieldSelector): string {
  const operatorsOf = Object.entries(field)
    .filter(([name, values]) => name !== 'field' && Array.isArray(values))
    .map(([name, values]) => `${name}=${[...(values as string[])].sort().join('|')}`)
    .sort();
  return `${field.field} ${operatorsOf.join(' ')}`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
