import { defineProvider } from '../../kit/define-provider.js';

export default defineProvider({
  id: 'entra',
  title: 'Microsoft Entra ID',
  description:
    'Users (with signInActivity), authentication-method registration details, directory role members and sign-in logs, from Microsoft Graph v1.0 as `az rest` saves its pages (and the flat array `az ad user list` prints); export.sh runs the Graph calls through `az rest`, following @odata.nextLink.',
});
