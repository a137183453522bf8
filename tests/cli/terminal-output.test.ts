// What the CLI prints from a hostile catalog: escapes instead of control characters and bidi overrides, masks
// instead of secrets, on stdout (table, Markdown) and on stderr (warnings, --fail-on reasons, errors) alike.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exceptionsViewSchema } from '../../src/report/exceptions-view.js';
import { CREDS_SOURCE } from '../support/catalog-text.js';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/paths.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

afterAll(removeTempDirs);

const GITHUB_TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';

/** YAML escapes: \e is ESC, \a BEL; EX-1 is valid for longer than max_exception_days, a warning. */
const CATALOG = `version: 1
name: "Hostile \\e[31mcatalog\\u202e"
sources:
${CREDS_SOURCE}controls:
  - id: IAM-01
    title: "Root \\e[31mMFA\\u202e\\r\\a ${GITHUB_TOKEN}"
    owner: "ops\\e[2J@example.com"
    risk: critical
    function: prevent
    tests:
      - check: aws/iam-root-mfa
        source: creds
exceptions:
  - id: EX-1
    control: IAM-01
    reason: "vendor token: password=hunter2 \\e[31m"
    risk: high
    owner: "sec\\u202e\\a@example.com"
    approved_by: ciso@example.com
    approved: 2025-01-01
    expires: 2026-12-31
`;

const RAW = ['\u001b', '\u202e', '\r', '\u0007', GITHUB_TOKEN, 'hunter2'];
const REASON = '  - exception EX-1 (control IAM-01, owner: sec\\u202e\\x07@example.com) expired on 2026-12-31, 10 day(s) overdue';

async function hostile(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = await tempTree({ 'controls.yaml': CATALOG, 'credential-report.csv': readFileSync(path.join(repoRoot, 'fixtures/aws/credential-report.csv'), 'utf8') });
  return runCli([...args, '--as-of', '2027-01-10'], { cwd: dir });
}

describe.concurrent('a hostile catalog on the terminal', { timeout: 60_000 }, () => {
  it('run --format table shows escapes and masks, and the --fail-on reason on stderr does too', async () => {
    const { code, stdout, stderr } = await hostile(['run', 'controls.yaml']);
    for (const raw of RAW) {
      expect(stdout).not.toContain(raw);
      expect(stderr).not.toContain(raw);
    }
    expect(stdout).toContain('Hostile \\x1b[31mcatalog\\u202e (controls.yaml)');
    expect(stdout).toContain('\\x1b[31mMFA\\u202e\\r\\x07');
    expect(stdout).toContain('ops\\x1b[2J');
    expect(stdout).toContain('[masked]');
    expect(stderr.split('\n')).toContain(REASON);
    expect(code).toBe(1);
  });

  it('run --format json escapes by JSON and masks; the warning goes to stderr, inert', async () => {
    const { stdout, stderr } = await hostile(['run', 'controls.yaml', '--format', 'json']);
    expect(stdout).not.toContain(GITHUB_TOKEN);
    expect(stdout).not.toContain('\u001b');
    expect(stdout).toContain('"title": "Root \\u001b[31mMFA\u202e\\r\\u0007 [masked]"');
    expect(stderr.split('\n')).toEqual([
      'warning: controls.yaml:24:14: Exception EX-1 is valid for 729 days, longer than max_exception_days (365)',
      '  hint: Shorten it and review it again when it ends, or raise max_exception_days deliberately.',
      'controlproof: failing (--fail-on ineffective,expired-exceptions):',
      REASON,
      '',
    ]);
  });

  it('exceptions --format markdown and table show the owner escaped; json masks the reason', async () => {
    const [markdown, table, json] = await Promise.all(['markdown', 'table', 'json'].map((format) => hostile(['exceptions', 'controls.yaml', '--format', format])));
    for (const raw of RAW) for (const output of [markdown, table]) expect(output?.stdout).not.toContain(raw);
    // JSON escapes control characters itself and leaves other characters, bidi controls included, as data.
    for (const raw of RAW.filter((each) => each !== '\u202e')) expect(json?.stdout).not.toContain(raw);
    for (const raw of RAW) for (const output of [markdown, table, json]) expect(output?.stderr).not.toContain(raw);
    expect(markdown?.stdout).toContain('| EX-1 | IAM-01 | expired | sec\\\\u202e\\\\x07@example.com |');
    expect(table?.stdout).toMatch(/ expired  sec\\u202e\\x07  high /);
    // `token:` names a secret as much as `password=` does: the value after it goes, whatever it is.
    expect(exceptionsViewSchema.parse(JSON.parse(json?.stdout ?? '')).exceptions[0]?.reason).toBe('vendor token: [masked] \u001b[31m');
    expect(json?.stderr).toContain(REASON);
  });

  it('a usage error commander words, quoting the command line, is inert too', async () => {
    const { code, stderr } = await runCli(['run', '--fo\u001b[2J\u202e'], { cwd: repoRoot });
    expect(stderr).not.toContain('\u001b');
    expect(stderr).not.toContain('\u202e');
    expect(stderr.split('\n')[0]).toBe("error: unknown option '--fo\\x1b[2J\\u202e'");
    expect(code).toBe(2);
  });
});
