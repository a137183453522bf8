import { defineProvider } from '../../kit/define-provider.js';

export default defineProvider({
  id: 'github',
  title: 'GitHub',
  description:
    'An organisation\'s members and outside collaborators (with the 2fa_disabled listings that tell who lacks 2FA) the credentials authorised for its SAML single sign-on and its audit log (JSON, CSV or streamed NDJSON; every event a person acted in is use of their account), from the GitHub REST API as `gh api --paginate --slurp` saves it; export.sh runs the calls with gh.',
});
