import { parsePolicyDocument, PolicyDocumentError } from '../lib/aws-values.js';
import type { CloudTrailRecord } from '../sources/cloudtrail-logs.js';
import { defineCheck } from '../../../kit/define-check.js';
import { accountOf, eventContext, eventFinding, finishMatches, initMatches, mergeMatches, partitionOf, principalArn, stringParameter, succeeded } from '../lib/cloudtrail-event-findings.js';
import { grantsAdmin, isAdministratorAccess } from '../lib/admin-access.js';

const ATTACH = new Set(['AttachUserPolicy', 'AttachGroupPolicy', 'AttachRolePolicy']);
const PUT_INLINE = new Set(['PutUserPolicy', 'PutGroupPolicy', 'PutRolePolicy']);

/** The principal a policy call targets: `userName`, `groupName` or `roleName` of the request. */
function target(record: CloudTrailRecord): { arn: string; label: string } {
  const prefix = `arn:${partitionOf(record)}:iam::${accountOf(record)}:`;
  const user = stringParameter(record, 'userName');
  if (user !== null) return { arn: `${prefix}user/${user}`, label: `IAM user ${user}` };
  const group = stringParameter(record, 'groupName');
  if (group !== null) return { arn: `${prefix}group/${group}`, label: `group ${group}` };
  const role = stringParameter(record, 'roleName') ?? 'unknown';
  return { arn: `${prefix}role/${role}`, label: `role ${role}` };
}

/** Whether a logged policy document allows `Action: "*"` on `Resource: "*"`; `NotAction` statements are not counted. */
function grantsEverything(document: unknown): boolean {
  try {
    return grantsAdmin(parsePolicyDocument(document));
  } catch (error) {
    // CloudTrail logs the document IAM accepted; one that cannot be read grants nothing we can show.
    if (error instanceof PolicyDocumentError) return false;
    throw error;
  }
}

/** What the event granted, or undefined when it is not an administrator grant. */
function adminGrant(record: CloudTrailRecord): { resource: string; what: string } | undefined {
  if (record.eventSource !== 'iam.amazonaws.com' || !succeeded(record)) return undefined;
  if (ATTACH.has(record.eventName)) {
    const policy = stringParameter(record, 'policyArn');
    if (policy === null || !isAdministratorAccess(policy)) return undefined;
    const { arn, label } = target(record);
    return { resource: arn, what: `AdministratorAccess attached to ${label}` };
  }
  if (PUT_INLINE.has(record.eventName)) {
    if (!grantsEverything(record.requestParameters?.policyDocument)) return undefined;
    const { arn, label } = target(record);
    return { resource: arn, what: `inline policy ${stringParameter(record, 'policyName') ?? '(unnamed)'} allowing "*" on "*" put on ${label}` };
  }
  if (record.eventName === 'CreateAccessKey' && record.userIdentity.type === 'Root' && stringParameter(record, 'userName') === null) {
    return { resource: principalArn(record), what: `access key created for the root user of account ${accountOf(record)}` };
  }
  return undefined;
}

export default defineCheck({
  id: 'aws/ct-admin-grants',
  title: 'No administrator rights granted outside review',
  description:
    'CloudTrail shows no grant of full administrator rights: the AWS managed `AdministratorAccess` policy attached to a user, group or role (`Attach*Policy`), an inline policy allowing `Action: "*"` on `Resource: "*"` (`Put*Policy`; `NotAction` statements are not counted), or an access key created for the root user. Each is the privilege drift an access review signs off without seeing; approved grants go into an exception naming the principal.',
  inputs: { events: 'aws/cloudtrail-logs' },
  metrics: { admin_grants: 'Successful grants of administrator rights and root access keys created.' },
  remediation:
    'Check each grant against an approved access request; detach the policy or delete the inline policy if there is none, and delete any root access key (`aws iam delete-access-key` signed in as root). Grant admin through a reviewed role with a permissions boundary, and alert on IAM policy changes (CIS AWS 4.4).',
  criteria: {
    'cis-aws-3': ['1.4', '1.16', '4.4'],
    soc2: ['CC6.2', 'CC6.3'],
    'pci-dss-4': ['7.2.2', '7.2.3', '10.2.1.5'],
    'iso27001-2022': ['A.5.18', 'A.8.2'],
  },
  visitor: {
    visits: [...ATTACH, ...PUT_INLINE, 'CreateAccessKey'],
    init: initMatches,
    visit(state, record) {
      const grant = adminGrant(record);
      if (grant) state.matches.push(eventFinding(record, grant.resource, `${grant.what} ${eventContext(record)}`));
    },
    merge: mergeMatches,
    finish: (state, { records }) => finishMatches(state, records, 'admin_grants'),
  },
});
