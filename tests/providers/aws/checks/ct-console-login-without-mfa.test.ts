import check from '../../../../src/providers/aws/checks/ct-console-login-without-mfa.js';
import { StreamCheckTester } from '../../../../src/testing/stream-check-tester.js';
import { alice, bob, carol, deployRole, eventId, root, signIn } from './cloudtrail-records.js';

const bobArn = 'arn:aws:iam::210987654321:user/bob';

new StreamCheckTester(check).run({
  pass: [
    {
      name: 'every IAM-user sign-in used MFA',
      records: [signIn(1, alice, '2026-10-05T08:00:00Z', { mfaUsed: 'Yes' }), signIn(2, bob, '2026-10-06T09:00:00Z', { mfaUsed: 'Yes' })],
      examined: 2,
      metrics: { console_logins: 2, console_logins_without_mfa: 0, console_login_mfa_pct: 100 },
    },
    {
      name: 'failed sign-ins, root and federated (assumed-role) sign-ins without MFA are not counted',
      records: [
        signIn(1, bob, '2026-10-06T09:00:00Z', { success: false }),
        signIn(2, root, '2026-10-07T09:00:00Z'),
        signIn(3, deployRole, '2026-10-08T09:00:00Z'),
        signIn(4, alice, '2026-10-09T09:00:00Z', { mfaUsed: 'Yes' }),
      ],
      examined: 1,
      metrics: { console_logins: 1, console_logins_without_mfa: 0, console_login_mfa_pct: 100 },
    },
  ],
  fail: [
    {
      name: 'bob twice and carol once without MFA, in time order whatever the input order',
      records: [
        signIn(3, bob, '2026-10-22T17:36:40Z'),
        signIn(1, bob, '2026-10-06T09:14:05Z', { region: 'eu-west-1' }),
        signIn(4, alice, '2026-10-10T08:00:00Z', { mfaUsed: 'Yes' }),
        signIn(2, carol, '2026-10-14T09:58:31Z', { ip: '198.51.100.61' }),
      ],
      examined: 4,
      findings: [
        {
          resource: bobArn,
          message: `IAM user bob signed in to the console without MFA at 2026-10-06T09:14:05Z from 203.0.113.24 in eu-west-1 (event ${eventId(1)})`,
          details: {
            principal: 'IAM user bob',
            principalArn: bobArn,
            eventTime: '2026-10-06T09:14:05Z',
            awsRegion: 'eu-west-1',
            sourceIPAddress: '203.0.113.24',
            eventID: eventId(1),
            eventSource: 'signin.amazonaws.com',
            eventName: 'ConsoleLogin',
            recipientAccountId: '210987654321',
          },
        },
        {
          resource: 'arn:aws:iam::210987654321:user/carol',
          message: `IAM user carol signed in to the console without MFA at 2026-10-14T09:58:31Z from 198.51.100.61 in us-east-1 (event ${eventId(2)})`,
        },
        {
          resource: bobArn,
          message: `IAM user bob signed in to the console without MFA at 2026-10-22T17:36:40Z from 203.0.113.24 in us-east-1 (event ${eventId(3)})`,
        },
      ],
      metrics: { console_logins: 4, console_logins_without_mfa: 3, console_login_mfa_pct: 25 },
    },
    {
      name: 'an event delivered in two files counts once',
      records: [signIn(1, bob, '2026-10-06T09:14:05Z'), signIn(2, alice, '2026-10-06T10:00:00Z', { mfaUsed: 'Yes' }), signIn(1, bob, '2026-10-06T09:14:05Z')],
      examined: 2,
      findings: [{ resource: bobArn, message: /^IAM user bob signed in to the console without MFA at 2026-10-06T09:14:05Z/ }],
      metrics: { console_logins: 2, console_logins_without_mfa: 1, console_login_mfa_pct: 50 },
    },
    {
      name: 'two events at the same second are ordered by event id',
      records: [signIn(9, carol, '2026-10-06T09:14:05Z'), signIn(8, bob, '2026-10-06T09:14:05Z')],
      findings: [
        { resource: bobArn, message: /\(event 3f1c9a2e-0b4d-4e6f-8a1b-000000000008\)$/ },
        { resource: 'arn:aws:iam::210987654321:user/carol', message: /\(event 3f1c9a2e-0b4d-4e6f-8a1b-000000000009\)$/ },
      ],
    },
  ],
  vacuous: [
    { name: 'no events', records: [], metrics: {} },
    { name: 'only failed and root sign-ins', records: [signIn(1, bob, '2026-10-06T09:00:00Z', { success: false }), signIn(2, root, '2026-10-07T09:00:00Z')], metrics: {} },
  ],
});
