import check from '../../../../src/providers/aws/checks/ct-security-change-failures.js';
import { StreamCheckTester } from '../../../../src/testing/stream-check-tester.js';
import { alice, apiCall, bob, DENIED, deployRole, eventId } from './cloudtrail-records.js';

const statement = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
const ssh = (cidr: string) => ({ ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, groups: {}, ipRanges: { items: [{ cidrIp: cidr }] }, ipv6Ranges: {}, prefixListIds: {} }] } });
const SG = { groupId: 'sg-0a1b2c3d4e5f60718' };
const SG_ARN = 'arn:aws:ec2:eu-west-1:210987654321:security-group/sg-0a1b2c3d4e5f60718';
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const BOUNDARY = 'arn:aws:iam::210987654321:policy/deploy-boundary';
const SCP = { policyId: 'p-examplescp1' };
const scp = (effect: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: effect, Action: 'cloudtrail:StopLogging', Resource: '*' }] });

new StreamCheckTester(check).run({
  pass: [
    {
      name: 'changes that hold: a second document, the same one put again, a rule revoked after the window, denied calls, a version not made the default, a renamed SCP',
      records: [
        apiCall(1, alice, '2026-10-01T09:00:00Z', 'iam:PutRolePolicy', { roleName: 'deploy', policyName: 'ci', policyDocument: JSON.stringify(statement('s3:GetObject')) }),
        apiCall(2, alice, '2026-10-01T10:00:00Z', 'iam:PutRolePolicy', { roleName: 'deploy', policyName: 'ci', policyDocument: JSON.stringify(statement('s3:*')) }),
        apiCall(3, alice, '2026-10-01T11:00:00Z', 'iam:PutRolePolicy', { roleName: 'deploy', policyName: 'ci', policyDocument: statement('s3:*') }),
        apiCall(4, bob, '2026-10-02T09:00:00Z', 'ec2:AuthorizeSecurityGroupIngress', { ...SG, ...ssh('203.0.113.0/24') }),
        apiCall(5, bob, '2026-10-09T09:00:01Z', 'ec2:RevokeSecurityGroupIngress', { ...SG, ...ssh('203.0.113.0/24') }),
        apiCall(6, bob, '2026-10-03T09:00:00Z', 'iam:DetachRolePolicy', { roleName: 'deploy', policyArn: READ_ONLY }, DENIED),
        apiCall(7, alice, '2026-10-04T09:00:00Z', 'iam:CreatePolicyVersion', { policyArn: BOUNDARY, policyDocument: JSON.stringify(statement('s3:*')), setAsDefault: false }),
        apiCall(8, alice, '2026-10-05T09:00:00Z', 'organizations:UpdatePolicy', { ...SCP, name: 'deny-stop-logging' }),
      ],
      examined: 4,
      metrics: { security_changes: 4, security_changes_reverted: 0, security_change_failure_rate_pct: 0 },
    },
    {
      name: 'a window of 24h: the revert two days later is a second change, not a failed one',
      params: { revert_window: '24h' },
      records: [
        apiCall(1, alice, '2026-10-01T09:00:00Z', 'iam:AttachRolePolicy', { roleName: 'deploy', policyArn: READ_ONLY }),
        apiCall(2, alice, '2026-10-03T09:00:00Z', 'iam:DetachRolePolicy', { roleName: 'deploy', policyArn: READ_ONLY }),
      ],
      examined: 2,
      metrics: { security_changes: 2, security_changes_reverted: 0, security_change_failure_rate_pct: 0 },
    },
  ],
  fail: [
    {
      name: 'an SSH rule opened to the world and revoked two hours later; the other rule of the call stays',
      records: [
        apiCall(1, bob, '2026-10-02T09:00:00Z', 'ec2:AuthorizeSecurityGroupIngress', {
          ...SG,
          ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }, { cidrIp: '10.0.0.0/8' }] } }] },
        }),
        apiCall(2, alice, '2026-10-02T11:00:00Z', 'ec2:RevokeSecurityGroupIngress', { ...SG, ...ssh('0.0.0.0/0') }),
      ],
      examined: 1,
      findings: [
        {
          resource: SG_ARN,
          message: `ingress rule tcp port 22 from 0.0.0.0/0 of security group sg-0a1b2c3d4e5f60718 changed by IAM user bob at 2026-10-02T09:00:00Z from 198.51.100.7 in eu-west-1 (event ${eventId(1)}), put back 2h later by IAM user alice at 2026-10-02T11:00:00Z from 198.51.100.7 in eu-west-1 (event ${eventId(2)})`,
        },
      ],
      metrics: { security_changes: 1, security_changes_reverted: 1, security_change_failure_rate_pct: 100 },
    },
    {
      name: 'an inline policy put back to the document before it, in another encoding and key order; the put back is no change itself',
      records: [
        apiCall(1, alice, '2026-10-01T09:00:00Z', 'iam:PutRolePolicy', { roleName: 'deploy', policyName: 'ci', policyDocument: JSON.stringify(statement('s3:GetObject')) }),
        apiCall(2, deployRole, '2026-10-01T10:00:00Z', 'iam:PutRolePolicy', { roleName: 'deploy', policyName: 'ci', policyDocument: JSON.stringify(statement('*')) }),
        apiCall(3, alice, '2026-10-03T10:00:00Z', 'iam:PutRolePolicy', {
          roleName: 'deploy',
          policyName: 'ci',
          policyDocument: encodeURIComponent(JSON.stringify({ Statement: [{ Resource: '*', Action: 's3:GetObject', Effect: 'Allow' }], Version: '2012-10-17' })),
        }),
      ],
      examined: 2,
      findings: [
        {
          resource: 'arn:aws:iam::210987654321:role/deploy',
          message: /^inline policy ci of role deploy changed by role deploy \(session gha-run-4411\) at 2026-10-01T10:00:00Z .*, put back 2 days later by IAM user alice at 2026-10-03T10:00:00Z/,
        },
      ],
      metrics: { security_changes: 2, security_changes_reverted: 1, security_change_failure_rate_pct: 50 },
    },
    {
      name: 'an earlier default version restored, an SCP detached, its content put back, a bucket policy restored after its deletion, a key policy put back',
      records: [
        apiCall(1, alice, '2026-10-01T09:00:00Z', 'iam:CreatePolicyVersion', { policyArn: BOUNDARY, policyDocument: JSON.stringify(statement('s3:*')), setAsDefault: true }),
        apiCall(2, alice, '2026-10-01T09:30:00Z', 'iam:SetDefaultPolicyVersion', { policyArn: BOUNDARY, versionId: 'v2' }),
        apiCall(3, alice, '2026-10-02T09:00:00Z', 'organizations:AttachPolicy', { ...SCP, targetId: 'ou-ab12-cd34ef56' }),
        apiCall(4, bob, '2026-10-02T09:05:00Z', 'organizations:DetachPolicy', { ...SCP, targetId: 'ou-ab12-cd34ef56' }),
        apiCall(5, alice, '2026-10-03T09:00:00Z', 'organizations:UpdatePolicy', { ...SCP, content: scp('Deny') }),
        apiCall(6, alice, '2026-10-03T10:00:00Z', 'organizations:UpdatePolicy', { ...SCP, content: scp('Allow') }),
        apiCall(7, alice, '2026-10-03T11:00:00Z', 'organizations:UpdatePolicy', { ...SCP, content: scp('Deny') }),
        apiCall(8, alice, '2026-10-04T09:00:00Z', 's3:PutBucketPolicy', { bucketName: 'example-logs', bucketPolicy: statement('s3:GetObject') }),
        apiCall(9, bob, '2026-10-04T09:10:00Z', 's3:DeleteBucketPolicy', { bucketName: 'example-logs' }),
        apiCall(10, alice, '2026-10-04T09:20:00Z', 's3:PutBucketPolicy', { bucketName: 'example-logs', bucketPolicy: statement('s3:GetObject') }),
        apiCall(11, alice, '2026-10-05T09:00:00Z', 'kms:PutKeyPolicy', { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', policyName: 'default', policy: JSON.stringify(statement('kms:*')) }),
        apiCall(12, alice, '2026-10-05T09:01:00Z', 'kms:PutKeyPolicy', { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', policyName: 'default', policy: JSON.stringify(statement('kms:Decrypt')) }),
        apiCall(13, alice, '2026-10-05T09:02:00Z', 'kms:PutKeyPolicy', { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', policyName: 'default', policy: JSON.stringify(statement('kms:*')) }),
      ],
      examined: 8,
      findings: [
        { resource: BOUNDARY, message: /^default version of arn:aws:iam::210987654321:policy\/deploy-boundary changed .*, put back 0\.5h later/ },
        { resource: 'p-examplescp1', message: /^organization policy p-examplescp1 on ou-ab12-cd34ef56 changed .*, put back 0\.1h later by IAM user bob/ },
        { resource: 'p-examplescp1', message: /^organization policy p-examplescp1 changed .* at 2026-10-03T10:00:00Z .*, put back 1h later/ },
        { resource: 'arn:aws:s3:::example-logs', message: /^bucket policy of example-logs changed by IAM user bob .*, put back 0\.2h later/ },
        { resource: 'arn:aws:kms:eu-west-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab', message: /^key policy of .* changed .* at 2026-10-05T09:01:00Z/ },
      ],
      metrics: { security_changes: 8, security_changes_reverted: 5, security_change_failure_rate_pct: 62.5 },
    },
  ],
  vacuous: [
    {
      name: 'no security change in the logs: no rate',
      records: [apiCall(1, alice, '2026-10-01T09:00:00Z', 'iam:DetachRolePolicy', { roleName: 'deploy', policyArn: READ_ONLY }, DENIED)],
      metrics: { security_changes: 0, security_changes_reverted: 0 },
    },
  ],
});
