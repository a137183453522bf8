import { describe, expect, it } from 'vitest';
import check from '../../../../src/providers/aws/checks/iam-access-key-rotation.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { activeKey, noKey, rootRow, userRow } from './credential-rows.js';

const ARN = 'arn:aws:iam::210987654321:user';

new CheckTester(check).run({
  pass: [
    {
      name: 'keys rotated within 90 days',
      records: [rootRow(), userRow({ user: 'ci-deploy', accessKeys: [activeKey(1, '2026-10-01', '2026-10-31'), activeKey(2, '2026-09-14')] })],
      examined: 2,
    },
    { name: 'exactly 90 days old is not older than 90d', records: [userRow({ accessKeys: [activeKey(1, '2026-08-03'), noKey(2)] })], examined: 1 },
    {
      name: 'an old inactive key is not examined',
      records: [userRow({ accessKeys: [{ ...activeKey(1, '2019-02-11'), active: false }, activeKey(2, '2026-10-01')] })],
      examined: 1,
    },
    {
      name: 'max_age 1y allows a 295-day-old key',
      records: [userRow({ user: 'ci-deploy', accessKeys: [activeKey(1, '2026-01-10'), noKey(2)] })],
      params: { max_age: '1y' },
      examined: 1,
    },
  ],
  fail: [
    {
      name: 'a key 295 days old',
      records: [userRow({ user: 'ci-deploy', accessKeys: [activeKey(1, '2026-01-10', '2026-10-30'), activeKey(2, '2026-10-01')] })],
      examined: 2,
      findings: [{ resource: `${ARN}/ci-deploy#access_key_1`, message: 'access key 1 of user ci-deploy is 295 days old (max 90d)' }],
    },
    {
      name: '91 days old, and an old root key',
      records: [
        rootRow({ accessKeys: [noKey(1), activeKey(2, '2019-02-11')] }),
        userRow({ user: 'bob', accessKeys: [noKey(1), activeKey(2, '2026-08-02')] }),
      ],
      examined: 2,
      findings: [
        { resource: 'arn:aws:iam::210987654321:root#access_key_2', message: 'access key 2 of the root user is 2820 days old (max 90d)' },
        { resource: `${ARN}/bob#access_key_2`, message: 'access key 2 of user bob is 91 days old (max 90d)' },
      ],
    },
    {
      name: 'max_age 30d',
      records: [userRow({ user: 'bob', accessKeys: [activeKey(1, '2026-09-16'), noKey(2)] })],
      params: { max_age: '30d' },
      findings: [{ resource: `${ARN}/bob#access_key_1`, message: 'access key 1 of user bob is 46 days old (max 30d)' }],
    },
    {
      name: 'an active key whose last rotated is N/A has an unknown age',
      records: [userRow({ user: 'bob', accessKeys: [{ ...activeKey(1, '2026-10-01'), lastRotated: null }, noKey(2)] })],
      findings: [{ resource: `${ARN}/bob#access_key_1`, message: 'access key 1 of user bob has no last-rotated date in the report (max 90d)' }],
    },
    {
      name: 'as-of moves the age',
      records: [userRow({ user: 'bob', accessKeys: [activeKey(1, '2026-10-01'), noKey(2)] })],
      asOf: '2027-03-01',
      findings: [{ resource: `${ARN}/bob#access_key_1`, message: 'access key 1 of user bob is 151 days old (max 90d)' }],
    },
  ],
  vacuous: [
    { name: 'no records', records: [] },
    { name: 'no active keys (key columns N/A)', records: [rootRow(), userRow()] },
  ],
});

describe('aws/iam-access-key-rotation params', () => {
  it('rejects a max_age that is not a duration, at the max_age key', () => {
    const result = check.params.safeParse({ max_age: 'quarterly' });
    expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['max_age'], 'Invalid duration "quarterly": expected a number and a unit: m, h, d, w, mo or y (e.g. 6h, 90d, 12mo)'],
    ]);
  });

  it('rejects unknown params', () => {
    expect(check.params.safeParse({ maxAge: '90d' }).error?.issues[0]?.code).toBe('unrecognized_keys');
  });
});
