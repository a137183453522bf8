// identity/activity-after-termination through a whole run over the GitHub audit log: a leaver whose GitHub login
// only the alias table joins keeps cloning after termination; the CSV export, gzipped, finds the same.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { repoRoot } from '../../support/paths.js';
import { removeTempDirs, tempTree } from '../../support/workspace.js';

afterAll(removeTempDirs);

const fixture = (relative: string): string => readFileSync(path.join(repoRoot, 'fixtures', relative), 'utf8');

const catalog = (logPath: string): string => `version: 1
name: Leavers on GitHub
sources:
  github-audit: { type: github/audit-log, path: ${logPath} }
  hr-leavers: { type: hr/leavers, path: leavers.csv }
  hr-aliases: { type: hr/aliases, path: aliases.csv }
controls:
  - id: PPL-01
    title: Leavers do not use their accounts
    owner: it@example.com
    risk: high
    function: detect
    tests:
      - check: identity/activity-after-termination
        inputs: { signIns: github-audit, leavers: hr-leavers, aliases: hr-aliases }
`;

async function runOver(logPath: string, files: Record<string, string | Buffer>) {
  const dir = await tempTree({
    'controls.yaml': catalog(logPath),
    'leavers.csv': fixture('hr/leavers.csv'),
    'aliases.csv': 'person,provider,login\ncarol.ng@example.com,github,carol-ng\n',
    ...files,
  });
  const { code, stdout } = await runCli(['run', 'controls.yaml', '--as-of', '2026-11-01', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
  expect(code).toBe(0);
  return JSON.parse(stdout).controls[0].tests[0];
}

describe('identity/activity-after-termination over github/audit-log', () => {
  it('finds the leaver\'s git clone and zip download after termination in the JSON export, not the bot\'s or other members\' events', async () => {
    const test = await runOver('audit-log/*.json', { 'audit-log/export.json': fixture('github/audit-log/export-2026-11-01.json') });
    expect(test.status).toBe('fail');
    expect(test.findings).toEqual([
      expect.objectContaining({
        resource: 'carol.ng@example.com',
        message:
          'leaver carol.ng@example.com, terminated 2026-10-10T00:00:00.000Z, signed in 2 times after leaving: first 2026-10-20T08:15:02.114Z as github carol-ng to git.clone example-org/payments from 198.51.100.23',
      }),
    ]);
    expect(test.metrics.sign_ins_after_termination).toEqual({ value: 2 });
  });

  it('finds the same in the gzipped CSV export and a stream file, each event once', async () => {
    const test = await runOver('audit-log/**', {
      'audit-log/export.csv.gz': gzipSync(Buffer.from(fixture('github/audit-log/export-2026-11-01.csv'))),
      'audit-log/stream/2026-10-20.json.log': fixture('github/audit-log/stream-2026-10-20.json.log'),
    });
    expect(test.findings.map((finding: { resource: string }) => finding.resource)).toEqual(['carol.ng@example.com']);
    expect(test.metrics.sign_ins_after_termination).toEqual({ value: 2 });
  });
});
