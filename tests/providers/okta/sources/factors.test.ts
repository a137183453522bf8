import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mfaFactorOf } from '../../../../src/providers/okta/lib/factors.js';
import source from '../../../../src/providers/okta/sources/factors.js';
import { SourceTester } from '../../../../src/testing/index.js';
import { fixturesDir } from '../../../support/paths.js';

const fixture = readFileSync(path.join(fixturesDir, 'okta/export/factors/00u1alice00000000001.json'), 'utf8');
const FILE = 'okta/factors/00u1alice00000000001.json';

new SourceTester(source).run({
  read: [
    {
      name: 'the fixture list: the user id from the file name',
      file: FILE,
      text: fixture,
      records: [
        { userId: '00u1alice00000000001', id: 'fwfalice000000000001', factorType: 'webauthn', provider: 'FIDO', status: 'ACTIVE', created: new Date('2024-02-10T09:00:00.000Z'), lastUpdated: new Date('2024-02-10T09:00:00.000Z') },
        { userId: '00u1alice00000000001', id: 'smsalice000000000001', factorType: 'sms', provider: 'OKTA', status: 'ACTIVE', created: new Date('2021-04-12T08:06:00.000Z'), lastUpdated: new Date('2021-04-12T08:06:00.000Z') },
      ],
    },
    { name: 'no factor enrolled', file: 'factors/00u1ivy0000000000010.json', text: '[]', records: [] },
  ],
  reject: [
    { name: 'a file not named by a user id', file: 'factors/alice.json', text: '[]', error: 'Expected a factor list named by its user\'s id (00u….json), found the file name "alice.json"', line: 1, col: 1 },
    { name: 'a factor without a type', file: FILE, text: '[{"id": "f1", "provider": "OKTA", "status": "ACTIVE"}]', error: '[0].factorType: missing (expected string)' },
  ],
});

describe('factor strength', () => {
  it('follows the kind of factor', () => {
    const types = ['webauthn', 'u2f', 'signed_nonce', 'token:software:totp', 'push', 'sms', 'call', 'email', 'question'];
    expect(types.map((type) => mfaFactorOf(type).strength)).toEqual(['phishing-resistant', 'phishing-resistant', 'phishing-resistant', 'strong', 'strong', 'weak', 'weak', 'weak', 'unknown']);
  });
});
