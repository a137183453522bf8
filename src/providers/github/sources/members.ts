import { defineSource } from '../../../kit/define-source.js';
import { orgUserAccounts, readOrgUsers, FILTERED_LISTINGS_DESCRIPTION, type GithubOrgUser } from '../lib/org-users.js';

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'github/members': GithubOrgUser;
  }
}

export default defineSource({
  type: 'github/members',
  kind: 'batch',
  description: `Members of a GitHub organisation: the pages of \`GET /orgs/{org}/members\` saved unchanged (JSON arrays of simple-user objects, or \`gh api --paginate --slurp\`'s array of pages), one record per member (id, login, type, site_admin). ${FILTERED_LISTINGS_DESCRIPTION}`,
  read: (files) => readOrgUsers(files, 'a GitHub member listing'),
  views: { 'identity/accounts': orgUserAccounts },
});
