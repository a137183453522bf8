import { defineSource, type SourceText } from '../../../kit/define-source.js';
import { parseGraphFile } from '../lib/graph-json.js';
import { readRegistrationPage, registrationsOf, type EntraRegistration } from '../lib/registration.js';

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'entra/registration-details': EntraRegistration;
  }
}

const readPage = (file: SourceText) => readRegistrationPage(file, parseGraphFile(file, 'a page of userRegistrationDetails'));

export default defineSource({
  type: 'entra/registration-details',
  kind: 'batch',
  description:
    'Microsoft Entra ID authentication-method registration per user: the pages of `GET /v1.0/reports/authenticationMethods/userRegistrationDetails` saved unchanged. One record per user with its id, UPN, `isAdmin`, `isMfaRegistered`, `isMfaCapable` and `methodsRegistered`. Bound in the same glob as entra/users, the pages give its accounts their MFA factors.',
  read: (files) => registrationsOf(files.map(readPage)),
});
