import { defineView } from '../../define-view.js';

/** One sign-in attempt to any system, in the shape every provider's sign-in log offers. */
export interface IdentitySignIn {
  /** The provider that logged it: `aws`, `okta`, `entra`, `github`, … */
  provider: string;
  /** Unique per attempt in its provider; the same event delivered twice has the same id. */
  eventId: string;
  /** Epoch milliseconds. */
  time: number;
  /** The account's id as `identity/accounts` gives it, where the log carries it. */
  accountId: string | null;
  login: string | null;
  success: boolean;
  /** Whether a second factor was used; null when the log does not say. */
  mfaUsed: boolean | null;
  sourceIp: string | null;
  /** The application or console signed in to, where the log names it. */
  application: string | null;
}

declare module '../../record-types.js' {
  interface RecordTypes {
    'identity/sign-ins': IdentitySignIn;
  }
}

export default defineView({
  id: 'identity/sign-ins',
  title: 'Identity sign-ins',
  description:
    'Sign-in attempts from any provider\'s sign-in log, one record per attempt: provider, event id, time, account id and login, success, whether MFA was used, source IP and application.',
});
