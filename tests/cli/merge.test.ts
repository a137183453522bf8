import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNames } from '../../src/formatters/select.js';
import { reportSchema, type Report } from '../../src/report/model.js';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/paths.js';

const AS_OF = ['--as-of', '2026-11-01'];
const SCOPES = ['111111111111', '222222222222', '333333333333'];
let dir = '';

const read = (file: string): Report => reportSchema.parse(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
const verdicts = (report: Report) => report.controls.map((control) => [control.id, control.exists, control.works, control.assurance]);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'controlproof-merge-'));
  cpSync(path.join(repoRoot, 'controls.example.yaml'), path.join(dir, 'controls.yaml'));
  cpSync(path.join(repoRoot, 'fixtures'), path.join(dir, 'fixtures'), { recursive: true });
  for (const scope of SCOPES) {
    const result = await runCli(['run', ...AS_OF, '--fail-on', 'none', '-q', '--format', 'json', '-o', `report-${scope}.json`, '--scope', scope], { cwd: dir });
    expect(result.code).toBe(0);
  }
  expect((await runCli(['run', ...AS_OF, '--fail-on', 'none', '-q', '--format', 'json', '-o', 'single.json'], { cwd: dir })).code).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('controlproof merge', { timeout: 60_000 }, () => {
  it('records --scope on the run report, each test and each source', () => {
    const report = read('report-111111111111.json');
    expect(report.scope).toBe('111111111111');
    expect(new Set(report.controls.flatMap((control) => control.tests.map((test) => test.scope)))).toEqual(new Set(['111111111111']));
    expect(new Set(report.sources.map((source) => source.scope))).toEqual(new Set(['111111111111']));
  });

  it('gives every control of three scoped runs the verdicts of one run, with every test once per scope', async () => {
    const result = await runCli(['merge', ...SCOPES.map((scope) => `report-${scope}.json`), '-o', 'merged.json'], { cwd: dir });
    expect(result.code).toBe(0);
    const merged = read('merged.json');
    const single = read('single.json');
    expect(verdicts(merged)).toEqual(verdicts(single));
    expect(merged.summary.works).toEqual(single.summary.works);
    expect(merged.summary.assurance).toEqual(single.summary.assurance);
    expect(merged.summary.tests.fail).toBe(single.summary.tests.fail * 3);
    expect(merged.merged_from?.map((input) => input.scope)).toEqual(SCOPES);
    expect(merged.sources).toHaveLength(single.sources.length * 3);
    expect(merged.exceptions.map((exception) => [exception.id, exception.status])).toEqual(single.exceptions.map((exception) => [exception.id, exception.status]));
    expect(merged.framework_coverage?.map((framework) => framework.summary)).toEqual(single.framework_coverage?.map((framework) => framework.summary));
    // Attack paths recomputed from the merged controls: the same as one run's.
    expect(merged.scenarios).toEqual(single.scenarios);
    expect(merged.scenarios?.length).toBeGreaterThan(0);
  });

  it('writes a merged report every run format renders', async () => {
    for (const format of formatNames('run')) {
      const result = await runCli(['merge', ...SCOPES.map((scope) => `report-${scope}.json`), '--format', format], { cwd: dir });
      expect(result.code, `${format}: ${result.stderr}`).toBe(0);
      expect(result.stdout.length, format).toBeGreaterThan(0);
    }
  });

  it('writes the organisation\'s briefing with --brief: metrics read from every scope\'s tests, the path from the merged controls', async () => {
    const result = await runCli(['merge', ...SCOPES.map((scope) => `report-${scope}.json`), '--format', 'markdown', '--brief'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^# Briefing: /);
    const revoke = result.stdout.split('\n').find((line) => line.startsWith("- **Time to revoke leavers' access, p90:**"));
    for (const scope of SCOPES) expect(revoke).toContain(`PPL-01 identity/leaver-access scope ${scope}`);
    expect(result.stdout).toContain('## Attack path\n\n### ATK-01: ');
  });

  it('is the same whatever order the reports are given in', async () => {
    const forward = await runCli(['merge', 'report-111111111111.json', 'report-222222222222.json'], { cwd: dir });
    const backward = await runCli(['merge', 'report-222222222222.json', 'report-111111111111.json'], { cwd: dir });
    expect(backward.stdout).toBe(forward.stdout);
  });

  it('takes the scope from the file name when the run had none', async () => {
    cpSync(path.join(dir, 'single.json'), path.join(dir, 'eu-west-1.json'));
    const result = await runCli(['merge', 'eu-west-1.json', 'report-111111111111.json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(reportSchema.parse(JSON.parse(result.stdout)).merged_from?.map((input) => input.scope)).toEqual(['111111111111', 'eu-west-1']);
  });

  it('refuses reports of another catalog unless --allow-mixed, and one scope given twice', async () => {
    const other = read('report-222222222222.json');
    writeFileSync(path.join(dir, 'other-catalog.json'), JSON.stringify({ ...other, scope: 'other', catalog: { ...other.catalog, sha256: 'f'.repeat(64) } }, null, 2));
    const refused = await runCli(['merge', 'report-111111111111.json', 'other-catalog.json'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^other-catalog\.json: The reports differ in catalog: report-111111111111\.json has Example Co — security controls \(sha256 [0-9a-f]{12}\), other-catalog\.json has .* \(sha256 f{12}\)$/m);
    expect(refused.stderr).toContain('--allow-mixed');
    const allowed = await runCli(['merge', 'report-111111111111.json', 'other-catalog.json', '--allow-mixed'], { cwd: dir });
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain('warning: The reports differ in catalog');
    const twice = await runCli(['merge', 'report-111111111111.json', 'report-111111111111.json'], { cwd: dir });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('Scope "111111111111" is given twice');
  });
});

describe('reading reports', { timeout: 60_000 }, () => {
  it.each([
    ['malformed JSON', '{"schema": "controlproof/report@2",\n  "tool": }', /^bad\.json:2:11: /],
    ['another schema version', '{\n  "schema": "controlproof/report@1"\n}', /^bad\.json:2:13: Expected a controlproof report \(schema "controlproof\/report@2"\), found schema "controlproof\/report@1"/],
    ['JSON that is not a report', '[1, 2]', /^bad\.json:1:1: Expected a controlproof report .*found no report schema/],
    ['a report with a field of the wrong type', '{\n  "schema": "controlproof/report@2",\n  "tool": 3\n}', /^bad\.json:3:11: tool: expected object, found 3/],
  ])('refuses %s with its position, a hint and exit 2', async (_name, text, message) => {
    writeFileSync(path.join(dir, 'bad.json'), text);
    for (const args of [['diff', 'single.json', 'bad.json'], ['merge', 'single.json', 'bad.json']]) {
      const result = await runCli(args, { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/\n {2}hint: /);
    }
  });
});

describe('controlproof diff', { timeout: 60_000 }, () => {
  it('exits 0 between equal runs and 1 with --fail-on regressed when a control regressed, naming it', async () => {
    const same = await runCli(['diff', 'single.json', 'single.json'], { cwd: dir });
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('0 regressed · 0 improved');
    const report = read('single.json');
    const regressed = { ...report, controls: report.controls.map((control) => (control.works === 'effective' ? { ...control, works: 'ineffective' as const, assurance: control.exists === 'evidenced' ? ('paper-only' as const) : ('failing' as const) } : control)) };
    writeFileSync(path.join(dir, 'worse.json'), JSON.stringify(regressed));
    const worse = await runCli(['diff', 'single.json', 'worse.json', '--format', 'markdown'], { cwd: dir });
    expect(worse.code).toBe(1);
    expect(worse.stdout).toContain('## Regressed');
    expect(worse.stderr).toMatch(/failing \(--fail-on regressed\):\n {2}- regressed controls: \S+ \(works effective → ineffective/);
    expect((await runCli(['diff', 'single.json', 'worse.json', '--fail-on', 'none'], { cwd: dir })).code).toBe(0);
    const json = await runCli(['diff', 'single.json', 'worse.json', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
    expect(JSON.parse(json.stdout)).toMatchObject({ schema: 'controlproof/diff@1', old: { file: 'single.json' }, new: { file: 'worse.json' } });
  });

  it('refuses to write its output onto a report it compares', async () => {
    const result = await runCli(['diff', 'single.json', 'merged.json', '--format', 'json', '-o', 'single.json'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('a report being compared');
  });
});
