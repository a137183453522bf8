import type { OscalContext } from './context.js';
import type { Party } from './model.js';
import { stringValue } from './text.js';

const ROLES = [
  { id: 'control-owner', title: 'Control owner' },
  { id: 'exception-owner', title: 'Exception owner' },
  { id: 'exception-approver', title: 'Exception approver' },
] as const;

/** An address as the schema's email format takes it (ajv-formats' full mode). */
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

type RoleId = (typeof ROLES)[number]['id'];

/** The catalog does not say whether an owner is a person or a team, so every party is an organization; an email address is kept as one. */
function partyOf(context: OscalContext, name: string): Party {
  const email = EMAIL.test(name) ? { 'email-addresses': [name] } : {};
  return { uuid: context.uuid(`party:${name}`), type: 'organization', name, ...email };
}

/** The metadata's roles, parties (each owner and approver once, in the order the report names them) and who holds which role. */
export function partiesMetadata(context: OscalContext): object {
  const { report } = context;
  const holders: Record<RoleId, string[]> = {
    'control-owner': report.controls.map((control) => control.owner),
    'exception-owner': report.exceptions.map((exception) => exception.owner),
    'exception-approver': report.exceptions.map((exception) => exception.approved_by),
  };
  const names = (role: RoleId): string[] => [...new Set(holders[role].flatMap((name) => stringValue(name) ?? []))];
  const parties = [...new Set(ROLES.flatMap((role) => names(role.id)))].map((name) => partyOf(context, name));
  if (parties.length === 0) return {};
  const roles = ROLES.filter((role) => names(role.id).length > 0);
  return {
    roles: roles.map((role) => ({ ...role })),
    parties,
    'responsible-parties': roles.map((role) => ({ 'role-id': role.id, 'party-uuids': names(role.id).map((name) => context.uuid(`party:${name}`)) })),
  };
}
