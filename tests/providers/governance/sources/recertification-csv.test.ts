import { readFileSync } from 'node:fs';
import path from 'node:path';
import source from '../../../../src/providers/governance/sources/recertification-csv.js';
import { SourceTester } from '../../../../src/testing/index.js';
import { fixturesDir } from '../../../support/paths.js';
import { decision } from '../decisions.js';

const fixture = readFileSync(path.join(fixturesDir, 'governance/recertification/decisions.csv'), 'utf8');
const HEADER = 'campaign,reviewer,subject,entitlement,decision,decided_at,due';
const at = (instant: string): Date => new Date(instant);
const END_OF_SEPT_30 = at('2026-10-01T00:00:00Z');
const AWS_DUE = at('2026-10-01T00:00:00Z');

new SourceTester(source).run({
  read: [
    {
      name: 'the fixture export: a date alone is due when its day ends in UTC, a date-time with an offset as written; an empty decision is undecided',
      text: fixture,
      records: [
        decision('q3-finance-apps', 'carol.ng@example.com', 'NetSuite Admin', 'revoke', { decidedAt: at('2026-09-12T10:04:00Z'), due: END_OF_SEPT_30 }),
        decision('q3-finance-apps', 'frank.ito@example.com', 'NetSuite Admin', 'approve', { decidedAt: at('2026-09-12T10:04:05Z'), due: END_OF_SEPT_30 }),
        decision('q3-finance-apps', 'lee@example.org', 'Expensify Approver', 'approve', { decidedAt: at('2026-09-12T10:04:09Z'), due: END_OF_SEPT_30 }),
        decision('q3-finance-apps', 'gina.ruiz@example.com', 'NetSuite Admin', 'approve', { reviewer: 'sam@example.com', decidedAt: at('2026-10-01T01:30:00Z'), due: END_OF_SEPT_30 }),
        decision('q3-finance-apps', 'hal.berg@example.com', 'Expensify Approver', 'undecided', { reviewer: 'sam@example.com', due: END_OF_SEPT_30 }),
        decision('q3-aws-admins', 'ivy.chen@example.com', 'ProdAdmins', 'revoke', { reviewer: 'sam@example.com', decidedAt: at('2026-09-20T14:10:00Z'), due: AWS_DUE }),
        decision('q3-aws-admins', 'alice@example.com', 'ProdAdmins', 'approve', { reviewer: 'sam@example.com', decidedAt: at('2026-09-20T14:31:00Z'), due: AWS_DUE }),
        decision('q3-aws-admins', 'bob@example.com', 'ProdAdmins', 'abstain', { decidedAt: at('2026-09-21T09:00:00Z'), due: AWS_DUE }),
      ],
    },
    {
      name: 'columns named by params, in any order; decisions case-insensitive, subject and reviewer lower-cased; no reviewer yet',
      text: 'Due Date,Item,Access,Outcome,When,Certifier,Review\n2026-12-31,LEE@Example.org,vpn,Approve,2026-12-01T09:00:00+01:00,,Q4\n',
      params: { campaign_column: 'Review', reviewer_column: 'Certifier', subject_column: 'Item', entitlement_column: 'Access', decision_column: 'Outcome', decided_at_column: 'When', due_column: 'Due Date' },
      records: [decision('Q4', 'lee@example.org', 'vpn', 'approve', { reviewer: null, decidedAt: at('2026-12-01T08:00:00Z'), due: at('2027-01-01T00:00:00Z') })],
    },
    { name: 'an undecided item with a stray time keeps no time', text: `${HEADER}\nc,kim@example.com,a@example.org,vpn,undecided,2026-09-01T00:00:00Z,2026-09-30\n`, records: [decision('c', 'a@example.org', 'vpn', 'undecided')] },
  ],
  reject: [
    { name: 'an empty file', text: '', error: 'File is empty: expected a CSV header row', line: 1, col: 1 },
    { name: 'a missing column', text: 'campaign,reviewer,subject,entitlement,decision,due\n', error: /^Expected a column "decided_at" \(decided_at_column\)/, line: 1, col: 1 },
    { name: 'an unknown decision, at its cell', text: `${HEADER}\nc,kim@example.com,a@example.org,vpn,keep,2026-09-01T00:00:00Z,2026-09-30\n`, error: 'Invalid decision "keep": expected approve, revoke, abstain or undecided', line: 2, col: 37 },
    { name: 'a decision without its time', text: `${HEADER}\nc,kim@example.com,a@example.org,vpn,revoke,,2026-09-30\n`, error: 'Expected decided_at for a revoke decision, found an empty cell', line: 2, col: 44 },
    { name: 'a decision time without a zone', text: `${HEADER}\nc,kim@example.com,a@example.org,vpn,approve,2026-09-01T10:00:00,2026-09-30\n`, error: /^Invalid decided_at "2026-09-01T10:00:00": expected a date-time with a zone/, line: 2, col: 45 },
    { name: 'an impossible due date', text: `${HEADER}\nc,kim@example.com,a@example.org,vpn,approve,2026-09-01T10:00:00Z,2026-09-31\n`, error: /^Invalid due "2026-09-31": expected a calendar date/, line: 2, col: 66 },
    { name: 'a row without a subject', text: `${HEADER}\nc,kim@example.com,,vpn,approve,2026-09-01T10:00:00Z,2026-09-30\n`, error: 'Expected a value in subject, found an empty cell', line: 2, col: 19 },
    { name: 'a row without a campaign', text: `${HEADER}\n,kim@example.com,a@example.org,vpn,approve,2026-09-01T10:00:00Z,2026-09-30\n`, error: 'Expected a value in campaign, found an empty cell', line: 2, col: 1 },
  ],
});
