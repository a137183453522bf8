import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { outputTargets } from '../../src/cli/output-targets.js';
import { mfaCatalog } from '../support/catalogs.js';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/paths.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

afterAll(removeTempDirs);

const CREDENTIAL_REPORT = `user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated
alice,arn:aws:iam::111122223333:user/alice,2024-01-10T09:00:00+00:00,true,2026-10-30T08:00:00+00:00,2026-06-03T08:20:11+00:00,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
`;

// Imports the define helper from the sources by URL, as the temporary folder has no node_modules.
const PLUGIN = `import { defineCheck } from '${pathToFileURL(path.join(repoRoot, 'src/kit/define-check.ts')).href}';
export default defineCheck({
  id: 'acme/counts',
  title: 'Counts records',
  description: 'Counts records.',
  inputs: { records: ['aws/iam-credential-report'] },
  remediation: 'None.',
  run: ({ inputs }) => ({ examined: inputs.records.length, findings: [] }),
});
`;

/** A catalog with one of every kind of input: an export, an exceptions file, a plugin and an evidence document. */
async function workspace(): Promise<string> {
  return tempTree({
    'controls.yaml': mfaCatalog({
      header: 'plugins: [plugins/counts.mjs]\nexceptions: [exceptions/*.yaml]\n',
      source: 'exports/*.csv',
      evidence: 'evidence/mfa-policy.pdf',
    }),
    'exports/credential-report.csv': CREDENTIAL_REPORT,
    'exceptions/identity.yaml': '[]\n',
    'evidence/mfa-policy.pdf': '%PDF-1.7 policy\n',
    'plugins/counts.mjs': PLUGIN,
  });
}

const digest = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Every file under `dir` with its hash, to prove nothing was written, replaced or left behind. */
function snapshot(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => statSync(path.join(dir, file)).isFile());
  return Object.fromEntries(files.sort().map((file) => [file, digest(path.join(dir, file))]));
}

const RUN = ['run', 'controls.yaml', '--as-of', '2026-11-01', '--fail-on', 'none'];

describe.concurrent('outputs never replace an input', () => {
  const cases: [string, string[], string][] = [
    ['the catalog by --output', ['--format', 'json', '-o', 'controls.yaml'], 'controls.yaml: Cannot write the report: this is the catalog'],
    ['the catalog by --format NAME=FILE', ['--format', 'json=./controls.yaml'], 'controls.yaml: Cannot write the report: this is the catalog'],
    ['an exceptions file', ['--format', 'json=exceptions/identity.yaml'], 'exceptions/identity.yaml: Cannot write the report: this is an exceptions file'],
    ['an evidence document', ['--format', 'table=evidence/mfa-policy.pdf'], 'evidence/mfa-policy.pdf: Cannot write the report: this is an evidence document of control IAM-02'],
    ['an export a source matches', ['--format', 'json', '--output', 'exports/credential-report.csv'], 'exports/credential-report.csv: Cannot write the report: this is a file source creds reads'],
    ['a plugin', ['--format', 'json=plugins/counts.mjs'], 'plugins/counts.mjs: Cannot write the report: this is the plugin plugins/counts.mjs'],
    ['the catalog through a symlink', ['--format', 'json=report.json'], 'report.json: Cannot write the report: this is the catalog'],
  ];
  for (const [name, args, message] of cases) {
    it(`refuses ${name}: exit 2, one located line and a hint, nothing written`, async () => {
      const dir = await workspace();
      if (name.includes('symlink')) symlinkSync(path.join(dir, 'controls.yaml'), path.join(dir, 'report.json'));
      const before = snapshot(dir);
      const { code, stdout, stderr } = await runCli([...RUN, ...args], { cwd: dir });
      expect([code, stdout]).toEqual([2, '']);
      const lines = stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain(message);
      expect(lines[1]).toBe('  hint: Inputs are never written: choose another file for --output or --format NAME=FILE.');
      expect(snapshot(dir)).toEqual(before);
    });
  }

});

describe.concurrent('outputs that cannot be written fail before the run, never as an internal error', () => {
  it('two formats naming one file', async () => {
    const dir = await workspace();
    const { code, stderr } = await runCli([...RUN, '--format', 'json=out.json', '--format', 'table=./out.json'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toBe(
      'out.json: Cannot write the report: --format json and --format table both name this file\n  hint: Give each format its own file.\n',
    );
  });

  const unwritable: [string, string, string][] = [
    ['a missing folder', 'missing/report.json', 'missing/report.json: Cannot write the report: its folder does not exist'],
    ['a path whose parent is a file', 'controls.yaml/report.json', 'controls.yaml/report.json: Cannot write the report: its folder is a file'],
    ['a path with a file further up', 'controls.yaml/out/report.json', 'controls.yaml/out/report.json: Cannot write the report: a folder in its path is a file'],
    ['a folder', 'exports', 'exports: Cannot write the report: it is a folder'],
  ];
  for (const [name, target, message] of unwritable) {
    it(name, async () => {
      const dir = await workspace();
      const before = snapshot(dir);
      const { code, stdout, stderr } = await runCli([...RUN, '--format', 'json', '-o', target], { cwd: dir });
      expect([code, stdout]).toEqual([2, '']);
      expect(stderr).toBe(`${message}\n  hint: Name a regular file in an existing, writable folder with --output or --format NAME=FILE, or leave the file out to print to stdout.\n`);
      expect(snapshot(dir)).toEqual(before);
    });
  }

  it('a read-only folder', async () => {
    // root passes every permission check, so as root a folder of the kernel's read-only sysfs stands in for one.
    const dir = await workspace();
    const readOnly = process.getuid?.() === 0 ? '/sys/kernel' : path.join(dir, 'locked');
    if (readOnly !== '/sys/kernel') {
      mkdirSync(readOnly);
      chmodSync(readOnly, 0o555);
    }
    const { code, stderr } = await runCli([...RUN, '--format', 'json', '-o', path.join(readOnly, 'report.json')], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(`${path.join(readOnly, 'report.json')}: Cannot write the report: its folder is not writable`);
  });

  it('a device', async () => {
    const dir = await workspace();
    const { code, stderr } = await runCli([...RUN, '--format', 'json', '-o', '/dev/null'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('/dev/null: Cannot write the report: it is not a regular file (a device, FIFO or socket)');
  });
});

describe('outputTargets', () => {
  it('resolves files from the working directory, and sends the one format without a file to stdout', () => {
    expect(outputTargets(['json=out/r.json', 'table'], undefined, '/work')).toEqual([
      { format: 'json', file: '/work/out/r.json' },
      { format: 'table', file: undefined },
    ]);
    expect(outputTargets(['json'], 'r.json', '/work')).toEqual([{ format: 'json', file: '/work/r.json' }]);
    expect(outputTargets([], undefined, '/work')).toEqual([{ format: 'table', file: undefined }]);
  });

  it('refuses two formats on stdout, and --output without exactly one format to give it to', () => {
    expect(() => outputTargets(['json', 'table'], undefined, '/work')).toThrow('Only one format can go to stdout');
    expect(() => outputTargets(['json=a.json'], 'b.json', '/work')).toThrow('--output needs exactly one --format without a file');
  });
});
