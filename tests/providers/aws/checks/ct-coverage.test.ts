import { describe, expect, it } from 'vitest';
import check from '../../../../src/providers/aws/checks/ct-coverage.js';
import { StreamCheckTester } from '../../../../src/testing/stream-check-tester.js';
import { apiCall, deployRole } from './cloudtrail-records.js';

const HOUR_MS = 3_600_000;

/** One routine event per listed time, in `region` (and, for a second account, `account`); event ids from `first` on. */
function events(first: number, times: readonly string[], region = 'eu-west-1', account?: string): ReturnType<typeof apiCall>[] {
  return times.map((time, index) =>
    apiCall(first + index, deployRole, time, 'ec2:DescribeInstances', null, {
      awsRegion: region,
      readOnly: true,
      ...(account === undefined ? {} : { account }),
    }),
  );
}

/** `count` times an hour apart from `from`, at ten past the hour. */
function hourly(from: string, count: number): string[] {
  const start = Date.parse(from);
  return Array.from({ length: count }, (_, index) => new Date(start + index * HOUR_MS + 600_000).toISOString().replace('.000Z', 'Z'));
}

/** Office hours (08:10 to 18:10) on each listed day. */
const officeHours = (days: readonly string[]): string[] => days.flatMap((day) => hourly(`${day}T08:00:00Z`, 11));

const OTHER_ACCOUNT = '109876543210';

