import check from '../../../../src/providers/aws/checks/iam-unused-credentials.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { activeKey, at, noKey, rootRow, userRow } from './credential-rows.js';

const ARN = 'arn:aws:iam::210987654321:user';

const apiOnly = { passwordEnabled: false, passwordLastUsed: null, passwordLastChanged: null } as const; // password columns N/A

new CheckTester(check).run({
  pass: [
    {
      name: 'password and key used recently',
      records: [userRow({ passwordLastUsed: at('2026-10-22'), accessKeys: [activeKey(1, '2025-01-01', '2026-10-29'), noKey(2)] })],
      examined: 2,
    },
    {
      name: 'a brand-new user who never signed in (password_last_used no_information)',
      records: [userRow({ user: 'new-hire', userCreationTime: at('2026-10-20'), passwordLastUsed: null })],
      examined: 1,
    },
    {
      name: 'a key never used (last used N/A) created recently',
      records: [userRow({ user: 'ci-deploy', ...apiOnly, accessKeys: [activeKey(1, '2026-10-21'), noKey(2)] })],
      examined: 1,
    },
    {
      name: 'the root user is excluded even when idle',
      records: [rootRow({ passwordLastUsed: at('2025-01-20'), accessKeys: [activeKey(1, '2019-02-11'), noKey(2)] }), userRow()],
      examined: 1,
    },
    { name: 'exactly 45 days idle is not over 45d', records: [userRow({ passwordLastUsed: at('2026-09-17') })], examined: 1 },
  ],
  fail: [
    {
      name: 'password not used for 92 days',
      records: [userRow({ user: 'bob', passwordLastUsed: at('2026-08-01') })],
      examined: 1,
      findings: [{ resource: `${ARN}/bob#password`, message: 'user bob has not signed in to the console for 92 days (max 45d)' }],
    },
    {
      name: 'password never used (no_information) by a user created long ago',
      records: [userRow({ user: 'carol', passwordLastUsed: null })],
      findings: [{ resource: `${ARN}/carol#password`, message: 'user carol has a console password with no recorded sign-in, created 970 days ago (max 45d)' }],
    },
    {
      name: 'idle keys: one last used 200 days ago, one never used and rotated 165 days ago',
      records: [userRow({ user: 'ci-deploy', ...apiOnly, accessKeys: [activeKey(1, '2025-06-30', '2026-04-15'), activeKey(2, '2026-05-20')] })],
      examined: 2,
      findings: [
        { resource: `${ARN}/ci-deploy#access_key_1`, message: 'access key 1 of user ci-deploy was last used 200 days ago (max 45d)' },
        { resource: `${ARN}/ci-deploy#access_key_2`, message: 'access key 2 of user ci-deploy has no recorded use, rotated 165 days ago (max 45d)' },
      ],
    },
    {
      name: 'password and key of one user, in that order, with max_idle 90d',
      records: [
        userRow({ user: 'alice' }),
        userRow({ user: 'bob', passwordLastUsed: at('2026-08-01'), accessKeys: [noKey(1), activeKey(2, '2025-06-30', '2026-05-20')] }),
      ],
      params: { max_idle: '90d' },
      examined: 3,
      findings: [
        { resource: `${ARN}/bob#password`, message: 'user bob has not signed in to the console for 92 days (max 90d)' },
        { resource: `${ARN}/bob#access_key_2`, message: 'access key 2 of user bob was last used 165 days ago (max 90d)' },
      ],
    },
    {
      name: 'a deactivated key is not examined, the active one is',
      records: [
        userRow({
          user: 'dana',
          ...apiOnly,
          accessKeys: [{ ...activeKey(1, '2023-05-02', '2024-01-19'), active: false }, activeKey(2, '2025-06-30', '2026-08-01')],
        }),
      ],
      examined: 1,
      findings: [{ resource: `${ARN}/dana#access_key_2`, message: 'access key 2 of user dana was last used 92 days ago (max 45d)' }],
    },
  ],
  vacuous: [
    { name: 'no records', records: [] },
    { name: 'only root and a user with neither password nor active key', records: [rootRow(), userRow({ user: 'ghost', ...apiOnly })] },
  ],
});
