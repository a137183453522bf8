import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import source, { mfaUsedIn, signIn, type EntraSignIn } from '../../../../src/providers/entra/sources/sign-ins.js';
import { SourceTester } from '../../../../src/testing/index.js';
import { readText } from '../../../../src/testing/source-tester.js';
import { fixturesDir } from '../../../support/paths.js';

const fixture = readFileSync(path.join(fixturesDir, 'entra/export/sign-ins/page-0001.json'), 'utf8');
const CONTEXT = 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns';
const minimal = (fields: Record<string, unknown> = {}) => ({ id: 's-1', createdDateTime: '2026-10-20T08:12:45.1234567Z', status: { errorCode: 0 }, ...fields });
const page = (items: readonly unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ '@odata.context': CONTEXT, value: items, ...extra });

const record: EntraSignIn = {
  id: 's-1',
  createdDateTime: Date.parse('2026-10-20T08:12:45.123Z'),
  userId: null,
  userPrincipalName: null,
  appDisplayName: null,
  ipAddress: null,
  errorCode: 0,
  authenticationRequirement: null,
  mfaStepSucceeded: null,
  isInteractive: null,
};

new SourceTester(source).run({
  read: [
    { name: 'a sign-in with only id, time and status; 7 fractional digits', text: page([minimal()]), records: [record] },
    { name: 'a page that is not the last (each file is read alone)', text: page([minimal()], { '@odata.nextLink': 'https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=x' }), records: [record] },
    { name: 'a page without context', text: JSON.stringify({ value: [] }), records: [] },
  ],
  reject: [
    { name: 'an empty file', text: '', error: 'File is empty: expected a page of Entra sign-ins', line: 1, col: 1 },
    { name: 'malformed JSON, at its position', text: `{"value": [\n${JSON.stringify(minimal())},\n]}`, error: /^Invalid JSON/, line: 3, col: 1 },
    { name: 'a sign-in without status', text: page([minimal({ status: undefined })]), error: 'value[0].status: missing (expected object)' },
    { name: 'an errorCode that is not a number', text: page([minimal({ status: { errorCode: '0' } })]), error: 'value[0].status.errorCode: expected number, found "0"', line: 1 },
    { name: 'an impossible date-time', text: page([minimal({ createdDateTime: '2026-02-30T08:00:00Z' })]), error: 'value[0].createdDateTime: expected a date-time like 2023-03-13T19:15:41.6195833Z, found "2026-02-30T08:00:00Z"' },
    { name: 'a flat array (NDJSON and arrays are not Graph pages)', text: JSON.stringify([minimal()]), error: 'Expected a page of sign-ins ({"value": [...]}), found an array', line: 1, col: 1 },
    { name: 'a page of users', text: JSON.stringify({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users', value: [] }), error: 'Expected a page of sign-ins, found a page of users', line: 1, col: 19 },
  ],
});

describe('entra/sign-ins, the fixture page', () => {
  const records = readText(source, fixture, 'page-0001.json') as EntraSignIn[];

  it('offers every record as identity/sign-ins: errorCode 0 a success, MFA from the requirement and the steps', () => {
    expect(records.map(signIn)).toEqual([
      { provider: 'entra', eventId: '66ea54eb-0000-4000-8000-000000000001', time: Date.parse('2026-10-31T09:15:00Z'), accountId: '3c1d5e7f-0000-4000-8000-0000000000e9', login: 'ivy.chen@example.com', success: true, mfaUsed: false, sourceIp: '203.0.113.20', application: 'Office 365 Exchange Online' },
      expect.objectContaining({ login: 'alice@example.com', success: true, mfaUsed: true, time: Date.parse('2026-10-30T07:58:12.443Z'), application: 'Azure Portal' }),
      expect.objectContaining({ login: 'ben.otto@example.com', success: false, mfaUsed: null }),
      expect.objectContaining({ login: 'gina.ruiz@example.com', success: true, mfaUsed: false, sourceIp: '203.0.113.9' }),
    ]);
  });

  it('counts records by id and judges them by createdDateTime', () => {
    expect(source.kind === 'stream' && records.map((entry) => [source.recordId?.(entry), source.recordTime?.(entry), source.dispatchKey?.(entry)])).toEqual([
      ['66ea54eb-0000-4000-8000-000000000001', Date.parse('2026-10-31T09:15:00Z'), 'success'],
      ['66ea54eb-0000-4000-8000-000000000002', Date.parse('2026-10-30T07:58:12.443Z'), 'success'],
      ['66ea54eb-0000-4000-8000-000000000003', Date.parse('2026-10-29T16:00:31Z'), 'failure'],
      ['66ea54eb-0000-4000-8000-000000000004', Date.parse('2026-10-20T08:12:45.123Z'), 'success'],
    ]);
  });
});

describe('whether MFA was used', () => {
  const of = (fields: Partial<EntraSignIn>) => mfaUsedIn({ ...record, ...fields });

  it('is true for a succeeded multi-factor step, or a success that required MFA', () => {
    expect(of({ mfaStepSucceeded: true, authenticationRequirement: 'singleFactorAuthentication' })).toBe(true);
    expect(of({ authenticationRequirement: 'multiFactorAuthentication' })).toBe(true);
  });

  it('is false when only one factor was required, or the steps show none', () => {
    expect(of({ authenticationRequirement: 'singleFactorAuthentication', mfaStepSucceeded: false })).toBe(false);
    expect(of({ mfaStepSucceeded: false })).toBe(false);
  });

  it('is unknown when the record says neither, or a failure required MFA without steps', () => {
    expect(of({})).toBeNull();
    expect(of({ authenticationRequirement: 'multiFactorAuthentication', errorCode: 50126 })).toBeNull();
  });

  it('reads the portal\'s wording of the multi-factor step', () => {
    const text = page([minimal({ authenticationDetails: [{ authenticationStepRequirement: 'Primary authentication', succeeded: true }, { authenticationStepRequirement: 'Multifactor authentication', succeeded: true }] })]);
    expect((readText(source, text) as EntraSignIn[]).map((entry) => entry.mfaStepSucceeded)).toEqual([true]);
  });
});
