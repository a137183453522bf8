import { describe, expect, it } from 'vitest';
import { applyExceptions, resourceMatcher } from '../../src/exceptions/match-exceptions.js';
import { loadedException } from '../support/loaded-exception.js';

const ACCOUNT = 'arn:aws:iam::210987654321';

describe('resourceMatcher', () => {
  it('matches exact ids exactly', () => {
    const matches = resourceMatcher(loadedException({ resources: [`${ACCOUNT}:user/carol`] }));
    expect(matches(`${ACCOUNT}:user/carol`)).toBe(true);
    expect(matches(`${ACCOUNT}:user/carol2`)).toBe(false);
    expect(matches(`${ACCOUNT}:user/team/carol`)).toBe(false);
  });

  it('lets `*` span "/" in ARN paths', () => {
    const matches = resourceMatcher(loadedException({ resources: [`${ACCOUNT}:user/*`] }));
    expect(matches(`${ACCOUNT}:user/carol`)).toBe(true);
    expect(matches(`${ACCOUNT}:user/engineering/contractors/carol`)).toBe(true);
    expect(matches(`${ACCOUNT}:role/deploy`)).toBe(false);
    expect(matches('arn:aws:iam::123456789012:user/carol')).toBe(false);
  });

  it('matches names that start with a dot, which IAM allows', () => {
    const matches = resourceMatcher(loadedException({ resources: [`${ACCOUNT}:user/*`] }));
    expect(matches(`${ACCOUNT}:user/.deploy`)).toBe(true);
    expect(matches(`${ACCOUNT}:user/ops/.deploy`)).toBe(true);
  });

  it('matches key slots and names with IAM punctuation literally', () => {
    const keys = resourceMatcher(loadedException({ resources: [`${ACCOUNT}:user/ci-deploy#access_key_*`] }));
    expect(keys(`${ACCOUNT}:user/ci-deploy#access_key_1`)).toBe(true);
    expect(keys(`${ACCOUNT}:user/ci-deploy#password`)).toBe(false);
    const email = resourceMatcher(loadedException({ resources: [`${ACCOUNT}:user/jo+ops@example.com`] }));
    expect(email(`${ACCOUNT}:user/jo+ops@example.com`)).toBe(true);
    expect(email(`${ACCOUNT}:user/joops@example.com`)).toBe(false);
  });

  it('covers every resource of the control when it lists none', () => {
    expect(resourceMatcher(loadedException())('anything at all')).toBe(true);
  });
});

describe('applyExceptions', () => {
  const findings = [
    { resource: `${ACCOUNT}:user/bob`, message: 'user bob has console access without MFA' },
    { resource: `${ACCOUNT}:user/carol`, message: 'user carol has console access without MFA', details: { mfa_active: false } },
    { resource: `${ACCOUNT}:user/dave`, message: 'user dave has console access without MFA' },
  ];
  const active = loadedException({ id: 'EX-ACTIVE', resources: [`${ACCOUNT}:user/carol`] });
  const expired = loadedException({ id: 'EX-EXPIRED', resources: [`${ACCOUNT}:user/bob`, `${ACCOUNT}:user/carol`], approved: '2026-01-01', expires: '2026-10-31' });
  const asOf = new Date('2026-11-01T09:00:00Z');

  it('excepts findings an active exception covers and only names an expired one', () => {
    const applied = applyExceptions(findings, [expired, active], asOf);
    expect(applied.findings).toEqual([
      { resource: `${ACCOUNT}:user/bob`, message: 'user bob has console access without MFA', expired_exception: 'EX-EXPIRED' },
      {
        resource: `${ACCOUNT}:user/carol`,
        message: 'user carol has console access without MFA',
        details: { mfa_active: false },
        excepted_by: 'EX-ACTIVE',
      },
      { resource: `${ACCOUNT}:user/dave`, message: 'user dave has console access without MFA' },
    ]);
    expect(applied.excepted).toBe(1);
    expect(Object.fromEntries(applied.matched)).toEqual({
      'EX-EXPIRED': [`${ACCOUNT}:user/bob`, `${ACCOUNT}:user/carol`],
      'EX-ACTIVE': [`${ACCOUNT}:user/carol`],
    });
  });

  it('still excepts on the expiry day itself', () => {
    const applied = applyExceptions(findings, [expired], new Date('2026-10-31T23:00:00Z'));
    expect(applied.excepted).toBe(2);
    expect(applied.findings.map((finding) => finding.excepted_by)).toEqual(['EX-EXPIRED', 'EX-EXPIRED', undefined]);
  });
});
