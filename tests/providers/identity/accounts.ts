import type { IdentityAccount, MfaFactor } from '../../../src/kit/views/identity/accounts.js';

/** An identity account for check tests: active, with known factors (none) unless the fields say otherwise. */
export function identityAccount(provider: string, id: string, login: string, fields: Partial<IdentityAccount> = {}): IdentityAccount {
  return {
    provider,
    id,
    login,
    emails: login.includes('@') ? [login.toLowerCase()] : [],
    employeeId: null,
    displayName: null,
    status: 'active',
    created: null,
    lastSignIn: null,
    statusChanged: null,
    mfaFactors: [],
    adminRoles: [],
    ...fields,
  };
}

export const FACTORS = {
  webauthn: { kind: 'webauthn', strength: 'phishing-resistant' },
  totp: { kind: 'totp', strength: 'strong' },
  sms: { kind: 'sms', strength: 'weak' },
  email: { kind: 'email', strength: 'weak' },
  unknown: { kind: 'unknown', strength: 'unknown' },
} as const satisfies Record<string, MfaFactor>;
