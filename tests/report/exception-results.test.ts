import { describe, expect, it } from 'vitest';
import { exceptionResults, exceptionTiers, median } from '../../src/report/exception-results.js';
import { loadedException } from '../support/loaded-exception.js';

const asOf = new Date('2026-11-01T00:00:00Z');

describe('exceptionResults', () => {
  const exceptions = [
    loadedException({ id: 'EX-ACTIVE', approved: '2026-10-01', expires: '2027-03-31' }),
    loadedException({ id: 'EX-EXPIRING', approved: '2026-10-01', expires: '2026-11-20' }),
    loadedException({ id: 'EX-EXPIRED', approved: '2025-04-01', expires: '2026-09-30' }),
    loadedException({ id: 'EX-UNUSED', approved: '2026-10-01', expires: '2027-03-31' }),
  ];
  const matched = new Map([
    ['EX-ACTIVE', ['arn:aws:iam::210987654321:user/carol']],
    ['EX-EXPIRING', ['arn:aws:iam::210987654321:user/bob']],
    ['EX-EXPIRED', ['arn:aws:iam::210987654321:user/legacy-etl']],
  ]);

  it('gives each exception its status, age and days to expiry at as-of', () => {
    const results = exceptionResults(exceptions, '.', asOf, 30, { matched });
    expect(results.map(({ id, status, age_days, days_to_expiry, matched: resources }) => ({ id, status, age_days, days_to_expiry, resources }))).toEqual([
      { id: 'EX-ACTIVE', status: 'active', age_days: 31, days_to_expiry: 150, resources: ['arn:aws:iam::210987654321:user/carol'] },
      { id: 'EX-EXPIRING', status: 'expiring', age_days: 31, days_to_expiry: 19, resources: ['arn:aws:iam::210987654321:user/bob'] },
      { id: 'EX-EXPIRED', status: 'expired', age_days: 579, days_to_expiry: -32, resources: ['arn:aws:iam::210987654321:user/legacy-etl'] },
      { id: 'EX-UNUSED', status: 'unused', age_days: 31, days_to_expiry: 150, resources: [] },
    ]);
  });

  it('never calls an expired exception unused: it matched nothing because it excepts nothing', () => {
    const results = exceptionResults(exceptions, '.', asOf, 30, { matched: new Map() });
    expect(results.map((result) => result.status)).toEqual(['unused', 'unused', 'expired', 'unused']);
  });

  it('carries the ticket, the resources and the control\'s verdicts when there are any, and no key for them otherwise', () => {
    const ticketed = loadedException({ id: 'EX-T', ticket: 'RISK-12', resources: ['arn:aws:iam::210987654321:user/carol'] });
    const verdicts = new Map([['IAM-02', { exists: 'stale' as const, works: 'ineffective' as const }]]);
    const [withAll, bare] = exceptionResults([ticketed, loadedException({ control: 'IAM-09' })], '/catalogs', asOf, 30, { matched, verdicts });
    expect(withAll).toStrictEqual({
      id: 'EX-T',
      control: 'IAM-02',
      status: 'unused',
      risk: 'high',
      owner: 'it-identity@example.com',
      approved_by: 'ciso@example.com',
      approved: '2026-10-01',
      expires: '2026-12-31',
      reason: 'hardware token on order',
      file: 'controls.yaml',
      age_days: 31,
      days_to_expiry: 60,
      matched: [],
      ticket: 'RISK-12',
      resources: ['arn:aws:iam::210987654321:user/carol'],
      control_exists: 'stale',
      control_works: 'ineffective',
    });
    expect(Object.keys(bare ?? {})).toEqual(['id', 'control', 'status', 'risk', 'owner', 'approved_by', 'approved', 'expires', 'reason', 'file', 'age_days', 'days_to_expiry', 'matched']);
  });

  it('judges by date alone when no data was read', () => {
    const results = exceptionResults(exceptions, '.', asOf, 30, { matched: undefined });
    expect(results.map((result) => result.status)).toEqual(['active', 'expiring', 'expired', 'active']);
  });
});

describe('exceptionTiers', () => {
  // Ages at 2026-11-01: approved 2026-01-01 → 304 days, 2026-03-01 → 245, 2026-06-01 → 153, 2026-10-01 → 31;
  // 2025-11-01 → 365.
  const exceptions = [
    loadedException({ id: 'H-1', risk: 'high', approved: '2026-06-01', expires: '2027-06-01' }),
    loadedException({ id: 'H-2', risk: 'high', approved: '2026-01-01', expires: '2026-10-15' }),
    loadedException({ id: 'H-3', risk: 'high', approved: '2026-10-01', expires: '2026-11-15' }),
    loadedException({ id: 'H-4', risk: 'high', approved: '2026-03-01', expires: '2027-02-28' }),
    loadedException({ id: 'L-1', risk: 'low', approved: '2025-11-01', expires: '2026-11-30' }),
  ];

  it('gives count, median and oldest age per risk tier, most severe first, skipping empty tiers', () => {
    const results = exceptionResults(exceptions, '.', asOf, 30, { matched: undefined });
    expect(exceptionTiers(results)).toEqual([
      // High ages sorted: 31, 153, 245, 304; an even count takes the mean of the middle two: (153 + 245) / 2.
      { risk: 'high', count: 4, median_age_days: 199, oldest_age_days: 304, expired: 1, expiring: 1, active: 2, unused: 0 },
      { risk: 'low', count: 1, median_age_days: 365, oldest_age_days: 365, expired: 0, expiring: 1, active: 0, unused: 0 },
    ]);
  });
});

describe('median', () => {
  it('takes the middle of an odd count and the mean of the two middles of an even one', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([1, 2, 10])).toBe(2);
    expect(median([1, 2, 4, 10])).toBe(3);
  });
});
