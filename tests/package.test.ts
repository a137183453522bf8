// The package as users get it: packed, installed from the tarball in an empty folder (no vitest there), then
// `npx controlproof init && npx controlproof validate`, and a plugin author's check tested with controlproof/testing
// under node:test alone. It spawns npm and node, so it needs the build (`npm test` builds; so does `prepare`).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/paths.js';

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment as outside any test runner: vitest's own variables would tell the testers they run under it. */
const QUIET = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST'))),
  NO_COLOR: '1',
  npm_config_update_notifier: 'false',
  npm_config_loglevel: 'error',
};

function run(command: string, args: readonly string[], cwd: string): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: QUIET, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr }),
    );
  });
}

/** A plugin author's check and its CheckTester table, as an ES module run by `node --test`. */
const PLUGIN_TEST = `import { defineCheck } from 'controlproof';
import { CheckTester } from 'controlproof/testing';

const check = defineCheck({
  id: 'acme/ok-rows',
  title: 'Rows are ok',
  description: 'Every row has ok = true.',
  inputs: { rows: 'csv' },
  remediation: 'Fix the row.',
  run: ({ inputs: { rows } }) => ({
    examined: rows.length,
    findings: rows.filter((row) => row.ok !== 'true').map((row) => ({ resource: row.id, message: \`row \${row.id} is not ok\` })),
  }),
});

new CheckTester(check).run({
  pass: [{ name: 'all ok', records: [{ id: 'a', ok: 'true' }] }],
  fail: [{ name: 'one broken', records: [{ id: 'a', ok: 'true' }, { id: 'b', ok: 'false' }], findings: [{ resource: 'b', message: EXPECTED }] }],
});
`;

const QUICK_START = 'npx controlproof init && npx controlproof validate';
const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

const scratch = mkdtempSync(path.join(tmpdir(), 'controlproof-package-'));
const project = path.join(scratch, 'project');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the packed package, installed in an empty folder', { timeout: 240_000 }, () => {
  let packed: string[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(repoRoot, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` (or `npm test`) first');
    // The build is already there; --ignore-scripts keeps pack from rebuilding it under the other tests' feet.
    const pack = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], repoRoot);
    expect(pack.code, pack.stderr).toBe(0);
    const [manifest] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    if (manifest === undefined) throw new Error('npm pack listed no package');
    packed = manifest.files.map((file) => file.path);
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), '{ "name": "audit", "private": true }\n');
    const install = await run('npm', ['install', '--no-audit', '--no-fund', path.join(scratch, path.basename(manifest.filename))], project);
    expect(install.code, install.stderr).toBe(0);
  }, 240_000);

  it('ships what init and the quick start need, and nothing test-only', () => {
    for (const file of ['LICENSE', 'README.md', 'bin/controlproof.js', 'dist/bundle/cli.js', 'dist/bundle/worker.js', 'dist/cli/main.js', 'dist/testing/index.js', 'templates/init/controls.yaml', 'templates/ci/github.yml', 'src/providers/aws/export.sh', 'docs/ci.md', 'schema/catalog.schema.json']) {
      expect(packed).toContain(file);
    }
    expect(packed.filter((file) => /^(tests|fixtures|scripts)\//.test(file) || (file.startsWith('src/') && file !== 'src/providers/aws/export.sh'))).toEqual([]);
    expect(packed.filter((file) => file.endsWith('.tsbuildinfo'))).toEqual([]);
  });

  it('runs the README\'s quick start there, without vitest installed: npx controlproof init && npx controlproof validate', async () => {
    expect(existsSync(path.join(project, 'node_modules/vitest'))).toBe(false);
    expect(readme).toContain(`\n${QUICK_START}\n`);
    const { code, stdout, stderr } = await run('sh', ['-c', QUICK_START], project);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/^wrote controls\.yaml\n[\s\S]*\ncontrols\.yaml: valid — 5 controls, 6 tests, 4 sources, 1 exceptions\n$/);
    expect(readdirSync(project).sort()).toEqual(['controls.yaml', 'exceptions', 'node_modules', 'package-lock.json', 'package.json', 'scripts']);
    // The catalog's modeline points at the schema the package ships, relative to the catalog.
    const modeline = /^# yaml-language-server: \$schema=(\S+)$/m.exec(readFileSync(path.join(project, 'controls.yaml'), 'utf8'))?.[1] ?? '';
    expect(existsSync(path.join(project, modeline))).toBe(true);
  });

  it('controlproof/testing imports, and its CheckTester runs a plugin\'s table under node:test alone, failing a wrong case', async () => {
    const imported = await run(process.execPath, ['--input-type=module', '-e', "const testing = await import('controlproof/testing'); console.log(Object.keys(testing).sort().join(' '))"], project);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('CheckTester');

    writeFileSync(path.join(project, 'ok-rows.test.mjs'), PLUGIN_TEST.replace('EXPECTED', "'row b is not ok'"));
    const passing = await run(process.execPath, ['--test', 'ok-rows.test.mjs'], project);
    expect(passing.code, passing.stdout).toBe(0);
    expect(passing.stdout).toMatch(/^# pass 2$/m);

    writeFileSync(path.join(project, 'wrong.test.mjs'), PLUGIN_TEST.replace('EXPECTED', "'row b is fine'"));
    const failing = await run(process.execPath, ['--test', 'wrong.test.mjs'], project);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('finding 1: expected message "row b is fine", found "row b is not ok"');
  });
});
