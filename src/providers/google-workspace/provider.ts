import { defineProvider } from '../../kit/define-provider.js';

export default defineProvider({
  id: 'google-workspace',
  title: 'Google Workspace',
  description:
    'Users from the Admin SDK Directory API (`users.list` pages as curl saves them, deleted users included) or from GAM\'s `print users` CSV; export.sh runs the listings with an OAuth bearer token.',
});
