import { describe, expect, it } from 'vitest';
import { accountOfArn, arnServicePrefix, canStartWith } from '../../../src/providers/aws/resource-ids.js';

describe('arnServicePrefix', () => {
  it('is the partition and service of an ARN, and undefined for other ids', () => {
    expect(arnServicePrefix('arn:aws:iam::123456789012:user/alice')).toBe('arn:aws:iam:');
    expect(arnServicePrefix('arn:aws:s3:::bucket')).toBe('arn:aws:s3:');
    expect(arnServicePrefix('payroll/2026-Q3')).toBeUndefined();
  });
});

describe('canStartWith', () => {
  it.each([
    ['', true],
    ['a', true],
    ['arn:aws:i', true],
    ['arn:aws:iam::210987654321:user/carol', true],
    ['arn:aws-cn:iam::1:user/carol', true],
    ['arn:aws-us-gov:iam:', true],
    ['arn:a', true],
    ['user/carol', false],
    ['carol', false],
    ['arn:aws:s3:::bucket', false],
    ['arn:aws:iamx:', false],
    ['arn:gcp:iam::1:user/carol', false],
    ['arn::iam::1:root', false],
  ])('%s -> %s for arn:aws:iam:', (prefix, expected) => {
    expect(canStartWith(prefix, 'arn:aws:iam:')).toBe(expected);
  });
});

describe('accountOfArn', () => {
  it('is the twelve-digit account of an ARN, and undefined where there is none', () => {
    expect(accountOfArn('arn:aws:iam::210987654321:root')).toBe('210987654321');
    expect(accountOfArn('arn:aws:kms:eu-west-1:210987654321:key/1234')).toBe('210987654321');
    expect(accountOfArn('arn:aws:s3:::bucket')).toBeUndefined();
  });
});
