import check from '../../../../src/providers/aws/checks/ct-kms-key-deletion.js';
import { StreamCheckTester } from '../../../../src/testing/stream-check-tester.js';
import { alice, apiCall, DENIED, deployRole, eventId } from './cloudtrail-records.js';

const keyId = '0f3c5a7e-2b4d-4c6e-8a1b-3d5f7a9c1e2b';
const keyArn = `arn:aws:kms:eu-west-1:210987654321:key/${keyId}`;
const keyResource = [{ accountId: '210987654321', type: 'AWS::KMS::Key', ARN: keyArn }];

new StreamCheckTester(check).run({
  pass: [
    {
      name: 'keys used, cancelled and enabled; a denied deletion',
      records: [
        apiCall(1, deployRole, '2026-10-21T16:00:00Z', 'kms:Decrypt', { encryptionAlgorithm: 'SYMMETRIC_DEFAULT' }, { resources: keyResource, readOnly: true }),
        apiCall(2, alice, '2026-10-21T16:05:00Z', 'kms:CancelKeyDeletion', { keyId }, { resources: keyResource }),
        apiCall(3, alice, '2026-10-21T16:06:00Z', 'kms:EnableKey', { keyId }, { resources: keyResource }),
        apiCall(4, deployRole, '2026-10-21T16:07:00Z', 'kms:ScheduleKeyDeletion', { keyId, pendingWindowInDays: 7 }, { ...DENIED, resources: keyResource }),
      ],
      examined: 4,
      metrics: { key_deletions: 0 },
    },
  ],
  fail: [
    {
      name: 'a deletion scheduled and a key disabled, the ARN taken from resources or built from keyId',
      records: [
        apiCall(2, alice, '2026-10-22T09:00:00Z', 'kms:DisableKey', { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }),
        apiCall(1, alice, '2026-10-21T16:02:19Z', 'kms:ScheduleKeyDeletion', { keyId, pendingWindowInDays: 7 }, { resources: keyResource }),
      ],
      findings: [
        {
          resource: keyArn,
          message: `KMS key ${keyArn} scheduled for deletion in 7 days by IAM user alice at 2026-10-21T16:02:19Z from 198.51.100.7 in eu-west-1 (event ${eventId(1)})`,
        },
        {
          resource: 'arn:aws:kms:eu-west-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab',
          message: `KMS key arn:aws:kms:eu-west-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab disabled by IAM user alice at 2026-10-22T09:00:00Z from 198.51.100.7 in eu-west-1 (event ${eventId(2)})`,
        },
      ],
      metrics: { key_deletions: 2 },
    },
    {
      name: 'a key named by its ARN, by a role',
      records: [apiCall(1, deployRole, '2026-10-23T11:00:00Z', 'kms:ScheduleKeyDeletion', { keyId: keyArn, pendingWindowInDays: 30 })],
      findings: [{ resource: keyArn, message: new RegExp(`^KMS key ${keyArn} scheduled for deletion in 30 days by role deploy \\(session gha-run-4411\\) at`) }],
    },
  ],
  vacuous: [{ name: 'no events', records: [], metrics: { key_deletions: 0 } }],
});
