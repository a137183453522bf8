import type { IdentityAccount, MfaFactor } from '../../../kit/views/identity/accounts.js';

/** The resource id of a finding about one account: the provider and its id there, unique across providers. */
export function accountResource(account: IdentityAccount): string {
  return `${account.provider}:${account.id}`;
}

/** How a message names an account: provider and login, with the id when it differs. */
export function accountName(account: IdentityAccount): string {
  return account.login === account.id ? `${account.provider} ${account.id}` : `${account.provider} ${account.login} (${account.id})`;
}

/** The active accounts of every bound source: only they can sign in. */
export function activeAccounts(accounts: readonly IdentityAccount[]): IdentityAccount[] {
  return accounts.filter((account) => account.status === 'active');
}

/** `webauthn, sms` (the kinds of the factors, in order), or `none`. */
export function factorKinds(factors: readonly MfaFactor[]): string {
  return factors.length === 0 ? 'none' : factors.map((factor) => factor.kind).join(', ');
}
