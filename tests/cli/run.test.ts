import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import type { Report } from '../../src/report/model.js';
import { mfaCatalog } from '../support/catalogs.js';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/paths.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

const EXAMPLE = path.join(repoRoot, 'controls.example.yaml');
const ANSI = '\u001b[';

afterAll(removeTempDirs);

describe.concurrent('controlproof run', { timeout: 60_000 }, () => {
  it('exits 1 when something in the --fail-on set happened, naming it on stderr', async () => {
    const byDefault = await runCli(['run', 'controls.example.yaml', '--as-of', '2026-11-01'], { cwd: repoRoot });
    expect(byDefault.code).toBe(1);
    const lines = byDefault.stderr.split('\n');
    const heading = lines.indexOf('controlproof: failing (--fail-on ineffective,expired-exceptions):');
    expect(heading).toBeGreaterThan(-1);
    expect(lines[heading + 1]).toMatch(/^ {2}- ineffective controls: IAM-02 \(owner: it-identity@example\.com\), IAM-03 \(owner: platform-security@example\.com\), /);
    expect(lines).toContain('  - exception EX-2025-007 (control IAM-03, owner: data-platform@example.com) expired on 2026-09-30, 32 day(s) overdue');
  });

  it('exits 0 or 1 by the --fail-on set alone', async () => {
    // IAM-02 is ineffective (bob and carol have no MFA); its evidence is fresh and no test is in error.
    const dir = await tempTree({
      'controls.yaml': `version: 1
name: Fail-on
sources:
  creds:
    type: aws/iam-credential-report
    path: credential-report.csv
controls:
  - id: IAM-02
    title: MFA required for every console user
    owner: it-identity@example.com
    risk: high
    function: prevent
    evidence:
      - kind: record
        title: MFA enforcement change ticket
        ref: CHG-4411
        date: 2026-09-03
        max_age: 12mo
    tests:
      - check: aws/iam-console-mfa
        source: creds
`,
      'credential-report.csv': readFileSync(path.join(repoRoot, 'fixtures/aws/credential-report.csv'), 'utf8'),
    });
    const run = (failOn: string) => runCli(['run', 'controls.yaml', '--as-of', '2026-11-01', '--fail-on', failOn], { cwd: dir });
    const [ineffective, paperOnly, quiet] = await Promise.all([run('ineffective'), run('paper-only'), run('error,stale-evidence,missing-evidence,vacuous')]);

    expect([ineffective.code, paperOnly.code, quiet.code]).toEqual([1, 1, 0]);
    expect(ineffective.stderr).toBe('controlproof: failing (--fail-on ineffective):\n  - ineffective controls: IAM-02 (owner: it-identity@example.com)\n');
    expect(paperOnly.stderr).toBe('controlproof: failing (--fail-on paper-only):\n  - paper-only controls: IAM-02 (owner: it-identity@example.com)\n');
    expect(quiet.stderr).toBe('');
  });

  it('exits 2 when it cannot run', async () => {
    const dir = await tempTree({ 'controls.yaml': 'version: 1\nname: Broken\ncontrols: []\n' });
    const { code, stdout, stderr } = await runCli(['run', 'controls.yaml'], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe('controls.yaml:3:11: controls: A catalog needs at least one control');
  });

  it('validate checks the example without reading data, exit 0', async () => {
    const catalog = await loadCatalog(EXAMPLE);
    const tests = catalog.controls.reduce((sum, control) => sum + control.tests.length, 0);
    const { code, stdout } = await runCli(['validate', 'controls.example.yaml'], { cwd: repoRoot });
    expect(code).toBe(0);
    expect(stdout).toBe(
      `controls.example.yaml: valid — ${catalog.controls.length} controls, ${tests} tests, ${catalog.sources.size} sources, ${catalog.exceptions.length} exceptions\n`,
    );
  });

  it('gives byte-identical JSON for the same inputs and --as-of', async () => {
    const args = ['run', 'controls.example.yaml', '--format', 'json', '--as-of', '2026-11-01', '--fail-on', 'none'];
    const [first, second] = await Promise.all([runCli(args, { cwd: repoRoot }), runCli(args, { cwd: repoRoot })]);
    expect(first.code).toBe(0);
    expect(first.stdout.length).toBeGreaterThan(1000);
    expect(second.stdout).toBe(first.stdout);
    expect(JSON.parse(first.stdout)).toMatchObject({ schema: 'controlproof/report@2', as_of: '2026-11-01T00:00:00.000Z' });
  });

  it('--output replaces an existing file whole, through a temp file and a rename', async () => {
    const dir = await tempTree({});
    const target = path.join(dir, 'out/report.json');
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, 'x'.repeat(500_000));
    const inodeBefore = statSync(target).ino;
    const args = ['run', EXAMPLE, '--format', 'json', '--as-of', '2026-11-01', '--fail-on', 'none'];

    const [written, printed] = await Promise.all([
      runCli([...args, '--output', 'out/report.json'], { cwd: dir }),
      runCli(args, { cwd: dir }),
    ]);

    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
    expect(await readFile(target, 'utf8')).toBe(printed.stdout);
    expect(await readdir(path.dirname(target))).toEqual(['report.json']);
    // A rename puts a new file in place; writing into the old one would keep its inode.
    expect(statSync(target).ino).not.toBe(inodeBefore);
  });

  it('--format json=FILE --format table writes the JSON to the file and the table to stdout', async () => {
    const dir = await tempTree({});
    await mkdir(path.join(dir, 'out'));
    const { code, stdout } = await runCli(
      ['run', EXAMPLE, '--format', 'json=out/r.json', '--format', 'table', '--as-of', '2026-11-01', '--fail-on', 'none'],
      { cwd: dir },
    );
    expect(code).toBe(0);
    expect(stdout).toContain('exists \\ works');
    expect(stdout).not.toContain('"schema"');
    const report: unknown = JSON.parse(await readFile(path.join(dir, 'out/r.json'), 'utf8'));
    expect(report).toMatchObject({ schema: 'controlproof/report@2', as_of: '2026-11-01T00:00:00.000Z' });
    expect(await readdir(path.join(dir, 'out'))).toEqual(['r.json']);
  });

});

