import { describe, expect, it } from 'vitest';
import { MASK, maskText, maskValue } from '../../src/report/mask-secrets.js';

describe('maskText', () => {
  it.each([
    ['aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', `aws_secret_access_key=${MASK}`],
    ['password: hunter2 for bob', `password: ${MASK} for bob`],
    ['header Authorization: Bearer abc.def-ghi', `header Authorization: Bearer ${MASK}`],
    ['token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig_nature here', `token ${MASK} here`],
    ['sts IQoJb3JpZ2luX2VjEXAMPLEXAMPLEXAMPLEXAMPLE== end', `sts ${MASK} end`],
  ])('masks %s', (input, expected) => {
    expect(maskText(input)).toBe(expected);
  });

  it('leaves identifiers alone: ARNs and access key ids are not secrets', () => {
    const text = 'access key AKIAIOSFODNN7EXAMPLE of arn:aws:iam::210987654321:user/bob is 120 days old';
    expect(maskText(text)).toBe(text);
  });
});

describe('maskValue', () => {
  it('replaces values under secret-named keys and scans nested strings', () => {
    expect(
      maskValue({
        user: 'bob',
        SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG',
        nested: { sessionToken: 'abc', note: 'password=x1' },
        list: ['Bearer zzz'],
        mfa: true,
        password_last_used: '2026-10-01T00:00:00Z',
        PasswordEnabled: true,
      }),
    ).toEqual({
      user: 'bob',
      SecretAccessKey: MASK,
      nested: { sessionToken: MASK, note: `password=${MASK}` },
      list: [`Bearer ${MASK}`],
      mfa: true,
      password_last_used: '2026-10-01T00:00:00Z',
      PasswordEnabled: true,
    });
  });
});
