import check from '../../../../src/providers/aws/checks/iam-root-access-keys.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { activeKey, noKey, rootRow, userRow } from './credential-rows.js';

const ROOT = 'arn:aws:iam::210987654321:root';

new CheckTester(check).run({
  pass: [
    { name: 'root without keys (all key columns N/A)', records: [rootRow()], examined: 1 },
    {
      name: 'root key deactivated but not deleted',
      records: [rootRow({ accessKeys: [{ ...activeKey(1, '2021-06-01', '2022-01-15'), active: false }, noKey(2)] })],
      examined: 1,
    },
    {
      name: 'active keys of IAM users are not this check',
      records: [rootRow(), userRow({ user: 'ci-deploy', accessKeys: [activeKey(1, '2026-01-10'), noKey(2)] })],
      examined: 1,
    },
  ],
  fail: [
    {
      name: 'root with an active, used key',
      records: [rootRow({ accessKeys: [activeKey(1, '2020-04-01', '2026-10-02T07:45:00Z'), noKey(2)] })],
      examined: 1,
      findings: [{ resource: `${ROOT}#access_key_1`, message: 'root user has active access key 1 (last used 2026-10-02 for ec2 in eu-west-1)' }],
    },
    {
      name: 'root with two active keys, one never used (last used N/A)',
      records: [
        rootRow({
          accessKeys: [
            { ...activeKey(1, '2020-04-01', '2024-12-24'), lastUsedRegion: null, lastUsedService: 's3' },
            activeKey(2, '2026-09-30'),
          ],
        }),
      ],
      findings: [
        { resource: `${ROOT}#access_key_1`, message: 'root user has active access key 1 (last used 2024-12-24 for s3)' },
        { resource: `${ROOT}#access_key_2`, message: 'root user has active access key 2 (no recorded use)' },
      ],
    },
    {
      name: 'root with a key in slot 2 only',
      records: [rootRow({ accessKeys: [noKey(1), activeKey(2, '2019-02-11')] })],
      findings: [{ resource: `${ROOT}#access_key_2`, message: /^root user has active access key 2 / }],
    },
  ],
  vacuous: [
    { name: 'no records', records: [] },
    { name: 'a report without the <root_account> row', records: [userRow({ accessKeys: [activeKey(1, '2026-01-10'), noKey(2)] })] },
  ],
});
