import { describe, expect, it } from 'vitest';
import { accountInPath, arnParts, regionInPath } from '../../../../src/providers/aws/lib/export-file.js';

describe('export-file paths and ARNs', () => {
  it('finds the region folder nearest the file', () => {
    expect(regionInPath('exports/210987654321/eu-west-1/kms-keys.json')).toBe('eu-west-1');
    expect(regionInPath('exports\\210987654321\\us-gov-west-1\\kms-keys.json')).toBe('us-gov-west-1');
    expect(regionInPath('us-east-1/old/eu-central-2/kms-keys.json')).toBe('eu-central-2');
    expect(regionInPath('exports/global/s3-buckets.json')).toBeNull();
    expect(regionInPath('exports/eu-west-1.json')).toBeNull();
  });

  it('finds the 12-digit account folder', () => {
    expect(accountInPath('out/210987654321/eu-west-1/x.json')).toBe('210987654321');
    expect(accountInPath('out/21098765432/eu-west-1/x.json')).toBeNull();
    expect(accountInPath('210987654321.json')).toBeNull();
  });

  it('splits region and account out of an ARN, empty parts as null', () => {
    expect(arnParts('arn:aws:kms:eu-west-1:210987654321:key/abc')).toEqual({ region: 'eu-west-1', accountId: '210987654321' });
    expect(arnParts('arn:aws:iam::210987654321:role/x')).toEqual({ region: null, accountId: '210987654321' });
    expect(arnParts('arn:aws:s3:::bucket')).toEqual({ region: null, accountId: null });
  });
});
