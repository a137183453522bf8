import { readFileSync } from 'node:fs';
import path from 'node:path';
import check from '../../../../src/providers/aws/checks/iam-password-policy.js';
import adapter, { type PasswordPolicy, type PasswordPolicyRecord } from '../../../../src/providers/aws/sources/iam-password-policy.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { fixturesDir } from '../../../support/paths.js';

const FILE = 'exports/iam-password-policy.json';

const STRONG: PasswordPolicy = {
  minimumPasswordLength: 14,
  requireSymbols: true,
  requireNumbers: true,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: true,
  allowUsersToChangePassword: true,
  maxPasswordAge: null,
  passwordReusePrevention: 24,
  hardExpiry: false,
};

const record = (policy: Partial<PasswordPolicy> | null, file = FILE, accountId: string | null = null): PasswordPolicyRecord => ({
  file,
  accountId,
  policy: policy && { ...STRONG, ...policy },
});

function fixture(relative: string): PasswordPolicyRecord[] {
  const display = `fixtures/${relative}`;
  return adapter.read([{ display, path: display, text: readFileSync(path.join(fixturesDir, relative), 'utf8') }]);
}

new CheckTester(check).run({
  pass: [
    { name: 'CIS values: 14 characters, 24 remembered', records: [record({})], examined: 1 },
    { name: 'stricter than required', records: [record({ minimumPasswordLength: 20 })], examined: 1 },
    { name: 'lower thresholds by params', records: [record({ minimumPasswordLength: 12, passwordReusePrevention: 5 })], params: { min_length: 12, reuse_prevention: 5 }, examined: 1 },
  ],
  fail: [
    {
      name: 'the example account: 8 characters, 5 remembered',
      records: fixture('aws/iam-password-policy.json'),
      examined: 1,
      findings: [
        {
          resource: 'fixtures/aws/iam-password-policy.json',
          message: 'account password policy allows passwords of 8 characters, expected at least 14; remembers 5 previous passwords, expected at least 24',
        },
      ],
    },
    {
      name: 'no password policy (the NoSuchEntity answer)',
      records: fixture('aws/no-password-policy.txt'),
      examined: 1,
      findings: [
        {
          resource: 'fixtures/aws/no-password-policy.txt',
          message: 'account has no password policy (expected a minimum length of at least 14 and reuse prevention of at least 24)',
        },
      ],
    },
    {
      name: 'reuse not prevented, one file of two',
      records: [record({}, 'exports/a.json'), record({ passwordReusePrevention: null }, 'exports/b.json')],
      examined: 2,
      findings: [{ resource: 'exports/b.json', message: 'account password policy does not prevent password reuse, expected it to remember 24 passwords' }],
    },
    {
      name: 'one character short of min_length',
      records: [record({ minimumPasswordLength: 13 })],
      examined: 1,
      findings: [{ resource: FILE, message: 'account password policy allows passwords of 13 characters, expected at least 14' }],
    },
    {
      name: 'the account is named by its root, where the export path names the account',
      records: [record({ minimumPasswordLength: 13 }, 'exports/111122223333/iam-password-policy.json', '111122223333')],
      examined: 1,
      findings: [{ resource: 'arn:aws:iam::111122223333:root', message: 'account password policy allows passwords of 13 characters, expected at least 14' }],
    },
  ],
  vacuous: [{ name: 'no export', records: [] }],
});
