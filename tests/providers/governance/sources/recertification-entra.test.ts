import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import source from '../../../../src/providers/governance/sources/recertification-entra.js';
import { SourceTester } from '../../../../src/testing/index.js';
import { fixturesDir } from '../../../support/paths.js';
import { decision } from '../decisions.js';

const folder = path.join(fixturesDir, 'governance/recertification/entra');
const file = (name: string) => ({ display: `entra/${name}`, text: readFileSync(path.join(folder, name), 'utf8') });
const INSTANCE = '8d035c9d-798d-47fa-beb4-f986a4b8126f';
const entra = (id: string, subject: string | null, subjectId: string, entitlement: string, verdict: 'approve' | 'revoke' | 'abstain' | 'undecided', decidedAt: string | null, fields = {}) =>
  decision(INSTANCE, subject, entitlement, verdict, {
    tool: 'entra',
    subjectId,
    itemId: id,
    campaignStart: new Date('2026-09-01T00:00:00Z'),
    due: new Date('2026-09-30T23:59:59.997Z'),
    reviewer: verdict === 'undecided' ? null : 'diegos@contoso.com',
    reviewerId: verdict === 'undecided' ? null : '04777c4b-4d43-4d32-a2e7-1eba5d03f8cf',
    decidedAt: decidedAt === null ? null : new Date(decidedAt),
    entitlementId: entitlement === 'Finance Approvers' ? '98f41dad-68d5-42f6-a50f-ddd75c5c5539' : null,
    ...fields,
  });

const FIXTURE_RECORDS = [
  entra('139166ec-d214-4835-95aa-3c1d89581e51', 'adelev@contoso.com', '1800bb2c-955d-4205-8471-3a6c3116435d', 'Finance Approvers', 'revoke', '2026-09-10T08:15:02.113Z'),
  entra('4bde8d40-9224-4aa3-936b-08d73e1baf47', 'johannal@contoso.com', '11feb738-0039-4a6c-a045-dcb91a47969a', 'Finance Approvers', 'undecided', null),
  entra('e6cafba0-cbf0-4748-8868-0810c7f4cc06', null, '04777c4b-4d43-4d32-a2e7-1eba5d03f8cd', `access review ${INSTANCE}`, 'abstain', '2026-09-10T08:15:04.870Z'),
];

describe('governance/recertification-entra with its instance file', () => {
  it('reads the decisions page with the due date and start of the instance beside it, in either order', () => {
    expect(source.read([file('decisions-page-1.json'), file('instance.json')], {})).toStrictEqual(FIXTURE_RECORDS);
    expect(source.read([file('instance.json'), file('decisions-page-1.json')], {})).toStrictEqual(FIXTURE_RECORDS);
  });
});

const page = (items: string) => `{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#decisions",\n"value": [${items}]}`;
const item = (fields: string) =>
  `{"id": "d1", "accessReviewId": "i1", "decision": "Approve", "reviewedDateTime": "2026-09-29T10:00:00Z", "reviewedBy": {"id": "r1", "displayName": "Kim", "userPrincipalName": "kim@contoso.com"}, "principal": {"@odata.type": "#microsoft.graph.userIdentity", "id": "p1", "displayName": "Lee", "userPrincipalName": "lee@contoso.com"}, "resource": null${fields}}`;

new SourceTester(source).run({
  read: [
    {
      name: 'a page without its instance file takes the due param; a resource only by its link',
      text: page(item(', "resourceLink": "https://graph.microsoft.com/v1.0/groups/g1"')),
      params: { due: '2026-09-30' },
      records: [
        decision('i1', 'lee@contoso.com', 'https://graph.microsoft.com/v1.0/groups/g1', 'approve', {
          tool: 'entra',
          reviewer: 'kim@contoso.com',
          reviewerId: 'r1',
          subjectId: 'p1',
          itemId: 'd1',
          decidedAt: new Date('2026-09-29T10:00:00Z'),
          due: new Date('2026-10-01T00:00:00Z'),
        }),
      ],
    },
    { name: 'an empty decisions page', text: page(''), records: [] },
  ],
  reject: [
    { name: 'an empty file', text: '', error: /^File is empty/, line: 1, col: 1 },
    { name: 'a page without a due date for its instance', text: page(item('')), error: /^value\[0\]\.accessReviewId: no due date for review instance i1/, line: 2, col: 42 },
    {
      name: 'a partial export',
      text: '{"value": [],\n "@odata.nextLink": "https://graph.microsoft.com/v1.0/identityGovernance/accessReviews/definitions/x/instances/y/decisions?$skiptoken=abc"}',
      error: 'Partial export: the file has "@odata.nextLink", so the export stopped before the last page',
      line: 2,
      col: 21,
    },
    { name: 'an unknown decision', text: page(item('').replace('"Approve"', '"Approved"')), params: { due: '2026-09-30' }, error: /^value\[0\]\.decision: /, line: 2, col: 60 },
    { name: 'a decision without its time', text: page(item('').replace('"2026-09-29T10:00:00Z"', 'null')), params: { due: '2026-09-30' }, error: 'value[0].reviewedDateTime: expected the time of the Approve decision, found none', line: 2, col: 91 },
    { name: 'an impossible reviewedDateTime', text: page(item('').replace('2026-09-29', '2026-09-31')), params: { due: '2026-09-30' }, error: /^value\[0\]\.reviewedDateTime: expected a date-time like/, line: 2, col: 91 },
    { name: 'a bare array instead of a Graph response', text: '[]', error: 'Expected a Graph response object with "value" (decisions) or "endDateTime" (an instance)', line: 1, col: 1 },
    { name: 'an instance without its endDateTime', text: '{"id": "i1", "startDateTime": "2026-09-01T00:00:00Z"}', error: /^value: missing/, line: 1, col: 1 },
  ],
});
