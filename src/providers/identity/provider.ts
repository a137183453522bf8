import { defineProvider } from '../../kit/define-provider.js';

export default defineProvider({
  id: 'identity',
  title: 'Identity, across providers',
  description:
    'Checks written once over the provider-neutral identity views (identity/accounts, identity/sign-ins) and HR records, so one test reads Okta, AWS and every other provider that offers them. It has no sources of its own.',
});
