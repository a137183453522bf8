import { defineSource } from '../../../kit/define-source.js';
import { readRoleFile, type OktaRoleAssignment } from '../lib/roles.js';

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'okta/admin-roles': OktaRoleAssignment;
  }
}

export default defineSource({
  type: 'okta/admin-roles',
  kind: 'batch',
  description:
    'Okta users\' admin role assignments: one file per user, named by the user id (`roles/00u1a2b3c4d5e6f7g8h9.json`), holding the response of `GET /api/v1/users/{userId}/roles` unchanged (`[]`: the user holds no admin role). One record per assignment, with its user id, role type (`SUPER_ADMIN`, `ORG_ADMIN`, `APP_ADMIN`, …, `CUSTOM`), label, status (`ACTIVE`, `INACTIVE`), assignment type (`USER`, or `GROUP` when held through a group) and creation. okta/users joins the same files to its users as their admin roles.',
  read: (files) => files.flatMap(readRoleFile),
});
