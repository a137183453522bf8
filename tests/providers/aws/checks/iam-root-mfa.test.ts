import check from '../../../../src/providers/aws/checks/iam-root-mfa.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { rootRow, userRow } from './credential-rows.js';

new CheckTester(check).run({
  pass: [
    { name: 'root with MFA', records: [rootRow()], examined: 1 },
    {
      name: 'IAM users without MFA are not this check',
      records: [rootRow(), userRow({ user: 'bob', mfaActive: false })],
      examined: 1,
    },
  ],
  fail: [
    {
      name: 'root without MFA',
      records: [rootRow({ mfaActive: false }), userRow()],
      examined: 1,
      findings: [{ resource: 'arn:aws:iam::210987654321:root', message: 'root user of account 210987654321 has no MFA device enabled' }],
    },
    {
      name: 'reports of two accounts, one root without MFA',
      records: [rootRow({ arn: 'arn:aws:iam::123456789012:root' }), rootRow({ arn: 'arn:aws:iam::345678901234:root', mfaActive: false })],
      examined: 2,
      findings: [{ resource: 'arn:aws:iam::345678901234:root', message: 'root user of account 345678901234 has no MFA device enabled' }],
    },
  ],
  vacuous: [
    { name: 'no records', records: [] },
    { name: 'a report without the <root_account> row', records: [userRow()] },
  ],
});
