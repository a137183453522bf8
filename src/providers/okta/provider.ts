import { defineProvider } from '../../kit/define-provider.js';

export default defineProvider({
  id: 'okta',
  title: 'Okta',
  description:
    'Users (the default listing and the separate DEPROVISIONED one) and their enrolled factors, from the Okta Management API as curl saves it; export.sh runs every call with an SSWS token.',
});
