import check from '../../../../src/providers/aws/checks/kms-key-rotation.js';
import kmsKeys, { type KmsKey } from '../../../../src/providers/aws/sources/kms-keys.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { recordsOf } from './export-records.js';

function key(overrides: Partial<KmsKey> = {}): KmsKey {
  const keyId = overrides.keyId ?? '3f9a1c2e-7b4d-4a6f-8e1c-2d5b9a0c7e31';
  return {
    keyId,
    arn: `arn:aws:kms:eu-west-1:210987654321:key/${keyId}`,
    accountId: '210987654321',
    region: 'eu-west-1',
    description: 'backup vault key',
    manager: 'CUSTOMER',
    state: 'Enabled',
    enabled: true,
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    origin: 'AWS_KMS',
    creationDate: new Date('2023-11-20T14:02:51.318Z'),
    deletionDate: null,
    multiRegion: false,
    rotation: { enabled: true, periodDays: 365, nextRotationDate: new Date('2027-01-18T14:02:51.318Z') },
    ...overrides,
  };
}

const APP = '0b7e2f4c-5d1a-4e8b-9c3f-6a2d8e1f4b70';
const notExamined = [
  key({ keyId: 'aws-managed', manager: 'AWS', rotation: { enabled: true, periodDays: 365, nextRotationDate: null } }),
  key({ keyId: 'signing', keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY', rotation: null }),
  key({ keyId: 'hmac', keySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC', rotation: null }),
  key({ keyId: 'imported', origin: 'EXTERNAL', rotation: null }),
  key({ keyId: 'disabled', state: 'Disabled', enabled: false, rotation: { enabled: false, periodDays: null, nextRotationDate: null } }),
  key({ keyId: 'pending', state: 'PendingDeletion', enabled: false, rotation: null }),
];

new CheckTester(check).run({
  pass: [
    { name: 'an enabled symmetric customer key that rotates', records: [key()], examined: 1 },
    { name: 'AWS managed, asymmetric, HMAC, imported, disabled and pending-deletion keys are not examined', records: [key(), ...notExamined], examined: 1 },
  ],
  fail: [
    {
      name: 'the demo export: app-data key without rotation',
      records: recordsOf(kmsKeys, 'aws/210987654321/eu-west-1/kms-keys.json', 'aws/210987654321/us-east-1/kms-keys.json'),
      examined: 3,
      findings: [
        {
          resource: `arn:aws:kms:eu-west-1:210987654321:key/${APP}`,
          message: `customer managed key ${APP} ("app-data encryption", eu-west-1) has automatic rotation disabled`,
        },
      ],
    },
    {
      name: 'a key whose rotation status was not exported, and one without a description',
      records: [key({ keyId: 'k-1', rotation: null }), key({ keyId: 'k-2', description: null, region: null, rotation: { enabled: false, periodDays: null, nextRotationDate: null } })],
      examined: 2,
      findings: [
        { resource: 'arn:aws:kms:eu-west-1:210987654321:key/k-1', message: 'customer managed key k-1 ("backup vault key", eu-west-1) has no exported rotation status' },
        { resource: 'arn:aws:kms:eu-west-1:210987654321:key/k-2', message: 'customer managed key k-2 has automatic rotation disabled' },
      ],
    },
  ],
  vacuous: [{ name: 'only keys the check does not examine', records: notExamined }],
});
