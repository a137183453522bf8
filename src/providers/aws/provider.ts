import { defineProvider } from '../../kit/define-provider.js';
import { arnGrammar } from './resource-ids.js';

export default defineProvider({
  id: 'aws',
  title: 'Amazon Web Services',
  description:
    'IAM, IAM Identity Center users, CloudTrail, KMS, S3, EC2, GuardDuty, Config and Backup, from the exports of the AWS CLI (v1 or v2); export.sh runs every call for one account.',
  coverageScope: ['account', 'region'],
  resourceIds: arnGrammar,
});
