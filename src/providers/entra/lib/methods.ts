import type { MfaFactor } from '../../../kit/views/identity/accounts.js';

const FACTORS: Readonly<Record<string, MfaFactor>> = {
  fido2: { kind: 'webauthn', strength: 'phishing-resistant' },
  fido2SecurityKey: { kind: 'webauthn', strength: 'phishing-resistant' },
  passKeyDeviceBound: { kind: 'webauthn', strength: 'phishing-resistant' },
  passKeyDeviceBoundAuthenticator: { kind: 'webauthn', strength: 'phishing-resistant' },
  passKeyDeviceBoundWindowsHello: { kind: 'windows-hello', strength: 'phishing-resistant' },
  windowsHelloForBusiness: { kind: 'windows-hello', strength: 'phishing-resistant' },
  macOsSecureEnclaveKey: { kind: 'platform-key', strength: 'phishing-resistant' },
  x509CertificateMultiFactor: { kind: 'certificate', strength: 'phishing-resistant' },
  microsoftAuthenticatorPush: { kind: 'push', strength: 'strong' },
  microsoftAuthenticatorPasswordless: { kind: 'push', strength: 'strong' },
  softwareOneTimePasscode: { kind: 'totp', strength: 'strong' },
  hardwareOneTimePasscode: { kind: 'hardware-token', strength: 'strong' },
  mobilePhone: { kind: 'sms', strength: 'weak' },
  alternateMobilePhone: { kind: 'voice', strength: 'weak' },
  officePhone: { kind: 'voice', strength: 'weak' },
  email: { kind: 'email', strength: 'weak' },
};

// Registered, but no second factor: security questions serve password reset only, a Temporary Access Pass expires,
// a single-factor certificate replaces the password without adding a factor.
const NOT_A_FACTOR = new Set(['securityQuestion', 'temporaryAccessPass', 'x509CertificateSingleFactor']);

/**
 * The MFA factors a user registered, from `methodsRegistered`: FIDO2 keys, passkeys, Windows Hello for Business,
 * the macOS Secure Enclave key and multi-factor certificates resist phishing; Authenticator push and passwordless,
 * software and hardware OTP are strong; phone (SMS, voice) and e-mail weak; a method this table does not know is
 * of unknown strength, never dropped.
 */
export function mfaFactorsOf(methods: readonly string[]): MfaFactor[] {
  return methods.filter((method) => !NOT_A_FACTOR.has(method)).map((method) => FACTORS[method] ?? { kind: 'unknown', strength: 'unknown' });
}
