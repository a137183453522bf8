// `npm run new`: what it writes for a provider, a source and a check, and that what it writes passes its own tests.
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scaffold } from '../../scripts/new/main.js';
import { repoRoot } from '../support/paths.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'new-'));
const QUIET = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };

function runAsync(command: string, args: readonly string[], cwd: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: QUIET, encoding: 'utf8' }, (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('scaffold', () => {
  it('writes a provider, then a source with its test and fixture, then a check with its test, inside the provider\'s folders', () => {
    expect(Object.keys(scaffold(repoRoot, 'provider', 'acme'))).toEqual(['src/providers/acme/provider.ts', 'tests/providers/acme/provider.test.ts']);
    // Sources and checks go into an existing provider: aws stands in for one here.
    expect(Object.keys(scaffold(repoRoot, 'source', 'aws/sso-users'))).toEqual([
      'src/providers/aws/sources/sso-users.ts',
      'tests/providers/aws/sources/sso-users.test.ts',
      'fixtures/aws/sso-users.json',
    ]);
    const check = scaffold(repoRoot, 'check', 'aws/sso-users-named', { source: 'aws/sso-users' });
    expect(Object.keys(check)).toEqual(['src/providers/aws/checks/sso-users-named.ts', 'tests/providers/aws/checks/sso-users-named.test.ts']);
    expect(check['src/providers/aws/checks/sso-users-named.ts']).toContain("id: 'aws/sso-users-named',\n");
    expect(check['src/providers/aws/checks/sso-users-named.ts']).toContain("inputs: { records: 'aws/sso-users' },\n");
  });

  it('fills every placeholder', () => {
    const files = { ...scaffold(repoRoot, 'source', 'aws/sso-users'), ...scaffold(repoRoot, 'check', 'aws/sso-users-named', { source: 'aws/sso-users' }) };
    for (const [file, text] of Object.entries(files)) expect(text, file).not.toMatch(/__[A-Za-z]+__/);
  });

  it('refuses a bad name, a provider that exists, a source or check in a provider that does not, and a check without its source', () => {
    expect(() => scaffold(repoRoot, 'provider', 'Acme')).toThrow('expected a lower-case name like acme, found "Acme"');
    expect(() => scaffold(repoRoot, 'source', 'users')).toThrow('expected <provider>/<name> like acme/users, found "users"');
    expect(() => scaffold(repoRoot, 'provider', 'aws')).toThrow('provider aws exists already (src/providers/aws)');
    expect(() => scaffold(repoRoot, 'source', 'nobody/users')).toThrow('no provider nobody: run `npm run new -- provider nobody` first');
    expect(() => scaffold(repoRoot, 'source', 'aws/kms-keys')).toThrow('source aws/kms-keys exists already (src/providers/aws/sources/kms-keys.ts)');
    expect(() => scaffold(repoRoot, 'check', 'aws/users-named')).toThrow('a check needs --source TYPE');
  });
});

const TYPED_PLUGIN = `import { defineCheck } from 'controlproof';

export default defineCheck({
  id: 'beta/console-users-without-mfa',
  title: 'Console users have MFA',
  description: 'Console users have MFA.',
  remediation: 'Enable MFA.',
  inputs: { records: 'aws/iam-credential-report' },
  run: ({ inputs: { records } }) => ({
    examined: records.length,
    findings: records.filter((row) => row.passwordEnabled === true && !row.mfaActive).map((row) => ({ resource: row.arn, message: \`user \${row.user} has no MFA\` })),
  }),
});
`;

describe('npm run new, end to end', () => {
  it('a scaffolded provider, source and check typecheck, register, and pass their generated tests; a TypeScript plugin typechecks against the published types', { timeout: 120_000 }, async () => {
    // A copy of what the scaffold and its tests need, so the repository itself is never written.
    const copy = path.join(scratch, 'repo');
    for (const part of ['src', 'dist', 'scripts', 'tests/support', 'package.json', 'tsconfig.json', 'vitest.config.ts', 'README.md']) {
      cpSync(path.join(repoRoot, part), path.join(copy, part), { recursive: true });
    }
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'));
    const run = (command: string, args: readonly string[]) => spawnSync(command, args, { cwd: copy, encoding: 'utf8', env: QUIET });
    const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
    for (const args of [['provider', 'acme'], ['source', 'acme/users'], ['check', 'acme/users-named', '--source', 'acme/users']]) {
      const result = run(tsx, ['scripts/new/main.ts', ...args]);
      expect(result.stderr, args.join(' ')).toBe('');
      expect(result.status).toBe(0);
    }
    expect(readFileSync(path.join(copy, 'src/providers/index.ts'), 'utf8')).toContain("'acme/users-named': () => import('./acme/checks/users-named.js'),");
    expect(existsSync(path.join(copy, 'docs/checks/acme/users-named.md'))).toBe(true);

    // A TypeScript plugin typechecks against the published declarations (dist/, imported as 'controlproof'), with the
    // built-in sources' record types: the same typecheck covers it.
    writeFileSync(path.join(copy, 'typed-plugin.ts'), TYPED_PLUGIN);
    writeFileSync(path.join(copy, 'tsconfig.acme.json'), JSON.stringify({ extends: './tsconfig.json', include: ['src/providers/acme', 'tests/providers/acme', 'typed-plugin.ts'] }));
    // The typecheck and the generated tests run side by side.
    const [typecheck, tests] = await Promise.all([
      runAsync(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.acme.json'], copy),
      runAsync(process.execPath, [path.join(repoRoot, 'node_modules/vitest/vitest.mjs'), 'run', 'tests/providers/acme'], copy),
    ]);
    expect(typecheck.stdout + typecheck.stderr).toBe('');
    expect(tests.status, tests.stdout + tests.stderr).toBe(0);
    expect(tests.stdout, tests.stdout).toMatch(/Tests +7 passed \(7\)/);
  });
});
