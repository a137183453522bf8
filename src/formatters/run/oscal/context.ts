import { URL_NAMESPACE, uuidV5 } from '../../../core/uuid-v5.js';
import type { Report } from '../../../report/model.js';
import type { Origin, Prop } from './model.js';
import { stringValue } from './text.js';

/** The namespace of controlproof's own props, and the name its UUID namespace is made from. */
export const PROP_NS = 'urn:controlproof:oscal';

/** Every document's UUID is made from this namespace (itself `uuidV5(PROP_NS, URL_NAMESPACE)`). */
const CONTROLPROOF_NAMESPACE = uuidV5(PROP_NS, URL_NAMESPACE);

/** What every part of the document is built from: the report, and UUIDs that depend only on it. */
export interface OscalContext {
  report: Report;
  documentUuid: string;
  /** A UUID for a part of this document, from its stable name (`observation:IAM-01:test:0`). */
  uuid(name: string): string;
  /** controlproof as the tool that made an observation, finding or risk. */
  origins: Origin[];
  toolUuid: string;
}

/**
 * The document's UUID names the assessment (catalog, as-of, filters), so a rerun gives the same one; every other
 * UUID is made within it, so the observations of two catalogs' IAM-01 never share one.
 */
export function contextOf(report: Report): OscalContext {
  const documentUuid = uuidV5(`assessment-results:${JSON.stringify([report.catalog.sha256, report.as_of, report.filters])}`, CONTROLPROOF_NAMESPACE);
  const uuid = (name: string): string => uuidV5(name, documentUuid);
  const toolUuid = uuid('component:controlproof');
  return { report, documentUuid, uuid, toolUuid, origins: [{ actors: [{ type: 'tool', 'actor-uuid': toolUuid }] }] };
}

/** One controlproof prop, or none when the value is blank. */
export function prop(name: string, value: string | number | undefined, extra: { class?: string; remarks?: string } = {}): Prop[] {
  const text = value === undefined ? undefined : stringValue(String(value));
  return text === undefined ? [] : [{ name, ns: PROP_NS, value: text, ...extra }];
}

/** `props` when there are any: OSCAL arrays hold at least one item. */
export function propsField(props: readonly Prop[]): { props?: Prop[] } {
  return props.length > 0 ? { props: [...props] } : {};
}
