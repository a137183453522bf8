import { describe, expect, it } from 'vitest';
import adapter from '../../../../src/providers/aws/sources/kms-keys.js';
import { displayOf, fixtures, userErrorOf } from './export-fixtures.js';

const APP_KEY = '0b7e2f4c-5d1a-4e8b-9c3f-6a2d8e1f4b70';

describe('aws/kms-keys', () => {
  it('reads the CLI v2 export of two regions: one record per key, rotation joined by key id', async () => {
    const keys = adapter.read(await fixtures('aws/210987654321/eu-west-1/kms-keys.json', 'aws/210987654321/us-east-1/kms-keys.json'));
    expect(keys.map((key) => [key.keyId, key.region, key.manager, key.state, key.keySpec, key.rotation?.enabled ?? null])).toEqual([
      [APP_KEY, 'eu-west-1', 'CUSTOMER', 'Enabled', 'SYMMETRIC_DEFAULT', false],
      ['3f9a1c2e-7b4d-4a6f-8e1c-2d5b9a0c7e31', 'eu-west-1', 'CUSTOMER', 'Enabled', 'SYMMETRIC_DEFAULT', true],
      ['b8a9477d-836c-491f-857e-07937918959b', 'eu-west-1', 'AWS', 'Enabled', 'SYMMETRIC_DEFAULT', true],
      ['5e2c8d1a-9f3b-4c7e-a1d6-8b4f2e0c9a53', 'eu-west-1', 'CUSTOMER', 'Enabled', 'RSA_2048', null],
      ['c41d7e9b-2a5f-4e38-9b6c-0f1a3d8e5b27', 'eu-west-1', 'CUSTOMER', 'PendingDeletion', 'SYMMETRIC_DEFAULT', null],
      ['7d3e9f0a-1b2c-4d5e-8f6a-9b0c1d2e3f4a', 'us-east-1', 'CUSTOMER', 'Enabled', 'SYMMETRIC_DEFAULT', true],
    ]);
    expect(keys[0]).toEqual({
      keyId: APP_KEY,
      arn: `arn:aws:kms:eu-west-1:210987654321:key/${APP_KEY}`,
      accountId: '210987654321',
      region: 'eu-west-1',
      description: 'app-data encryption',
      manager: 'CUSTOMER',
      state: 'Enabled',
      enabled: true,
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      origin: 'AWS_KMS',
      creationDate: new Date('2024-02-12T09:14:07.552Z'),
      deletionDate: null,
      multiRegion: false,
      rotation: { enabled: false, periodDays: null, nextRotationDate: null },
    });
    expect(keys[4]?.deletionDate?.toISOString()).toBe('2026-11-20T00:00:00.000Z');
  });

  it('reads the CLI v1 export with epoch-number dates', async () => {
    const keys = adapter.read(await fixtures('aws/v1/210987654321/eu-west-1/kms-keys.json'));
    expect(keys).toHaveLength(3);
    expect(keys[0]?.creationDate?.toISOString()).toBe('2024-02-12T09:14:07.552Z');
    expect(keys[1]?.rotation).toEqual({ enabled: true, periodDays: 365, nextRotationDate: new Date('2027-01-18T14:02:51.318Z') });
  });

  it('reads a bare describe-key output as one key of unknown rotation, taking the old CustomerMasterKeySpec name', () => {
    const text = JSON.stringify({
      KeyMetadata: {
        AWSAccountId: '210987654321',
        KeyId: APP_KEY,
        Arn: `arn:aws:kms:eu-west-1:210987654321:key/${APP_KEY}`,
        CreationDate: 1707729247.552,
        Enabled: true,
        KeyUsage: 'ENCRYPT_DECRYPT',
        KeyState: 'Enabled',
        Origin: 'AWS_KMS',
        KeyManager: 'CUSTOMER',
        CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      },
    });
    const [key] = adapter.read([{ display: 'describe-key.json', text }]);
    expect(key?.keySpec).toBe('SYMMETRIC_DEFAULT');
    expect(key?.rotation).toBeNull();
    expect(key?.creationDate?.toISOString()).toBe('2024-02-12T09:14:07.552Z');
  });

  it('reports a value of the wrong type at its line and column', async () => {
    const error = userErrorOf(adapter, await fixtures('aws/bad/kms-keys.json'));
    expect(error.located).toBe(`${displayOf('aws/bad/kms-keys.json')}:20:27: GetKeyRotationStatus.${APP_KEY}.KeyRotationEnabled: expected boolean, found "false"`);
  });

  it('refuses an empty file', async () => {
    const error = userErrorOf(adapter, await fixtures('aws/bad/kms-keys-empty.json'));
    expect(error.located).toBe(
      `${displayOf('aws/bad/kms-keys-empty.json')}:1:1: File is empty: expected the {"DescribeKey", "GetKeyRotationStatus"} file of src/providers/aws/export.sh or the output of aws kms describe-key`,
    );
  });

  it('refuses a list-keys output cut short by --max-items', () => {
    const text = '{\n    "DescribeKey": {},\n    "NextToken": "eyJNYXJrZXIiOiBudWxsfQ=="\n}';
    expect(userErrorOf(adapter, [{ display: 'kms-keys.json', text }]).located).toBe(
      'kms-keys.json:3:18: Partial export: the file has "NextToken", so the export stopped before the last page',
    );
  });

  it('reads a region without keys as no records', () => {
    expect(adapter.read([{ display: 'kms-keys.json', text: '{"DescribeKey": {\n},\n"GetKeyRotationStatus": {\n}}\n' }])).toEqual([]);
  });
});
