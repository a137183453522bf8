import { defineView } from '../../define-view.js';

/** How strong an enrolled factor is against phishing and SIM swaps. */
export type MfaStrength = 'phishing-resistant' | 'strong' | 'weak' | 'unknown';

/** One MFA factor an account has enrolled. */
export interface MfaFactor {
  /** `webauthn`, `fastpass` (Okta FastPass), `totp`, `push`, `sms`, `voice`, `email`, `hardware-token`, or `unknown` when the export does not say. */
  kind: string;
  strength: MfaStrength;
}

/** One account in one system (identity provider, cloud, SaaS), in the shape every provider offers. */
export interface IdentityAccount {
  /** The provider that holds the account: `aws`, `okta`, `entra`, `github`, … */
  provider: string;
  /** Stable id of the account in that provider (an ARN, an Okta user id): the resource id of findings. */
  id: string;
  login: string;
  /** Lower-case e-mail addresses, primary first. */
  emails: readonly string[];
  employeeId: string | null;
  displayName: string | null;
  status: 'active' | 'suspended' | 'deprovisioned' | 'pending';
  created: Date | null;
  lastSignIn: Date | null;
  /** When the status last changed (e.g. suspended or deprovisioned), where the export carries it. */
  statusChanged: Date | null;
  /** Enrolled factors; null when the export holds no factor data for the account (unknown, not none). */
  mfaFactors: readonly MfaFactor[] | null;
  /** Administrator roles held, by name. */
  adminRoles: readonly string[];
}

declare module '../../record-types.js' {
  interface RecordTypes {
    'identity/accounts': IdentityAccount;
  }
}

export default defineView({
  id: 'identity/accounts',
  title: 'Identity accounts',
  description:
    'Accounts in any system people sign in to, one record per account: provider, id, login, e-mails, employee id, display name, status (active, suspended, deprovisioned, pending), created, last sign-in, status change, enrolled MFA factors with their strength (null where the export holds no factor data), and admin roles.',
});
