import { describe, expect, it } from 'vitest';
import check from '../../../../src/providers/aws/checks/iam-stale-roles.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { at, details, fixtureDetails, role } from './authorization-details.js';

const SUPPORT_ROLE = role('AWSServiceRoleForSupport', { path: '/aws-service-role/support.amazonaws.com/', createDate: at('2019-02-11'), lastUsed: null, lastUsedRegion: null });

new CheckTester(check).run({
  pass: [
    {
      name: 'roles used within 90 days, a new role never used yet, and a service-linked role never used',
      records: [
        details({
          roles: [
            role('deploy', { lastUsed: at('2026-10-30T16:21:45Z') }),
            role('edge', { lastUsed: at('2026-08-03T00:00:00Z') }),
            role('audit-readonly', { createDate: at('2026-10-20'), lastUsed: null, lastUsedRegion: null }),
            SUPPORT_ROLE,
          ],
        }),
      ],
      examined: 3,
    },
    {
      name: 'a longer max_idle',
      records: [details({ roles: [role('quarterly-report', { lastUsed: at('2026-06-15T08:00:00Z') })] })],
      params: { max_idle: '6mo' },
      examined: 1,
    },
  ],
  fail: [
    {
      name: 'the example account: old-migration unused since March 2025',
      records: [fixtureDetails('aws/iam-authorization-details.json')],
      examined: 4,
      findings: [
        {
          resource: 'arn:aws:iam::210987654321:role/old-migration',
          message: 'role old-migration was last used 2025-03-14 in eu-central-1, 596 days ago; expected use within 90d',
        },
      ],
    },
    {
      name: 'just past the window, and RoleLastUsed {} on a role created before it',
      records: [
        details({
          roles: [
            role('edge', { lastUsed: at('2026-08-02T23:59:59Z'), lastUsedRegion: null }),
            role('forgotten', { path: '/team/', createDate: at('2024-02-12'), lastUsed: null, lastUsedRegion: null }),
            SUPPORT_ROLE,
          ],
        }),
      ],
      examined: 2,
      findings: [
        { resource: 'arn:aws:iam::210987654321:role/edge', message: 'role edge was last used 2026-08-02, 90 days ago; expected use within 90d' },
        {
          resource: 'arn:aws:iam::210987654321:role/team/forgotten',
          message: 'role forgotten has no recorded use since it was created 2024-02-12, 993 days ago; expected use within 90d',
        },
      ],
    },
    {
      name: 'a shorter max_idle',
      records: [details({ roles: [role('deploy', { lastUsed: at('2026-10-01T00:00:00Z') })] })],
      params: { max_idle: '2w' },
      examined: 1,
      findings: [{ resource: 'arn:aws:iam::210987654321:role/deploy', message: 'role deploy was last used 2026-10-01 in eu-west-1, 31 days ago; expected use within 2w' }],
    },
  ],
  vacuous: [
    { name: 'no export', records: [] },
    { name: 'only service-linked roles', records: [details({ roles: [SUPPORT_ROLE] })] },
  ],
});

describe('aws/iam-stale-roles params', () => {
  it('refuses a max_idle that is not a duration', () => {
    const result = check.params.safeParse({ max_idle: '90 days' });
    expect(result.error?.issues[0]?.message).toBe('Invalid duration "90 days": expected a number and a unit: m, h, d, w, mo or y (e.g. 6h, 90d, 12mo)');
  });
});
