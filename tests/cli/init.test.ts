import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CI_TEMPLATES, fillTemplate, packageFile, writeStarter } from '../../src/cli/init.js';
import { runCli } from '../support/cli.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

afterAll(removeTempDirs);

const STARTER = ['controls.yaml', 'exceptions/iam-02.yaml', 'scripts/export-aws.sh'];

/** Every file under `dir`, relative and sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(path.join(dir, file)).isFile())
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

describe('controlproof init', () => {
  it('writes the starter catalog, its exceptions file and the export script, and says what to do next', async () => {
    const dir = await tempTree({});
    const result = await runCli(['init'], { cwd: dir });
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(filesUnder(dir)).toEqual([...STARTER].sort());
    expect(result.stdout).toMatch(/^wrote controls\.yaml\nwrote exceptions\/iam-02\.yaml\nwrote scripts\/export-aws\.sh\n\nNext:\n {2}1\. Export/);
    const catalog = readFileSync(path.join(dir, 'controls.yaml'), 'utf8');
    expect(catalog.split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/controlproof/schema/catalog.schema.json');
    expect(catalog).not.toMatch(/\{\{/);
    expect(readFileSync(path.join(dir, 'scripts/export-aws.sh'), 'utf8')).toBe(readFileSync(packageFile('src/providers/aws/export.sh'), 'utf8'));
    expect(statSync(path.join(dir, 'scripts/export-aws.sh')).mode & 0o111).not.toBe(0);
  });

  it('writes a catalog that validates without any export, with its exception from exceptions/', async () => {
    const dir = await tempTree({});
    expect((await runCli(['init'], { cwd: dir })).code).toBe(0);
    const result = await runCli(['validate'], { cwd: dir });
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toMatch(/^controls\.yaml: valid — 5 controls, 6 tests, 4 sources, 1 exceptions\n$/);
  });

  it('reads the files the export script writes, exports/<account-id>/..., for every account and region', async () => {
    const dir = await tempTree({});
    await runCli(['init'], { cwd: dir });
    const script = readFileSync(path.join(dir, 'scripts/export-aws.sh'), 'utf8');
    const catalog = parse(readFileSync(path.join(dir, 'controls.yaml'), 'utf8')) as { sources: Record<string, { path: string }> };
    for (const source of Object.values(catalog.sources)) {
      const [root, account, folder, file = ''] = source.path.split('/');
      expect([root, account]).toEqual(['exports', '*']);
      // The script's layout header names each file under DIR/<account>/global/ or DIR/<account>/<region>/.
      expect(script).toContain(`#   DIR/<account>/${folder === '*' ? '<region>' : folder}/${file}`);
    }
  });

  it('keeps the example exception active: approved the day it is written, expiring 90 days later', async () => {
    expect(fillTemplate('approved: {{today}}\nexpires: {{in_90_days}}\n', new Date('2026-12-03T23:30:00Z'))).toBe('approved: 2026-12-03\nexpires: 2027-03-03\n');
    const dir = await tempTree({});
    await runCli(['init'], { cwd: dir });
    const result = await runCli(['exceptions', '--no-data', '--format', 'json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ exceptions: [{ id: 'EX-0001', control: 'IAM-02', status: 'active' }] });
  });

  it('run without exports names each source whose files are missing', async () => {
    const dir = await tempTree({});
    await runCli(['init'], { cwd: dir });
    const result = await runCli(['run', '--format', 'table'], { cwd: dir });
    expect(result.stdout).toContain('Sources with errors (4)');
    // Wrapped at the table's width: compared with its line breaks joined.
    expect(result.stdout.replace(/\n +/g, ' ')).toMatch(/credential-report \(aws\/iam-credential-report\): controls\.yaml:\d+:11: No file matches "exports\/\*\/global\/iam-credential-report\.json"/);
  });

  it('is what the hints of a missing catalog name, and what they promise then holds', async () => {
    const dir = await tempTree({});
    const none = await runCli(['validate'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('  hint: Pass a catalog path, or run `controlproof init` to write a starter controls.yaml here.\n');
    const missing = await runCli(['run', 'controls.yaml'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('or run `controlproof init` to write a starter one.\n');
    await runCli(['init'], { cwd: dir });
    expect((await runCli(['validate'], { cwd: dir })).code).toBe(0);
  });

  it('writes into a folder it creates, and tells to cd there first', async () => {
    const dir = await tempTree({});
    const result = await runCli(['init', 'audit/aws'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(filesUnder(path.join(dir, 'audit/aws'))).toEqual([...STARTER].sort());
    expect(result.stdout).toContain('wrote audit/aws/controls.yaml\n');
    expect(result.stdout).toContain('  1. cd audit/aws\n');
    expect((await runCli(['validate', 'audit/aws/controls.yaml'], { cwd: dir })).code).toBe(0);
  });

  it.each(Object.entries(CI_TEMPLATES))('--ci %s also writes %s, a YAML workflow that runs controlproof', async (name, { file }) => {
    const dir = await tempTree({});
    const result = await runCli(['init', '--ci', name], { cwd: dir });
    expect(result.code).toBe(0);
    expect(filesUnder(dir)).toEqual([...STARTER, file].sort());
    const workflow: unknown = parse(readFileSync(path.join(dir, file), 'utf8'));
    expect(JSON.stringify(workflow)).toContain('npx controlproof run');
  });

  it('refuses an unknown --ci value as a usage error, writing nothing', async () => {
    const dir = await tempTree({});
    const result = await runCli(['init', '--ci', 'jenkins'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("argument 'jenkins' is invalid. Allowed choices are github, gitlab.");
    expect(result.stderr).toContain('  hint: ');
    expect(filesUnder(dir)).toEqual([]);
  });

  it('refuses to overwrite anything: exit 2, a located line and hint per file in the way, nothing written', async () => {
    const dir = await tempTree({ 'exceptions/iam-02.yaml': 'mine\n', '.gitlab-ci.yml': 'stages: [mine]\n' });
    const result = await runCli(['init', '--ci', 'gitlab'], { cwd: dir });
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toBe(
      'exceptions/iam-02.yaml: Exists already: init never overwrites, so it wrote nothing\n' +
        '  hint: Move exceptions/iam-02.yaml away, or run `controlproof init FOLDER` to start in another folder.\n' +
        '.gitlab-ci.yml: Exists already: init never overwrites, so it wrote nothing\n' +
        '  hint: Move .gitlab-ci.yml away, or run `controlproof init FOLDER` to start in another folder.\n',
    );
    expect(filesUnder(dir)).toEqual(['.gitlab-ci.yml', 'exceptions/iam-02.yaml']);
    expect(readFileSync(path.join(dir, '.gitlab-ci.yml'), 'utf8')).toBe('stages: [mine]\n');
  });

  it('refuses a folder in the way of a file, and a file in the way of a folder', async () => {
    const dir = await tempTree({ scripts: 'not a folder\n' });
    mkdirSync(path.join(dir, 'controls.yaml'));
    const result = await runCli(['init'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('controls.yaml: Is a folder: init never overwrites, so it wrote nothing\n');
    expect(result.stderr).toContain('scripts/export-aws.sh: A folder in its path is a file: init never overwrites, so it wrote nothing\n');
    expect(existsSync(path.join(dir, 'exceptions'))).toBe(false);
  });

  it('refuses a folder argument that is a file', async () => {
    const dir = await tempTree({ notes: 'text\n' });
    const result = await runCli(['init', 'notes'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('notes: Cannot write into notes: it is not a folder');
  });

  it('leaves nothing when a write fails midway: what it wrote, and the folders it made, are removed again', async () => {
    const dir = await tempTree({ blocker: 'a file where a folder should be\n' });
    const templates = [
      { file: 'made/deep/one.yaml', template: 'templates/init/controls.yaml' },
      { file: 'blocker/two.yaml', template: 'templates/init/controls.yaml' },
    ];
    await expect(writeStarter(dir, templates, ['one\n', 'two\n'])).rejects.toThrow(/^Cannot create the folder of blocker\/two\.yaml: /);
    expect(filesUnder(dir)).toEqual(['blocker']);
    expect(readdirSync(dir)).toEqual(['blocker']);
  });
});
