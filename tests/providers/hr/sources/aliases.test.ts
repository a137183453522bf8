import { readFileSync } from 'node:fs';
import path from 'node:path';
import source from '../../../../src/providers/hr/sources/aliases.js';
import { SourceTester } from '../../../../src/testing/index.js';
import { fixturesDir } from '../../../support/paths.js';

const fixture = readFileSync(path.join(fixturesDir, 'hr/aliases.csv'), 'utf8');

new SourceTester(source).run({
  read: [
    {
      name: 'the fixture table',
      text: fixture,
      records: [
        { person: 'carol.ng@example.com', provider: 'aws', login: 'carol' },
        { person: 'E1001', provider: 'aws', login: 'alice' },
        { person: 'E1011', provider: 'aws', login: 'dana' },
        { person: 'carol.ng@example.com', provider: 'github', login: 'carol-ng' },
        { person: 'E1001', provider: 'github', login: 'alice-example' },
      ],
    },
    {
      name: 'e-mails and logins lower-case, employee ids as written, an empty provider for any',
      text: 'login,person,provider\nLee.P@Example.org,Lee@Example.org,\nJSmith,e-77,GitHub\n',
      records: [
        { person: 'lee@example.org', provider: null, login: 'lee.p@example.org' },
        { person: 'e-77', provider: 'github', login: 'jsmith' },
      ],
    },
  ],
  reject: [
    { name: 'no login column', text: 'person,provider\na@example.org,okta\n', error: 'Expected a column "login" (alias table), found "person", "provider"', line: 1, col: 1 },
    { name: 'an empty login', text: 'person,provider,login\na@example.org,okta,\n', error: 'Expected a login, found an empty cell', line: 2, col: 20 },
  ],
});