describe('colour on a terminal (main in-process)', () => {
  function terminal(env: NodeJS.ProcessEnv): CliIo & { out: () => string } {
    let out = '';
    return { stdout: (text) => void (out += text), stderr: () => undefined, stdoutIsTty: true, env, cwd: repoRoot, out: () => out };
  }
  const argv = ['node', 'controlproof', 'run', EXAMPLE, '--fail-on', 'none'];

  it('colours the table on a TTY', async () => {
    const io = terminal({});
    expect(await main(argv, io)).toBe(0);
    expect(io.out()).toContain(ANSI);
  });

  it('does not with NO_COLOR set', async () => {
    const io = terminal({ NO_COLOR: '1' });
    expect(await main(argv, io)).toBe(0);
    expect(io.out()).toContain('IAM-02  MFA required for every console user');
    expect(io.out()).not.toContain(ANSI);
  });

  it('does not when stdout is not a terminal, even without NO_COLOR', async () => {
    const { code, stdout, stderr } = await runCli(['run', 'controls.example.yaml', '--as-of', '2026-11-01', '--fail-on', 'none'], { cwd: repoRoot, env: {}, tty: false });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Needs attention \(\d+\)/m);
    expect(stdout + stderr).not.toContain(ANSI);
  });

  it('does not with --no-color', async () => {
    const io = terminal({});
    expect(await main([...argv, '--no-color'], io)).toBe(0);
    expect(io.out()).toContain('IAM-02  MFA required for every console user');
    expect(io.out()).not.toContain(ANSI);
  });
});

