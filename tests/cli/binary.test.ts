// The real executable, as users and CI run it: a handful of smoke tests over the compiled dist/ (every other CLI
// test runs in process through main()).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatNames } from '../../src/formatters/select.js';
import { checkLoaders } from '../../src/providers/index.js';
import { execFile, spawn } from 'node:child_process';
import { itemsCatalog } from '../support/catalogs.js';
import { binary, runBinary, runCli } from '../support/cli.js';
import { repoRoot } from '../support/paths.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

afterAll(removeTempDirs);

describe.concurrent('bin/controlproof.js', { timeout: 60_000 }, () => {
  it('npm start runs the example with --fail-on none: exit 0, the controls needing attention first (critical paper-only at the top), with owner and findings', async () => {
    const manifest: unknown = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const start = manifest !== null && typeof manifest === 'object' && 'scripts' in manifest ? JSON.stringify(manifest.scripts) : '';
    expect(start).toContain('"start":"node bin/controlproof.js run controls.example.yaml --as-of 2026-11-01 --fail-on none"');

    const { code, stdout, stderr } = await runBinary(['run', 'controls.example.yaml', '--as-of', '2026-11-01', '--fail-on', 'none'], { cwd: repoRoot });

    expect(code).toBe(0);
    const matrix = stdout.indexOf('exists \\ works');
    const attention = stdout.search(/^Needs attention \(\d+\)/m);
    const assured = stdout.search(/^Assured \(\d+\)/m);
    expect(matrix).toBeGreaterThan(-1);
    expect(attention).toBeGreaterThan(matrix);
    expect(assured).toBeGreaterThan(attention);
    // Not a TTY: 80 columns, and the first control is a critical paper-only one.
    // (A lone word longer than a line, an ARN with its bullet, stays whole.)
    expect(stdout.split('\n').filter((line) => line.length > 80 && line.trim().replace(/^- /, '').includes(' '))).toEqual([]);
    expect(stdout.slice(attention).split('\n').slice(2, 4)).toEqual([
      '  IAM-06  Administrator access limited to the reviewed baseline',
      '    paper-only · owner platform-security@example.com · risk critical',
    ]);
    const iam02Start = stdout.indexOf('  IAM-02  MFA required for every console user');
    expect(iam02Start).toBeGreaterThan(attention);
    const iam02 = stdout.slice(iam02Start, stdout.indexOf('\n\n', iam02Start));
    expect(iam02).toContain('owner it-identity@example.com');
    expect(iam02).toContain('- arn:aws:iam::210987654321:user/bob: user bob has console access without\n        MFA');
    expect(iam02).toContain('metric mfa_coverage_pct = 60 (min 100)');
    expect(stderr).not.toContain('failing (--fail-on');
  });


  it('exits 2 on a bad catalog with one located line and a hint, and no stack', async () => {
    const dir = await tempTree({ 'controls.yaml': 'version: 1\nname: Bad\ncontrols: []\n' });
    const { code, stdout, stderr } = await runBinary(['validate', 'controls.yaml'], { cwd: dir });
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toBe('controls.yaml:3:11: controls: A catalog needs at least one control\n  hint: See the catalog reference in README.md.\n');
  });

  it('says what the in-process CLI says about a catalog the schema rejects: the bundle keeps zod\'s English messages', async () => {
    const catalog = 'version: 1\nname: 5\nsources:\n  s: { type: csv, path: 4 }\ncontrols:\n  - { id: DOC-01, title: 7, owner: x@example.com, risk: huge, function: detect, colour: red }\n';
    const dir = await tempTree({ 'controls.yaml': catalog });
    const bundled = await runBinary(['validate', 'controls.yaml'], { cwd: dir });
    expect(bundled.stderr).toContain('controls.yaml:2:7: name: expected string, received number\n');
    expect(bundled.stderr).toContain('controls.yaml:4:25: sources.s.path: Invalid input\n');
    expect(bundled).toEqual(await runCli(['validate', 'controls.yaml'], { cwd: dir }));
  });

  it('exits 2 naming a plugin whose top-level await never settles, at once: never a silent exit 13', async () => {
    const catalog = 'version: 1\nname: Hangs\nplugins:\n  - plugins/hang.mjs\ncontrols:\n  - { id: DOC-01, title: Policy, owner: x@example.com, risk: low, function: detect }\n';
    const dir = await tempTree({ 'controls.yaml': catalog, 'plugins/hang.mjs': 'await new Promise(() => {});\nexport default [];\n' });
    const started = performance.now();
    const { code, stdout, stderr } = await runBinary(['validate', 'controls.yaml'], { cwd: dir });
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr.split('\n')[0]).toBe('controls.yaml:4:5: Plugin plugins/hang.mjs never finishes loading: its top-level code awaits something that never settles');
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('keeps the position of an error a plugin raises through the library entry, although the CLI runs its own bundled copy', async () => {
    const library = JSON.stringify(pathToFileURL(path.join(repoRoot, 'dist/index.js')).href);
    const plugin = [
      `import { defineCheck, defineSource, parseJsonText } from ${library};`,
      "const source = defineSource({ type: 'acme/items', kind: 'batch', description: 'Items.', read: (files) => files.flatMap((file) => parseJsonText(file.text, file.display)) });",
      "const check = defineCheck({ id: 'acme/items-ok', title: 'Items are ok', description: 'Every item is ok.', inputs: { items: 'acme/items' }, remediation: 'Fix it.', run: ({ inputs: { items } }) => ({ examined: items.length, findings: [] }) });",
      'export default [source, check];',
    ].join('\n');
    const catalog = 'version: 1\nname: Items\nplugins: [plugins/items.mjs]\nsources:\n  items: { type: acme/items, path: items.json }\ncontrols:\n  - { id: ITEMS-01, title: Items, owner: x@example.com, risk: low, function: detect, tests: [{ check: acme/items-ok, source: items }] }\n';
    const dir = await tempTree({ 'plugins/items.mjs': plugin, 'items.json': '[{"id": "a", "ok": true},\n  {"id": "b" "ok": true}]\n', 'controls.yaml': catalog });
    const { code, stdout, stderr } = await runBinary(['run', 'controls.yaml', '--as-of', '2026-11-01', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
    expect([code, stderr]).toEqual([0, '']);
    expect((JSON.parse(stdout) as { sources: { error?: string }[] }).sources[0]?.error).toBe('items.json:2:14: Invalid JSON: expected "," or "}" after the property value, found "\\""');
  });

  it('refuses to write the report over the catalog: exit 2, the catalog unchanged', async () => {
    const catalog = 'version: 1\nname: Kept\ncontrols:\n  - { id: DOC-01, title: Policy, owner: x@example.com, risk: low, function: detect }\n';
    const dir = await tempTree({ 'controls.yaml': catalog });
    const { code, stdout, stderr } = await runBinary(['run', 'controls.yaml', '--format', 'json', '-o', 'controls.yaml'], { cwd: dir });
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/^controls\.yaml: Cannot write the report: this is the catalog, which the run reads; writing there would replace it\n {2}hint: /);
    expect(readFileSync(path.join(dir, 'controls.yaml'), 'utf8')).toBe(catalog);
  });

  it('reads 1,500 CSV files under ulimit -n 1024, keeping few open at once', async () => {
    const files = Object.fromEntries(Array.from({ length: 1500 }, (_, index) => [`exports/${index}.csv`, `id,ok\nitem-${index},true\n`]));
    const dir = await tempTree({
      ...files,
      'controls.yaml': itemsCatalog('csv', 'exports/*.csv', "ok == 'true'"),
    });
    const command = `ulimit -n 1024 && exec "${process.execPath}" "${binary}" run controls.yaml --as-of 2026-11-01 --format json --fail-on error`;
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile('bash', ['-c', command], { cwd: dir, maxBuffer: 64 * 1024 * 1024 }, (error, out, err) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout: out, stderr: err }));
    });
    expect([code, stderr]).toEqual([0, '']);
    expect(JSON.parse(stdout)).toMatchObject({ sources: [{ name: 'items', status: 'ok', records: 1500 }] });
  });

  it('ends quietly when the reader closes the pipe early (run | head -1)', async () => {
    // A report far larger than a pipe's buffer, so writing goes on after the reader is gone.
    const items = Array.from({ length: 4000 }, (_, index) => ({ id: `item-${index}`, ok: false }));
    const dir = await tempTree({
      'items.json': JSON.stringify(items),
      'controls.yaml': itemsCatalog('json', 'items.json'),
    });
    const child = spawn(process.execPath, [binary, 'run', 'controls.yaml', '--as-of', '2026-11-01', '--format', 'json', '--fail-on', 'none'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('writes byte-identical output in every format from any directory, time zone and locale', async () => {
    const outputs = await tempTree({});
    for (const view of ['run', 'exceptions', 'coverage'] as const) {
      const formats = formatNames(view);
      // Coverage exits 0 once it ran: it has no --fail-on.
      const failOption = view === 'coverage' ? [] : ['--fail-on', 'none'];
      // SARIF paths are relative to a root: the same one from both directories.
      const rootOption = view === 'run' ? ['--sarif-root', repoRoot] : [];
      /** Runs the view with every format written to a file, and reads the files back. */
      const runIn = async (name: string, catalog: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Record<string, string>> => {
        const file = (format: string): string => path.join(outputs, `${name}-${view}.${format}`);
        const targets = formats.flatMap((format) => ['--format', `${format}=${file(format)}`]);
        const result = await runBinary([view, catalog, '--as-of', '2026-11-01', ...failOption, ...rootOption, ...targets], { cwd, env });
        expect(result.code).toBe(0);
        return Object.fromEntries(formats.map((format) => [format, readFileSync(file(format), 'utf8')]));
      };
      const here = await runIn('here', 'controls.example.yaml', repoRoot, { TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' });
      const elsewhere = await runIn('elsewhere', path.join(repoRoot, 'controls.example.yaml'), path.join(repoRoot, 'fixtures/aws'), {
        TZ: 'Pacific/Chatham',
        LANG: 'tr_TR.UTF-8',
        LC_ALL: 'tr_TR.UTF-8',
      });
      expect(Object.values(here).every((text) => text.length > 500)).toBe(true);
      expect(elsewhere).toEqual(here);
    }
  });

  it('lists the built-in checks, loading every provider lazily', async () => {
    const { code, stdout } = await runBinary(['checks'], { cwd: repoRoot });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^aws\/iam-console-mfa +IAM users with console access have MFA +\[aws\/iam-credential-report\]$/m);
    expect(stdout.trim().split('\n')).toHaveLength(Object.keys(checkLoaders).length);
  });
});
