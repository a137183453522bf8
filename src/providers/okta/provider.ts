import { defineProvider } from '../../kit/define-provider.js';

export default defineProvider({
  id: 'okta',
  title: 'Okta',
  description:
    'Users (the default listing and the separate DEPROVISIONED one), their enrolled factors and admin roles, the API tokens\' metadata and the System Log, from the Okta Management API as curl saves it; export.sh runs the calls with an SSWS token.',
});
