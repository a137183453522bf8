import { readFileSync } from 'node:fs';
import path from 'node:path';
import source from '../../../../src/providers/governance/sources/recertification-okta.js';
import { SourceTester } from '../../../../src/testing/index.js';
import { fixturesDir } from '../../../support/paths.js';
import { decision } from '../decisions.js';

const fixture = readFileSync(path.join(fixturesDir, 'governance/recertification/okta/reviews-page-1.json'), 'utf8');
const CAMPAIGN = 'icizigd86iM9sOcbN1d6';
const APP = '0oa1gjh63g214q0Hq0g4';
const okta = (id: string, subject: string, subjectId: string, verdict: 'approve' | 'revoke' | 'undecided', decidedAt: string | null, fields = {}) =>
  decision(CAMPAIGN, subject, APP, verdict, {
    tool: 'okta',
    subjectId,
    itemId: id,
    reviewerId: '00unli90kor62oF5Z1d7',
    entitlementId: APP,
    due: new Date('2026-10-01T00:00:00Z'),
    decidedAt: decidedAt === null ? null : new Date(decidedAt),
    ...fields,
  });

const review = (fields: string) =>
  `{"data": [{"id": "r1", "campaignId": "c1", "resourceId": "0oa1", "decision": "APPROVE", "decided": "2026-09-14T16:20:41.000Z", "created": "2026-09-01T00:00:00.000Z", "principalProfile": {"id": "00u1", "login": "Lee@Example.org", "status": "ACTIVE", "type": "OKTA_USER"}${fields}}],\n"_links": {"self": {"href": "https://example.okta.com/governance/api/v1/reviews"}}}`;

new SourceTester(source).run({
  read: [
    {
      name: 'the fixture page: reviewer and subject lower-cased, an entitlement value after its app, an unreviewed item without reviewer or time',
      text: fixture,
      params: { due: '2026-09-30' },
      records: [
        okta('icrztblxbBFiVKepb1d6', 'carol.ng@example.com', '00u2k5x7y8z9a0b1c2d3', 'revoke', '2026-09-14T16:20:41.000Z'),
        okta('icrztbm1pQx8GmT0e1d6', 'frank.ito@example.com', '00u3m6n8p0q2r4s6t8v0', 'approve', '2026-09-14T16:20:49.000Z', { entitlement: `${APP}:Administrator`, entitlementId: 'ent5yle3w3v6n9r2b1d7' }),
        okta('icrztbn4rVw2HsK7f1d6', 'gina.ruiz@example.com', '00u4p7r9t1v3x5z7b9d1', 'undecided', null, { reviewer: null, reviewerId: null, entitlement: '00g1emaKYZTWRYYRRTSK', entitlementId: '00g1emaKYZTWRYYRRTSK' }),
      ],
    },
    {
      name: 'a due date-time in another zone, as written',
      text: review(''),
      params: { due: '2026-09-30T17:00:00-07:00' },
      records: [
        decision('c1', 'lee@example.org', '0oa1', 'approve', { tool: 'okta', reviewer: null, subjectId: '00u1', entitlementId: '0oa1', itemId: 'r1', decidedAt: new Date('2026-09-14T16:20:41.000Z'), due: new Date('2026-10-01T00:00:00Z') }),
      ],
    },
  ],
  reject: [
    { name: 'an empty file', text: '', params: { due: '2026-09-30' }, error: /^File is empty/, line: 1, col: 1 },
    {
      name: 'a partial export',
      text: review('').replace('"_links": {', '"_links": {"next": {"href": "https://example.okta.com/governance/api/v1/reviews?after=r1"}, '),
      params: { due: '2026-09-30' },
      error: 'Partial export: the page has "_links.next", so the export stopped before the last page',
      line: 2,
      col: 20,
    },
    { name: 'a decided review without its time', text: review('').replace('"2026-09-14T16:20:41.000Z"', 'null'), params: { due: '2026-09-30' }, error: 'data[0].decided: expected the time of the APPROVE decision, found none', line: 1, col: 100 },
    { name: 'an unknown decision', text: review('').replace('"APPROVE"', '"KEEP"'), params: { due: '2026-09-30' }, error: /^data\[0\]\.decision: /, line: 1, col: 78 },
    { name: 'a page with reviews but no due param', text: review(''), error: 'data[0].campaignId: no due date for campaign c1: the reviews API does not carry it, so set the source\'s due param', line: 1, col: 38 },
    { name: 'a bare array (the core Okta API shape) instead of the governance page', text: '[]', params: { due: '2026-09-30' }, error: /^expected object, found an array/, line: 1, col: 1 },
  ],
});
