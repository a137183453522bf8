import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import source from '../../../../src/providers/github/sources/outside-collaborators.js';
import { fixturesDir } from '../../../support/paths.js';
import { readText } from '../../../../src/testing/source-tester.js';

const file = (relative: string) => ({ display: `fixtures/github/export/${relative}`, path: `fixtures/github/export/${relative}`, text: readFileSync(path.join(fixturesDir, 'github/export', relative), 'utf8') });

describe('github/outside-collaborators', () => {
  it('reads the listing; an empty 2fa_disabled listing means every collaborator has 2FA', () => {
    const collaborators = source.read([file('outside-collaborators/outside-collaborators.json'), file('outside-collaborators-2fa-disabled/outside-collaborators.json')]);
    expect(collaborators.map((user) => [user.login, user.twoFactor])).toEqual([
      ['contractor-kim', 'enabled'],
      ['vendor-ops', 'enabled'],
    ]);
    expect(source.views?.['identity/accounts']?.(collaborators).map((account) => account.mfaFactors)).toEqual([[{ kind: 'unknown', strength: 'unknown' }], [{ kind: 'unknown', strength: 'unknown' }]]);
  });

  it('names its own listing in errors', () => {
    expect(() => readText(source, '')).toThrow('File is empty: expected a GitHub outside collaborator listing');
  });
});