new StreamCheckTester(check).run({
  pass: [
    {
      name: 'a day with an event every hour',
      params: { window: '1d' },
      records: events(100, hourly('2026-10-31T00:00:00Z', 24)),
      examined: 1,
      metrics: { coverage_pct: 100, coverage_gaps: 0, regions_judged: 1, regions_quiet: 0 },
    },
    {
      name: 'three office days: the fourteen-hour nights are quiet spells, not outages',
      params: { window: '3d' },
      records: events(200, officeHours(['2026-10-29', '2026-10-30', '2026-10-31'])),
      examined: 1,
      metrics: { coverage_pct: 100, coverage_gaps: 0, regions_judged: 1, regions_quiet: 0 },
    },
    {
      name: "regions that only saw a trail's creation fan-out are left out",
      params: { window: '1d' },
      records: [
        ...events(300, hourly('2026-10-31T00:00:00Z', 24)),
        ...events(400, ['2026-10-31T09:14:02Z', '2026-10-31T09:14:02Z'], 'ap-south-1'),
        ...events(500, ['2026-10-31T09:14:02Z'], 'sa-east-1'),
      ],
      examined: 1,
      metrics: { coverage_pct: 100, coverage_gaps: 0, regions_judged: 1, regions_quiet: 2 },
    },
    {
      name: 'thirty days, two regions with an event every four days: quiet, so no silence is improbable',
      params: { window: '30d' },
      records: [
        ...events(600, ['2026-10-02T06:02:11Z', '2026-10-06T09:02:11Z', '2026-10-10T11:00:00Z', '2026-10-14T08:00:00Z', '2026-10-18T13:00:00Z', '2026-10-22T10:00:00Z', '2026-10-26T21:00:00Z', '2026-10-30T11:00:00Z']),
        ...events(700, ['2026-10-02T09:10:05Z', '2026-10-06T08:10:05Z', '2026-10-10T15:10:05Z', '2026-10-14T09:10:05Z', '2026-10-18T07:10:05Z', '2026-10-22T17:10:05Z', '2026-10-26T08:10:05Z', '2026-10-30T14:11:32Z'], 'us-east-1'),
      ],
      examined: 2,
      metrics: { coverage_pct: 100, coverage_gaps: 0, regions_judged: 2, regions_quiet: 0 },
    },
    {
      name: 'events before the window count towards being active, events after as-of are ignored',
      params: { window: '1d', regions: ['eu-west-1'] },
      records: events(800, ['2026-10-20T00:00:00Z', ...hourly('2026-10-31T00:00:00Z', 24), '2026-11-03T00:00:00Z']),
      examined: 1,
      metrics: { coverage_pct: 100, coverage_gaps: 0, regions_judged: 1 },
    },
  ],
  fail: [
    {
      name: 'a region busy every hour, silent for nine',
      params: { window: '1d' },
      records: events(900, [...hourly('2026-10-31T00:00:00Z', 4), ...hourly('2026-10-31T12:00:00Z', 12)]),
      examined: 1,
      findings: [
        {
          resource: '210987654321/eu-west-1',
          message:
            "no CloudTrail events for 210987654321/eu-west-1 from 2026-10-31T03:10:00Z to 2026-10-31T12:10:00Z: 9h; at the region's activity either side (λ = 1.79/h) a silence this long has a chance of 9.9e-8, below silence_probability 1e-6",
          details: { account: '210987654321', region: 'eu-west-1', from: '2026-10-31T03:10:00Z', to: '2026-10-31T12:10:00Z', hours: 9, rate_per_hour: 1.792, probability: 9.9e-8 },
        },
      ],
      metrics: { coverage_pct: 62.5, coverage_gaps: 1, regions_judged: 1, regions_quiet: 0 },
    },
    {
      name: 'three busy days of a thirty-day window: gaps at the start and before as-of',
      params: { window: '30d' },
      records: events(1000, hourly('2026-10-20T00:00:00Z', 72)),
      findings: [
        {
          resource: '210987654321/eu-west-1',
          message:
            "no CloudTrail events for 210987654321/eu-west-1 from 2026-10-02T00:00:00Z (start of the 30d window) to 2026-10-20T00:10:00Z: 18 days; at the region's activity either side (λ = 0.29/h) a silence this long has a chance of 6.2e-55, below silence_probability 1e-6",
        },
        {
          resource: '210987654321/eu-west-1',
          message:
            "no CloudTrail events for 210987654321/eu-west-1 from 2026-10-22T23:10:00Z to 2026-11-01T00:00:00Z (as-of): 9 days; at the region's activity either side (λ = 0.16/h) a silence this long has a chance of 2.1e-15, below silence_probability 1e-6",
        },
      ],
      metrics: { coverage_pct: 9.9, coverage_gaps: 2, regions_judged: 1, regions_quiet: 0 },
    },
    {
      name: 'a quiet region past max_gap',
      params: { window: '30d', max_gap: '3d' },
      records: events(1100, ['2026-10-02T06:00:00Z', '2026-10-06T09:00:00Z', '2026-10-08T11:00:00Z', '2026-10-10T11:00:00Z', '2026-10-12T11:00:00Z', '2026-10-14T11:00:00Z', '2026-10-16T11:00:00Z', '2026-10-18T11:00:00Z', '2026-10-20T11:00:00Z', '2026-10-22T11:00:00Z', '2026-10-24T11:00:00Z', '2026-10-26T11:00:00Z', '2026-10-28T11:00:00Z', '2026-10-30T11:00:00Z']),
      findings: [
        {
          resource: '210987654321/eu-west-1',
          message: 'no CloudTrail events for 210987654321/eu-west-1 from 2026-10-02T06:00:00Z to 2026-10-06T09:00:00Z: 4.1 days; longer than max_gap 3d',
        },
      ],
      metrics: { coverage_pct: 86.3, coverage_gaps: 1, regions_judged: 1, regions_quiet: 0 },
    },
    {
      name: 'an active region whose events are all older than the window, and accounts in order',
      params: { window: '1d' },
      records: [
        ...events(1200, ['2026-09-01T10:00:00Z', '2026-09-01T11:00:00Z', '2026-09-01T12:00:00Z'], 'us-east-1'),
        ...events(1300, hourly('2026-10-31T00:00:00Z', 24), 'eu-west-1', OTHER_ACCOUNT),
        ...events(1400, hourly('2026-10-31T00:00:00Z', 24)),
      ],
      examined: 3,
      findings: [
        {
          resource: '210987654321/us-east-1',
          message: 'no CloudTrail events for 210987654321/us-east-1 in the 1d window from 2026-10-31T00:00:00Z to 2026-11-01T00:00:00Z: its 3 events are all outside it',
        },
      ],
      metrics: { coverage_pct: 0, coverage_gaps: 1, regions_judged: 3, regions_quiet: 0 },
    },
    {
      name: 'a listed region without any event',
      params: { window: '1d', regions: ['eu-west-1', 'eu-central-1'] },
      records: events(1500, hourly('2026-10-31T00:00:00Z', 24)),
      examined: 2,
      findings: [
        {
          resource: '210987654321/eu-central-1',
          message: 'no CloudTrail events for 210987654321/eu-central-1 in the 1d window from 2026-10-31T00:00:00Z to 2026-11-01T00:00:00Z: it has no events at all',
        },
      ],
      metrics: { coverage_pct: 0, coverage_gaps: 1, regions_judged: 2 },
    },
  ],
  vacuous: [
    { name: 'no events', params: { window: '90d' }, records: [], metrics: {} },
    { name: 'only quiet regions', params: { window: '1d' }, records: events(1600, ['2026-10-31T09:14:02Z']), metrics: {} },
  ],
});

describe('aws/ct-coverage params', () => {
  it('defaults to the active regions, a one-in-a-million silence and a one-hour minimum, with no max_gap', () => {
    expect(check.params.parse({ window: '90d' })).toEqual({
      window: { amount: 90, unit: 'd', text: '90d' },
      regions: 'active',
      silence_probability: 1e-6,
      min_gap: { amount: 1, unit: 'h', text: '1h', ms: HOUR_MS },
    });
  });

  it('rejects params it cannot read, saying what it expected', () => {
    const result = check.params.safeParse({ window: '90 days', max_gap: '6 hours', min_gap: '30m', silence_probability: 2, regions: 'all' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'Invalid window "90 days": expected a positive number and a unit: m, h, d, w, mo or y (e.g. 90d)',
      'Expected "active" or a list of region names like [us-east-1, eu-west-1]',
      'Expected a probability below 1, like 1e-6',
      'Expected a min_gap of at least 1h: events are counted per clock hour',
      'Invalid duration "6 hours": expected a positive number and a unit: m, h, d or w (e.g. 6h)',
    ]);
  });

  it('requires the window', () => {
    expect(check.params.safeParse({}).success).toBe(false);
  });
});