describe('filters, gates and the clock fail closed', () => {
  const catalog = (extra = ''): string => `version: 1
name: Gates
${extra}sources:
  creds:
    type: aws/iam-credential-report
    path: credential-report.csv
controls:
  - id: IAM-02
    title: MFA required for every console user
    owner: it-identity@example.com
    risk: high
    function: prevent
    mappings: { soc2: [CC6.1] }
    tests:
      - check: aws/iam-console-mfa
        source: creds
  - id: IAM-09
    title: Root keys
    owner: it-identity@example.com
    risk: high
    function: prevent
    tests:
      - check: aws/iam-root-access-keys
        source: creds
  - id: DOC-01
    title: A policy with no test yet
    owner: grc@example.com
    risk: low
    function: prevent
`;
  const workspace = (extra = '') => tempTree({ 'controls.yaml': catalog(extra), 'credential-report.csv': readFileSync(path.join(repoRoot, 'fixtures/aws/credential-report.csv'), 'utf8') });
  const json = (stdout: string): Report => JSON.parse(stdout) as Report;

  it('takes --control as comma lists and repeats, records the filters in the report and names them in the header', async () => {
    const dir = await workspace();
    const run = await runCli(['run', 'controls.yaml', '--as-of', '2026-11-01', '--control', 'IAM-02,IAM-09', '--control', 'DOC-01', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(json(run.stdout).controls.map((control) => control.id)).toEqual(['IAM-02', 'IAM-09', 'DOC-01']);
    expect(json(run.stdout).filters).toEqual({ controls: ['IAM-02', 'IAM-09', 'DOC-01'] });
    const table = await runCli(['run', 'controls.yaml', '--as-of', '2026-11-01', '--framework', 'soc2', '--fail-on', 'none'], { cwd: dir });
    expect(table.stdout.split('\n')[0]).toBe('Gates (controls.yaml) · as of 2026-11-01 · 1 control · only --framework soc2');
  });

  it('says when the selection examined nothing, and --fail-on vacuous fails it', async () => {
    const dir = await workspace();
    const run = await runCli(['run', 'controls.yaml', '--as-of', '2026-11-01', '--control', 'DOC-01', '--fail-on', 'vacuous'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('The selected controls examined nothing: they have no tests');
    expect(run.stderr).toContain('  - the run examined nothing: no test of the selected controls examined a resource\n');
  });

  it('names a catalog-pinned as_of in the header and on stderr; --as-of overrides it, --as-of now takes the clock', async () => {
    const dir = await workspace('as_of: 2026-11-01\n');
    const pinned = await runCli(['run', 'controls.yaml', '--fail-on', 'none'], { cwd: dir });
    expect(pinned.stdout.split('\n').slice(0, 2)).toEqual(["Gates (controls.yaml) · as of 2026-11-01 (pinned by the catalog's as_of)", '  3 controls']);
    expect(pinned.stderr).toBe(
      "warning: controls.yaml:3:8: The catalog's as_of pins every run to 2026-11-01: ages of evidence, keys and exceptions are computed for that day, not today\n" +
        '  hint: Remove as_of from the catalog and pass --as-of when you mean a fixed day (--as-of now for today).\n',
    );
    const given = await runCli(['run', 'controls.yaml', '--as-of', '2026-10-01', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
    expect([json(given.stdout).as_of, json(given.stdout).as_of_source, given.stderr]).toEqual(['2026-10-01T00:00:00.000Z', 'option', '']);
    const before = Date.now();
    const now = await runCli(['run', 'controls.yaml', '--as-of', 'now', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
    expect(json(now.stdout).as_of_source).toBe('now');
    expect(Date.parse(json(now.stdout).as_of)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('--quiet hides warnings, never the reasons of a failing exit', async () => {
    const dir = await workspace('as_of: 2026-11-01\n');
    const run = await runCli(['run', 'controls.yaml', '--quiet', '--format', 'json', '--control', 'IAM-02'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('controlproof: failing (--fail-on ineffective,expired-exceptions):\n  - ineffective controls: IAM-02 (owner: it-identity@example.com)\n');
  });
});

describe.concurrent('reading is bounded and never hangs', { timeout: 60_000 }, () => {
  const catalog = (evidence: string): string => mfaCatalog({ source: 'credential-report.csv', evidence });
  const report = readFileSync(path.join(repoRoot, 'fixtures/aws/credential-report.csv'), 'utf8');

  it('an evidence document that is a FIFO is an error naming it, not a hang', async () => {
    const dir = await tempTree({ 'controls.yaml': catalog('evidence/policy.pdf'), 'credential-report.csv': report });
    await mkdir(path.join(dir, 'evidence'));
    execFileSync('mkfifo', [path.join(dir, 'evidence/policy.pdf')]);
    const { code, stdout, stderr } = await runCli(['run', 'controls.yaml', '--as-of', '2026-11-01', '--format', 'json'], { cwd: dir });
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr.split('\n')[0]).toBe('evidence/policy.pdf: Cannot read an evidence document: this is a FIFO (named pipe), not a regular file');
  });

  it('--check-timeout stops a check that never ends: its test is error, naming the limit, and --fail-on error fails the run', async () => {
    const endless = "export default { id: 'acme/endless', title: 'T', description: 'D.', remediation: 'R.', inputs: { records: 'json' }, run: () => { for (;;); } };\n";
    const dir = await tempTree({
      'plugins/endless.mjs': endless,
      'items.json': '[1]',
      'controls.yaml': 'version: 1\nname: Endless\nplugins: [plugins/endless.mjs]\nsources:\n  items: { type: json, path: items.json }\ncontrols:\n  - { id: PLG-01, title: Ends, owner: x@example.com, risk: low, function: detect, tests: [{ check: acme/endless, source: items }] }\n',
    });
    const { code, stdout } = await runCli(['run', 'controls.yaml', '--as-of', '2026-11-01', '--format', 'json', '--check-timeout', '0.2', '--fail-on', 'error'], { cwd: dir });
    const parsed = JSON.parse(stdout) as Report;
    expect(parsed.controls[0]?.tests[0]).toMatchObject({ status: 'error', error: 'check acme/endless (plugin plugins/endless.mjs) did not finish within 0.2 s' });
    expect(code).toBe(1);
  });

  it('an evidence document that is a device is an error naming it', async () => {
    const dir = await tempTree({ 'controls.yaml': catalog('/dev/zero'), 'credential-report.csv': report });
    const { code, stderr } = await runCli(['run', 'controls.yaml', '--as-of', '2026-11-01', '--format', 'json'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('/dev/zero: Cannot read an evidence document: this is a character device, not a regular file');
  });

  it('reads an export PowerShell wrote with `>` (UTF-16LE with a BOM) as the UTF-8 one', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(report.replaceAll('\n', '\r\n'), 'utf16le')]);
    const dir = await tempTree({ 'a/controls.yaml': catalog('policy.pdf'), 'a/credential-report.csv': report, 'b/controls.yaml': catalog('policy.pdf'), 'b/credential-report.csv': utf16 });
    const run = (folder: string) => runCli(['run', 'controls.yaml', '--as-of', '2026-11-01', '--format', 'json', '--fail-on', 'none'], { cwd: path.join(dir, folder) });
    const [utf8, powershell] = await Promise.all([run('a'), run('b')]);
    const findings = (stdout: string): unknown => (JSON.parse(stdout) as Report).controls[0]?.tests[0]?.findings;
    expect(powershell.code).toBe(0);
    expect(findings(powershell.stdout)).toEqual(findings(utf8.stdout));
    expect((JSON.parse(powershell.stdout) as Report).sources[0]).toMatchObject({ status: 'ok', records: 9 });
  });
});

describe.concurrent('the table: width, findings cut and progress', { timeout: 60_000 }, () => {
  const example = ['run', 'controls.example.yaml', '--as-of', '2026-11-01', '--fail-on', 'none'];
  // The widest line that could have been broken: a lone word (an ARN, with its bullet) longer than a line stays whole.
  const widest = (text: string): number => Math.max(...text.split('\n').filter((line) => line.trim().replace(/^- /, '').includes(' ')).map((line) => line.length));

  it('follows the terminal\'s columns on a TTY, is 80 columns wide off one, and --width decides over both', async () => {
    const piped = await runCli(example, { cwd: repoRoot });
    const terminal = await runCli([...example, '--no-color'], { cwd: repoRoot, tty: true, columns: 120 });
    const given = await runCli([...example, '--width', '120'], { cwd: repoRoot, columns: 100 });
    const overridden = await runCli([...example, '--no-color', '--width', '80'], { cwd: repoRoot, tty: true, columns: 120 });
    expect(widest(piped.stdout)).toBe(80);
    expect(widest(terminal.stdout)).toBe(120);
    expect(terminal.stdout).toBe(given.stdout);
    expect(overridden.stdout).toBe(piped.stdout);
  });

  it('lays a table written to a file out in 80 columns, whatever the terminal, unless --width says', async () => {
    const dir = await tempTree({});
    const run = await runCli([...example, '--format', `table=${path.join(dir, 'table.txt')}`], { cwd: repoRoot, tty: true, columns: 160 });
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(dir, 'table.txt'), 'utf8')).toBe((await runCli(example, { cwd: repoRoot })).stdout);
  });

  it.each([
    [['--width', 'wide'], 'Invalid --width "wide": expected a whole number of columns from 40 to 1000'],
    [['--width', '20'], 'Invalid --width "20": expected a whole number of columns from 40 to 1000'],
    [['--max-findings', 'some'], 'Invalid --max-findings "some": expected a whole number or all'],
  ])('refuses %j as a usage error: exit 2, one line and a hint, nothing on stdout', async (flags, message) => {
    const run = await runCli([...example, ...flags], { cwd: repoRoot });
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr.split('\n')[0]).toBe(message);
    expect(run.stderr.split('\n')[1]).toMatch(/^ {2}hint: For example /);
  });

  it('--max-findings cuts the table and Markdown, never JSON', async () => {
    const findingLines = (text: string): number => text.split('\n').filter((line) => /^ {6}- arn:aws:/.test(line)).length;
    const cut = await runCli([...example, '--max-findings', '1'], { cwd: repoRoot });
    expect(findingLines(cut.stdout)).toBeLessThan(findingLines((await runCli(example, { cwd: repoRoot })).stdout));
    expect(cut.stdout).toContain('      … and 2 more: --max-findings all, or --format csv or json, shows all');
    const all = await runCli([...example, '--max-findings', 'all'], { cwd: repoRoot });
    expect(all.stdout).not.toContain('… and');
    const markdownCut = await runCli([...example, '--format', 'markdown', '--max-findings', '1'], { cwd: repoRoot });
    expect(markdownCut.stdout).toContain('  - … and 2 more findings: `--format csv` or `json` lists all');
    const json = await runCli([...example, '--format', 'json', '--max-findings', '1'], { cwd: repoRoot });
    expect(json.stdout).toBe((await runCli([...example, '--format', 'json'], { cwd: repoRoot })).stdout);
  });

  it('shows progress on a terminal stderr once the run takes a second, and clears it before the reasons of exit 1', async () => {
    // A clock that moves half a second each time it is read: every read the engine reports is past the delay.
    let time = 0;
    const now = (): number => (time += 500);
    const run = await runCli(['run', 'controls.example.yaml', '--as-of', '2026-11-01'], { cwd: repoRoot, stderrTty: true, now });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^\r\u001b\[2Kcontrolproof: read \d+ files?, \d+ records?…\r/);
    const cleared = run.stderr.lastIndexOf('\r\u001b[2K');
    expect(run.stderr.slice(cleared)).toMatch(/^\r\u001b\[2Kcontrolproof: failing \(--fail-on /);
    expect(run.stdout).not.toContain('controlproof: read');
  });

  it('shows no progress when stderr is not a terminal, however long the run', async () => {
    let time = 0;
    const run = await runCli(example, { cwd: repoRoot, stderrTty: false, now: () => (time += 10_000) });
    expect(run.stderr).toBe('');
  });
});

describe('run --brief', () => {
  const run = (...args: string[]) => runCli(['run', 'controls.example.yaml', '--as-of', '2026-11-01', '--fail-on', 'none', ...args], { cwd: repoRoot });

  it('writes the briefing alone in Markdown: evidence and behaviour apart, trajectory slot, divergences, the attack path', async () => {
    const { code, stdout } = await run('--format', 'markdown', '--brief');
    expect(code).toBe(0);
    const headings = stdout.split('\n').filter((line) => /^##? /.test(line));
    expect(headings).toEqual([
      '# Briefing: Example Co — security controls',
      '## Evidence metrics: is it documented?',
      '## Behaviour metrics: does it work?',
      '## Trajectory',
      '## Top divergences (5 of 20)',
      '## Attack path',
    ]);
    expect(stdout).toContain('- **Control completion:** 14 evidenced · 2 stale · 2 missing · 7 none, of 25 controls');
    expect(stdout).toContain("- **Time to revoke leavers' access, p90:** 33 h (max 24: missed) · PPL-01 identity/leaver-access");
    expect(stdout).toContain('- **Security change failure rate:** 33.3% (max 15: missed) · CHG-01 aws/ct-security-change-failures');
    // Never one score: no line gives an overall percentage of controls.
    expect(stdout).not.toMatch(/compliance|score|\d+% of (?:the )?controls/i);
  });

  it('says "not measured" for a behaviour metric no test of the run measures', async () => {
    const { stdout } = await run('--format', 'markdown', '--brief', '--control', 'IAM-01,LOG-04');
    expect(stdout).toContain('- **Time to revoke leavers\' access, p90:** not measured');
    expect(stdout).toContain('- **Log coverage (detection):** 100% · LOG-04 aws/ct-coverage');
    expect(stdout).toContain('   - IAM-02: not in this run (--control or --framework left it out)');
  });

  it('refuses --brief without a format that shows it', async () => {
    const { code, stderr } = await run('--format', 'json', '--brief');
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('--brief needs --format markdown or html (given: json)');
  });
});
