import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mfaFactorsOf } from '../../../../src/providers/entra/lib/methods.js';
import source from '../../../../src/providers/entra/sources/registration-details.js';
import { SourceTester } from '../../../../src/testing/index.js';
import { readText } from '../../../../src/testing/source-tester.js';
import { fixturesDir } from '../../../support/paths.js';

const fixture = readFileSync(path.join(fixturesDir, 'entra/export/registration-details/page-0001.json'), 'utf8');
const CONTEXT = 'https://graph.microsoft.com/v1.0/$metadata#reports/authenticationMethods/userRegistrationDetails';
const lee = {
  id: '3c1d5e7f-0000-4000-8000-0000000000a1',
  userPrincipalName: 'lee@example.org',
  userDisplayName: 'Lee Park',
  isAdmin: true,
  isMfaRegistered: false,
  isMfaCapable: false,
  methodsRegistered: [],
  userType: 'member',
  lastUpdatedDateTime: '2025-01-20T03:00:12.1234567Z',
};
const page = (items: readonly Record<string, unknown>[], extra: Record<string, unknown> = {}) => JSON.stringify({ '@odata.context': CONTEXT, value: items, ...extra });

new SourceTester(source).run({
  read: [
    {
      name: 'a user with nothing registered; 7 fractional digits',
      text: page([lee]),
      records: [{ id: lee.id, userPrincipalName: 'lee@example.org', isAdmin: true, isMfaRegistered: false, isMfaCapable: false, methodsRegistered: [], lastUpdatedDateTime: new Date('2025-01-20T03:00:12.123Z') }],
    },
  ],
  reject: [
    { name: 'an empty file', text: '', error: 'File is empty: expected a page of userRegistrationDetails', line: 1, col: 1 },
    { name: 'methodsRegistered missing', text: page([{ ...lee, methodsRegistered: undefined }]), error: 'value[0].methodsRegistered: missing (expected array)' },
    { name: 'isAdmin that is not a boolean', text: page([{ ...lee, isAdmin: 'yes' }]), error: 'value[0].isAdmin: expected boolean, found "yes"', line: 1 },
    { name: 'a page of users', text: JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users', value: [] }), error: 'Expected a page of registration-details, found a page of users', line: 1, col: 19 },
    { name: 'a page with @odata.nextLink and no last page', text: page([lee], { '@odata.nextLink': 'https://graph.microsoft.com/v1.0/reports/authenticationMethods/userRegistrationDetails?$skiptoken=x' }), error: /^Partial export: every page of userRegistrationDetails/ },
  ],
});

describe('entra/registration-details, the fixture page', () => {
  it('reads every user with the methods registered', () => {
    const records = readText(source, fixture, 'page-0001.json') as { userPrincipalName: string; methodsRegistered: string[] }[];
    expect(records.map((record) => [record.userPrincipalName, record.methodsRegistered.length])).toEqual([
      ['alice@example.com', 2],
      ['ben.otto@example.com', 2],
      ['frank.ito@example.com', 1],
      ['gina.ruiz@example.com', 2],
      ['ivy.chen@example.com', 1],
      ['sam@example.com', 0],
    ]);
  });
});

describe('method strength', () => {
  it('follows the kind of method; reset-only methods are no factor, unknown ones are kept as unknown', () => {
    const methods = [
      'fido2',
      'fido2SecurityKey',
      'passKeyDeviceBound',
      'passKeyDeviceBoundAuthenticator',
      'passKeyDeviceBoundWindowsHello',
      'windowsHelloForBusiness',
      'microsoftAuthenticatorPush',
      'microsoftAuthenticatorPasswordless',
      'softwareOneTimePasscode',
      'hardwareOneTimePasscode',
      'mobilePhone',
      'alternateMobilePhone',
      'officePhone',
      'email',
      'securityQuestion',
      'temporaryAccessPass',
      'somethingNew',
    ];
    expect(mfaFactorsOf(methods).map((factor) => factor.strength)).toEqual([
      ...Array(6).fill('phishing-resistant'),
      ...Array(4).fill('strong'),
      ...Array(4).fill('weak'),
      'unknown',
    ]);
  });
});
