import { defineSource } from '../../../kit/define-source.js';
import { orgUserAccounts, readOrgUsers, FILTERED_LISTINGS_DESCRIPTION, type GithubOrgUser } from '../lib/org-users.js';

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'github/outside-collaborators': GithubOrgUser;
  }
}

export default defineSource({
  type: 'github/outside-collaborators',
  kind: 'batch',
  description: `Outside collaborators of a GitHub organisation (people with access to its repositories who are not members): the pages of \`GET /orgs/{org}/outside_collaborators\` saved unchanged, one record per user (id, login, type, site_admin). ${FILTERED_LISTINGS_DESCRIPTION}`,
  read: (files) => readOrgUsers(files, 'a GitHub outside collaborator listing'),
  views: { 'identity/accounts': orgUserAccounts },
});
