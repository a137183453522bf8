import check from '../../../../src/providers/aws/checks/cloudtrail-multi-region.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { trail } from './trails.js';

const stopped = trail({
  status: { isLogging: false, latestDeliveryTime: new Date('2026-10-20T09:59:00Z'), startLoggingTime: null, stopLoggingTime: new Date('2026-10-20T10:02:11Z'), latestDeliveryError: null },
});
const regional = trail({ name: 'legacy', homeRegion: 'us-east-1', multiRegion: false });
const EXPECTED = 'multi-region trail that is logging, with read and write management events';

new CheckTester(check).run({
  pass: [
    { name: 'a logging multi-region trail with default selectors', records: [trail()], examined: 1 },
    { name: 'one qualifying trail is enough beside a regional one', records: [regional, trail()], examined: 1 },
    {
      name: 'management events excluding KMS still count as read and write',
      records: [trail({ managementEvents: { read: true, write: true, excludedSources: ['kms.amazonaws.com'] } })],
      examined: 1,
    },
  ],
  fail: [
    {
      name: 'no trail at all',
      records: [],
      examined: 1,
      findings: [{ resource: 'unknown-account', message: `no CloudTrail trail in the export; expected a ${EXPECTED}` }],
    },
    {
      name: 'the multi-region trail was stopped, the other one is single-region',
      records: [stopped, regional],
      examined: 1,
      findings: [
        {
          resource: '210987654321',
          message: `account 210987654321 has no multi-region trail that is logging, with read and write management events (main-trail: not logging since 2026-10-20; legacy: single-region (us-east-1))`,
          details: {
            trails: [
              { trail: 'main-trail', shortfalls: ['not logging since 2026-10-20'] },
              { trail: 'legacy', shortfalls: ['single-region (us-east-1)'] },
            ],
          },
        },
      ],
    },
    {
      name: 'write-only and read-only selectors, status and selectors not exported',
      records: [
        trail({ name: 'writes', managementEvents: { read: false, write: true, excludedSources: [] } }),
        trail({ name: 'reads', managementEvents: { read: true, write: false, excludedSources: [] } }),
        trail({ name: 'data-only', managementEvents: { read: false, write: false, excludedSources: [] } }),
        trail({ name: 'bare', status: null, managementEvents: null }),
      ],
      examined: 1,
      findings: [
        {
          resource: '210987654321',
          message:
            `account 210987654321 has no ${EXPECTED} (writes: records no read management events; reads: records no write management events; ` +
            'data-only: records no management events; bare: logging status not exported, custom event selectors not exported)',
        },
      ],
    },
    {
      name: 'decides per account',
      records: [trail(), trail({ name: 'other', arn: 'arn:aws:cloudtrail:eu-west-1:109876543210:trail/other', accountId: '109876543210', multiRegion: false })],
      examined: 2,
      findings: [{ resource: '109876543210', message: `account 109876543210 has no ${EXPECTED} (other: single-region (eu-west-1))` }],
    },
  ],
});
