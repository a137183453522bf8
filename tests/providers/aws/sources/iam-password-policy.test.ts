import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/core/errors.js';
import adapter from '../../../../src/providers/aws/sources/iam-password-policy.js';
import type { SourceText } from '../../../../src/kit/define-source.js';
import { readExportFile } from '../../../../src/kit/files/read-file.js';
import { thrownUserError } from '../../../support/errors.js';
import { fixturesDir } from '../../../support/paths.js';

const FIXTURES = fixturesDir;

async function fixture(relative: string): Promise<SourceText> {
  return (await readExportFile(path.join(FIXTURES, relative), { base: FIXTURES })).text;
}

const display = (relative: string): string => path.join(FIXTURES, relative);
const source = (text: string): SourceText => ({ display: 'exports/password-policy.json', text });

const userErrorOf = (files: SourceText[]): UserError => thrownUserError(() => adapter.read(files));

// The command returns no timestamps, so CLI v1 and v2 print the same JSON.
describe('aws/iam-password-policy: valid exports', () => {
  it('reads get-account-password-policy output', async () => {
    expect(adapter.read([await fixture('aws/iam-password-policy.json')])).toEqual([
      {
        file: 'aws/iam-password-policy.json',
        accountId: null,
        policy: {
          minimumPasswordLength: 8,
          requireSymbols: true,
          requireNumbers: true,
          requireUppercaseCharacters: true,
          requireLowercaseCharacters: true,
          allowUsersToChangePassword: true,
          maxPasswordAge: 90,
          passwordReusePrevention: 5,
          hardExpiry: false,
        },
      },
    ]);
  });

  it('reads absent optional fields as off: no expiry, no reuse prevention', () => {
    const [record] = adapter.read([source('{"PasswordPolicy": {"MinimumPasswordLength": 14, "ExpirePasswords": false, "MaxPasswordAge": 0}}')]);
    expect(record?.policy).toMatchObject({ minimumPasswordLength: 14, maxPasswordAge: null, passwordReusePrevention: null, hardExpiry: false, requireSymbols: false });
  });

  it('reads the NoSuchEntity error text as "no policy"', async () => {
    expect(adapter.read([await fixture('aws/no-password-policy.txt')])).toEqual([{ file: 'aws/no-password-policy.txt', accountId: null, policy: null }]);
  });

  it('reads an empty JSON object as "no policy"', () => {
    expect(adapter.read([source('{}\n')])).toEqual([{ file: 'exports/password-policy.json', accountId: null, policy: null }]);
  });
});

describe('aws/iam-password-policy: errors', () => {
  it('malformed JSON: file:line:col of the trailing comma', async () => {
    const error = userErrorOf([await fixture('aws/bad/iam-password-policy.json')]);
    expect(error.located).toBe(`${display('aws/bad/iam-password-policy.json')}:10:5: Invalid JSON: expected a property name in double quotes, found "}"`);
  });

  it('empty file: the hint says how to keep the "no policy" answer', async () => {
    const error = userErrorOf([await fixture('aws/bad/iam-password-policy-empty.json')]);
    expect(error.located).toBe(`${display('aws/bad/iam-password-policy-empty.json')}:1:1: File is empty: expected the output of aws iam get-account-password-policy`);
    expect(error.hint).toMatch(/2>&1/);
  });

  it('another CLI error is not "no policy"', () => {
    const text = '\nAn error occurred (AccessDenied) when calling the GetAccountPasswordPolicy operation: User: arn:aws:iam::210987654321:user/erin is not authorized';
    const error = userErrorOf([source(text)]);
    expect(error.located).toBe(
      'exports/password-policy.json:2:1: Expected a password policy or the NoSuchEntity answer; found the AWS CLI error AccessDenied from GetAccountPasswordPolicy',
    );
  });

  it('another document is refused naming the unexpected key', () => {
    const error = userErrorOf([source('{"SummaryMap": {"Users": 12}}')]);
    expect(error.located).toBe('exports/password-policy.json:1:1: unexpected key "SummaryMap": expected only "PasswordPolicy"');
  });

  it('a wrong type is reported at the value', () => {
    const error = userErrorOf([source('{"PasswordPolicy": {\n  "MinimumPasswordLength": "14"\n}}')]);
    expect(error.located).toBe('exports/password-policy.json:2:28: PasswordPolicy.MinimumPasswordLength: expected number, found "14"');
  });
});
