import type { IdentityAccount } from '../../../kit/views/identity/accounts.js';
import type { HrAlias } from '../../hr/sources/aliases.js';
import type { HrLeaver } from '../../hr/sources/leavers.js';

/**
 * Finds the people (HR leavers) an account belongs to by hashed lookups, never by scanning: by e-mail (the account's
 * e-mails and its login, case-insensitively), by employee id, and by alias (a login in one provider, or in any).
 */
export class PeopleIndex<P extends HrLeaver> {
  private readonly byEmail = new Map<string, P[]>();
  private readonly byEmployeeId = new Map<string, P[]>();
  private readonly byAlias = new Map<string, P[]>();

  constructor(people: readonly P[], aliases: readonly HrAlias[]) {
    for (const person of people) {
      if (person.email !== null) add(this.byEmail, person.email, person);
      if (person.employeeId !== null) add(this.byEmployeeId, person.employeeId, person);
    }
    for (const alias of aliases) {
      for (const person of [...(this.byEmail.get(alias.person) ?? []), ...(this.byEmployeeId.get(alias.person) ?? [])]) {
        add(this.byAlias, aliasKey(alias.provider, alias.login), person);
      }
    }
  }

  /** Everyone the account belongs to, each once. */
  peopleOf(account: Pick<IdentityAccount, 'provider' | 'login' | 'emails' | 'employeeId'>): P[] {
    const login = account.login.toLowerCase();
    const found = new Set<P>([
      ...[login, ...account.emails].flatMap((email) => this.byEmail.get(email) ?? []),
      ...(account.employeeId === null ? [] : (this.byEmployeeId.get(account.employeeId) ?? [])),
      ...[aliasKey(account.provider, login), aliasKey(null, login), ...account.emails.map((email) => aliasKey(null, email))].flatMap((key) => this.byAlias.get(key) ?? []),
    ]);
    return [...found];
  }
}

function aliasKey(provider: string | null, login: string): string {
  return `${provider ?? '*'}\u0000${login}`;
}

function add<P>(map: Map<string, P[]>, key: string, person: P): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [person]);
  else if (!list.includes(person)) list.push(person);
}
