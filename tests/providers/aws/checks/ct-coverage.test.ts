import { describe, expect, it } from 'vitest';
import check from '../../../../src/providers/aws/checks/ct-coverage.js';
import { StreamCheckTester } from '../../../../src/testing/stream-check-tester.js';
import { apiCall, deployRole } from './cloudtrail-records.js';

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

const day = (hours: readonly string[]): string[] => hours.map((hour) => `2026-10-31T${hour}:00Z`);
const OTHER_ACCOUNT = '109876543210';

new StreamCheckTester(check).run({
  pass: [
    {
      name: 'a day covered every few hours',
      params: { window: '1d' },
      records: events(100, day(['02:00', '07:00', '12:00', '17:00', '22:00'])),
      examined: 1,
      metrics: { coverage_pct: 100, coverage_gaps: 0 },
    },
    {
      name: 'thirty days, two regions, with a five-day max_gap',
      params: { window: '30d', max_gap: '5d' },
      records: [
        ...events(200, ['2026-10-02T06:02:11Z', '2026-10-06T09:02:11Z', '2026-10-10T11:00:00Z', '2026-10-14T08:00:00Z', '2026-10-18T13:00:00Z', '2026-10-22T10:00:00Z', '2026-10-26T21:00:00Z', '2026-10-30T11:00:00Z']),
        ...events(300, ['2026-10-02T09:10:05Z', '2026-10-06T08:10:05Z', '2026-10-10T15:10:05Z', '2026-10-14T09:10:05Z', '2026-10-18T07:10:05Z', '2026-10-22T17:10:05Z', '2026-10-26T08:10:05Z', '2026-10-30T14:11:32Z'], 'us-east-1'),
      ],
      examined: 2,
      metrics: { coverage_pct: 100, coverage_gaps: 0 },
    },
    {
      name: 'events before the window are not needed, events after as-of are ignored',
      params: { window: '1d', max_gap: '12h' },
      records: events(400, ['2026-10-20T00:00:00Z', '2026-10-31T06:00:00Z', '2026-10-31T17:00:00Z', '2026-11-03T00:00:00Z']),
      examined: 1,
      metrics: { coverage_pct: 100, coverage_gaps: 0 },
    },
  ],
  fail: [
    {
      name: 'a nine-hour gap inside a day',
      params: { window: '1d' },
      records: events(500, day(['01:00', '03:00', '12:00', '17:00', '21:00'])),
      examined: 1,
      findings: [
        {
          resource: '210987654321/eu-west-1',
          message: 'no CloudTrail events for 210987654321/eu-west-1 from 2026-10-31T03:00:00Z to 2026-10-31T12:00:00Z: 9h, longer than max_gap 6h',
          details: { account: '210987654321', region: 'eu-west-1', from: '2026-10-31T03:00:00Z', to: '2026-10-31T12:00:00Z', hours: 9 },
        },
      ],
      metrics: { coverage_pct: 62.5, coverage_gaps: 1 },
    },
    {
      name: 'three days of a thirty-day window: gaps at the start and before as-of',
      params: { window: '30d' },
      records: events(600, ['2026-10-20T10:00:00Z', '2026-10-20T14:00:00Z', '2026-10-20T18:00:00Z', '2026-10-20T22:00:00Z']),
      findings: [
        {
          resource: '210987654321/eu-west-1',
          message: 'no CloudTrail events for 210987654321/eu-west-1 from 2026-10-02T00:00:00Z (start of the 30d window) to 2026-10-20T10:00:00Z: 18.4 days, longer than max_gap 6h',
        },
        {
          resource: '210987654321/eu-west-1',
          message: 'no CloudTrail events for 210987654321/eu-west-1 from 2026-10-20T22:00:00Z to 2026-11-01T00:00:00Z (as-of): 11.1 days, longer than max_gap 6h',
        },
      ],
      metrics: { coverage_pct: 1.7, coverage_gaps: 2 },
    },
    {
      name: 'a region whose events are all older than the window, and accounts in order',
      params: { window: '1d' },
      records: [
        ...events(700, ['2026-09-01T10:00:00Z', '2026-09-01T11:00:00Z'], 'us-east-1'),
        ...events(800, day(['02:00', '08:00', '14:00', '20:00']), 'eu-west-1', OTHER_ACCOUNT),
        ...events(900, day(['02:00', '08:00', '14:00', '20:00'])),
      ],
      examined: 3,
      findings: [
        {
          resource: '210987654321/us-east-1',
          message: 'no CloudTrail events for 210987654321/us-east-1 in the 1d window from 2026-10-31T00:00:00Z to 2026-11-01T00:00:00Z: its 2 events are all outside it',
        },
      ],
      metrics: { coverage_pct: 0, coverage_gaps: 1 },
    },
  ],
  vacuous: [{ name: 'no events', params: { window: '90d' }, records: [], metrics: {} }],
});

describe('aws/ct-coverage params', () => {
  it('defaults max_gap to 6h and keeps the window as a duration', () => {
    expect(check.params.parse({ window: '90d' })).toEqual({ window: { amount: 90, unit: 'd', text: '90d' }, max_gap: { amount: 6, unit: 'h', text: '6h', ms: 21_600_000 } });
  });

  it('rejects a window and a max_gap it cannot read, saying what it expected', () => {
    const result = check.params.safeParse({ window: '90 days', max_gap: '6 hours' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'Invalid window "90 days": expected a positive number and a unit: m, h, d, w, mo or y (e.g. 90d)',
      'Invalid duration "6 hours": expected a positive number and a unit: m, h, d or w (e.g. 6h)',
    ]);
  });

  it('requires the window', () => {
    expect(check.params.safeParse({}).success).toBe(false);
  });
});
