import { defineSource } from '../../../kit/define-source.js';
import { readFactorFile, type OktaFactor } from '../lib/factors.js';

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'okta/factors': OktaFactor;
  }
}

export default defineSource({
  type: 'okta/factors',
  kind: 'batch',
  description:
    'Okta users\' enrolled factors: one file per user, named by the user id (`factors/00u1a2b3c4d5e6f7g8h9.json`), holding the response of `GET /api/v1/users/{userId}/factors` unchanged. One record per factor, with its user id, type, provider, status and dates.',
  read: (files) => files.flatMap(readFactorFile),
});
