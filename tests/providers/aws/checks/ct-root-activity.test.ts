import check from '../../../../src/providers/aws/checks/ct-root-activity.js';
import { StreamCheckTester } from '../../../../src/testing/stream-check-tester.js';
import { alice, apiCall, DENIED, eventId, root, signIn } from './cloudtrail-records.js';

const rootArn = 'arn:aws:iam::210987654321:root';

new StreamCheckTester(check).run({
  pass: [
    {
      name: 'only IAM users and roles at work',
      records: [signIn(1, alice, '2026-10-05T08:00:00Z', { mfaUsed: 'Yes' }), apiCall(2, alice, '2026-10-05T08:01:00Z', 'iam:ListUsers')],
      examined: 2,
      metrics: { root_events: 0 },
    },
    {
      name: 'a service acting for root (invokedBy) and an AwsServiceEvent are not root activity',
      records: [
        apiCall(1, { ...root, invokedBy: 'support.amazonaws.com' }, '2026-10-05T08:00:00Z', 'organizations:DescribeOrganization'),
        apiCall(2, root, '2026-10-05T08:00:00Z', 'kms:RotateKey', null, { eventType: 'AwsServiceEvent' }),
      ],
      examined: 2,
      metrics: { root_events: 0 },
    },
  ],
  fail: [
    {
      name: 'a root sign-in, a root API call and a failed root sign-in',
      records: [
        apiCall(2, root, '2026-10-18T07:52:30Z', 'iam:GetAccountSummary', null, { readOnly: true }),
        signIn(1, root, '2026-10-18T07:45:12Z', { mfaUsed: 'Yes', ip: '198.51.100.23' }),
        signIn(3, root, '2026-10-19T22:10:00Z', { success: false, ip: '192.0.2.99' }),
        apiCall(4, alice, '2026-10-18T08:00:00Z', 'iam:ListUsers'),
      ],
      examined: 4,
      findings: [
        {
          resource: rootArn,
          message: `root user of account 210987654321 called ConsoleLogin at 2026-10-18T07:45:12Z from 198.51.100.23 in us-east-1 (event ${eventId(1)})`,
        },
        {
          resource: rootArn,
          message: `root user of account 210987654321 called GetAccountSummary at 2026-10-18T07:52:30Z from 198.51.100.7 in eu-west-1 (event ${eventId(2)})`,
        },
        {
          resource: rootArn,
          message: `root user of account 210987654321 called ConsoleLogin (failed) at 2026-10-19T22:10:00Z from 192.0.2.99 in us-east-1 (event ${eventId(3)})`,
        },
      ],
      metrics: { root_events: 3 },
    },
    {
      name: 'a denied root call names its error code',
      records: [apiCall(1, root, '2026-10-20T10:00:00Z', 'iam:DeleteUser', { userName: 'old' }, DENIED)],
      findings: [
        {
          resource: rootArn,
          message: `root user of account 210987654321 called DeleteUser (failed: AccessDenied) at 2026-10-20T10:00:00Z from 198.51.100.7 in eu-west-1 (event ${eventId(1)})`,
          details: {
            principal: 'root user of account 210987654321',
            principalArn: rootArn,
            eventTime: '2026-10-20T10:00:00Z',
            awsRegion: 'eu-west-1',
            sourceIPAddress: '198.51.100.7',
            eventID: eventId(1),
            eventSource: 'iam.amazonaws.com',
            eventName: 'DeleteUser',
            recipientAccountId: '210987654321',
            errorCode: 'AccessDenied',
          },
        },
      ],
    },
  ],
  vacuous: [{ name: 'no events', records: [], metrics: { root_events: 0 } }],
});
