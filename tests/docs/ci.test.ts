import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { CI_TEMPLATES, packageFile } from '../../src/cli/init.js';
import { reportSchema } from '../../src/report/model.js';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/paths.js';
import { sarifSchemaErrors } from '../support/sarif-schema.js';
import { junitSchemaErrors } from '../support/xmllint.js';

const COMMAND = 'npx controlproof run --fail-on ineffective,expired-exceptions --format json=controlproof-report.json --format table';
const REPORT_FILE = 'controlproof-report.json';
const doc = readFileSync(path.join(repoRoot, 'docs/ci.md'), 'utf8');

/** The bodies of the fenced code blocks of `markdown` in `language`, in order. */
function fencedBlocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(/^```(\S*)\n([\s\S]*?)^```$/gm)].filter((match) => match[1] === language).map((match) => match[2] ?? '');
}

const stepSchema = z.object({
  name: z.string().optional(),
  uses: z.string().optional(),
  run: z.string().optional(),
  if: z.string().optional(),
  with: z.record(z.string(), z.unknown()).optional(),
});
const workflowSchema = z.object({
  on: z.object({ schedule: z.array(z.object({ cron: z.string() })).min(1) }).loose(),
  jobs: z.record(
    z.string(),
    z.object({
      'runs-on': z.string(),
      strategy: z.object({ 'fail-fast': z.boolean().optional(), matrix: z.record(z.string(), z.array(z.string())) }).optional(),
      steps: z.array(stepSchema),
    }),
  ),
});
const gitlabSchema = z.record(
  z.string(),
  z.object({ image: z.string(), script: z.array(z.string()), artifacts: z.object({ when: z.string(), paths: z.array(z.string()) }) }),
);

/** The text under the `## heading` of `markdown`, up to the next `## `. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`docs/ci.md has no section "${heading}"`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
}

/** The YAML blocks of a section that `schema` accepts, parsed. */
function yamlIn<T>(heading: string, schema: z.ZodType<T>): T[] {
  return fencedBlocks(section(doc, heading), 'yaml').flatMap((text) => {
    const parsed = schema.safeParse(parse(text));
    return parsed.success ? [parsed.data] : [];
  });
}

const workflows = yamlIn('GitHub Actions', workflowSchema);
const gitlabJobs = yamlIn('GitLab CI', gitlabSchema);
const matrixWorkflows = yamlIn('One job per account', workflowSchema);

const codeScanningWorkflows = yamlIn('Code scanning with SARIF', workflowSchema.extend({ permissions: z.record(z.string(), z.string()) }));
const junitJobs = yamlIn(
  'GitLab test reports with JUnit',
  z.record(z.string(), z.object({ image: z.string(), script: z.array(z.string()), artifacts: z.object({ when: z.string(), reports: z.object({ junit: z.string() }) }) })),
);

/** The file a command writes a format to: `--format NAME=FILE`. */
function fileOf(command: string, format: string): string | undefined {
  return command.split(' ').find((word) => word.startsWith(`${format}=`))?.slice(format.length + 1);
}

/** A folder holding the example catalog as ./controls.yaml and its fixtures, as a repository would; removed after the file's tests. */
const workspaces: string[] = [];
afterAll(() => {
  for (const dir of workspaces) rmSync(dir, { recursive: true, force: true });
});
function exampleWorkspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'controlproof-ci-'));
  workspaces.push(dir);
  cpSync(path.join(repoRoot, 'controls.example.yaml'), path.join(dir, 'controls.yaml'));
  cpSync(path.join(repoRoot, 'fixtures'), path.join(dir, 'fixtures'), { recursive: true });
  return dir;
}

/** Runs a documented `npx controlproof …` command in process in `dir`, on the example's day so its figures hold. */
function runDocumented(command: string, dir: string, env: NodeJS.ProcessEnv = {}): ReturnType<typeof runCli> {
  const [npx, name, ...args] = command.split(' ');
  expect([npx, name]).toEqual(['npx', 'controlproof']);
  return runCli([...args, '--as-of', '2026-11-01'], { cwd: dir, env });
}

/** Whether `text` has the sample's lines, where a sample line ending in `…` stands for any line it starts. */
function matchesSample(text: string, sample: string): boolean {
  const lines = text.split('\n');
  const expected = sample.split('\n');
  return (
    lines.length === expected.length &&
    expected.every((line, index) => (line.endsWith('…') ? lines[index]?.startsWith(line.slice(0, -1)) : lines[index] === line))
  );
}

function failOnOf(command: string): string | undefined {
  const words = command.split(' ');
  return words[words.indexOf('--fail-on') + 1];
}

describe('docs/ci.md', () => {
  it('documents the command once on its own, failing on ineffective controls and expired exceptions', () => {
    expect(fencedBlocks(doc, 'sh')[0]).toBe(`${COMMAND}\n`);
    expect(failOnOf(COMMAND)).toBe('ineffective,expired-exceptions');
  });

  it('has a GitHub Actions workflow that runs the command and uploads the JSON report even when the step fails', () => {
    expect(workflows).toHaveLength(1);
    const jobs = Object.values(workflows[0]?.jobs ?? {});
    expect(jobs).toHaveLength(1);
    const steps = jobs[0]?.steps ?? [];
    const audit = steps.findIndex((step) => step.run?.includes('controlproof') === true);
    const upload = steps.findIndex((step) => step.uses?.startsWith('actions/upload-artifact@') === true);
    expect(steps[audit]?.run).toBe(COMMAND);
    expect(failOnOf(steps[audit]?.run ?? '')).toBe('ineffective,expired-exceptions');
    expect(steps.findIndex((step) => step.run === 'npm ci')).toBeLessThan(audit);
    expect(upload).toBeGreaterThan(audit);
    expect(steps[upload]?.if).toBe('always()');
    expect(steps[upload]?.with?.path).toBe(REPORT_FILE);
  });

  it('has a GitLab CI job that runs the command and keeps the JSON report as an artefact when it fails', () => {
    expect(gitlabJobs).toHaveLength(1);
    const jobs = Object.values(gitlabJobs[0] ?? {});
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.script).toEqual(['npm ci', COMMAND]);
    expect(jobs[0]?.artifacts.when).toBe('always');
    expect(jobs[0]?.artifacts.paths).toEqual([REPORT_FILE]);
  });

  it.each([
    ['GitHub Actions', 'github'],
    ['GitLab CI', 'gitlab'],
  ] as const)('shows under "%s" exactly the workflow that init --ci %s writes, naming its file', (heading, ci) => {
    const { file, template } = CI_TEMPLATES[ci];
    expect(fencedBlocks(section(doc, heading), 'yaml')[0]).toBe(readFileSync(packageFile(template), 'utf8'));
    const intro = section(doc, heading).split('```')[0] ?? '';
    expect(intro).toContain(`\`${file}\``);
    expect(intro).toContain(`\`npx controlproof init --ci ${ci}\` writes it`);
  });

  describe('the documented command, on the example catalog', { timeout: 60_000 }, () => {
    const dir = exampleWorkspace();

    it('exits 1, names the expired exception, its owner and days overdue as documented, and writes the report', async () => {
      // In CI the command assesses today; here the example's day, so the documented figures hold.
      const result = await runDocumented(COMMAND, dir);
      expect(result.code).toBe(1);
      expect(matchesSample(result.stderr, fencedBlocks(doc, 'text')[0] ?? '')).toBe(true);
      expect(result.stderr).toContain(
        'exception EX-2025-007 (control IAM-03, owner: data-platform@example.com) expired on 2026-09-30, 32 day(s) overdue',
      );
      expect(result.stdout.split('\n')[0]).toMatch(/^Example Co — security controls \(controls\.yaml\) · as of 2026-11-01 · \d+ controls$/);
      expect(existsSync(path.join(dir, REPORT_FILE))).toBe(true);
      const report = reportSchema.parse(JSON.parse(readFileSync(path.join(dir, REPORT_FILE), 'utf8')));
      expect(report.exceptions.find((exception) => exception.id === 'EX-2025-007')).toMatchObject({
        status: 'expired',
        owner: 'data-platform@example.com',
        days_to_expiry: -32,
      });
    });
  });

  describe('code scanning with SARIF', { timeout: 60_000 }, () => {
    it('has a workflow that may write security events, runs the audit after npm ci and uploads its SARIF file even when the audit fails', () => {
      expect(codeScanningWorkflows).toHaveLength(1);
      const [workflow] = codeScanningWorkflows;
      expect(workflow?.permissions['security-events']).toBe('write');
      const steps = Object.values(workflow?.jobs ?? {})[0]?.steps ?? [];
      const audit = steps.findIndex((step) => step.run?.includes('controlproof') === true);
      const upload = steps.findIndex((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@') === true);
      const command = steps[audit]?.run ?? '';
      expect(failOnOf(command)).toBe('ineffective,expired-exceptions');
      expect(steps.findIndex((step) => step.run === 'npm ci')).toBeLessThan(audit);
      expect(upload).toBeGreaterThan(audit);
      expect(steps[upload]?.if).toBe('always()');
      expect(steps[upload]?.with).toEqual({ sarif_file: fileOf(command, 'sarif'), category: 'controlproof' });
    });

    it('writes, with the documented command, SARIF that the schema accepts and that locates its alerts in the catalog, annotations and the step summary', async () => {
      const command = Object.values(codeScanningWorkflows[0]?.jobs ?? {})[0]?.steps.find((step) => step.run?.includes('controlproof') === true)?.run ?? '';
      const file = fileOf(command, 'sarif');
      if (file === undefined) throw new Error('the SARIF recipe writes no SARIF file');
      expect(command.split(' ')).toContain('github');
      const dir = exampleWorkspace();
      const summary = path.join(dir, 'step-summary.md');
      const result = await runDocumented(command, dir, { GITHUB_STEP_SUMMARY: summary });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^::error file=controls\.yaml,line=\d+,/m);
      expect(readFileSync(summary, 'utf8')).toMatch(/^# controlproof/m);
      const log: unknown = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      expect(sarifSchemaErrors(log)).toEqual([]);
      const uris = z.object({ runs: z.array(z.object({ results: z.array(z.object({ locations: z.array(z.object({ physicalLocation: z.object({ artifactLocation: z.object({ uri: z.string() }) }) })) })) })) }).parse(log)
        .runs.flatMap((run) => run.results.flatMap((each) => each.locations.map((location) => location.physicalLocation.artifactLocation.uri)));
      expect(uris.length).toBeGreaterThan(0);
      expect(new Set(uris)).toEqual(new Set(['controls.yaml']));
    });
  });

  describe('GitLab test reports with JUnit', { timeout: 60_000 }, () => {
    it('has a job that runs the audit after npm ci and reports its JUnit file even when the audit fails', () => {
      expect(junitJobs).toHaveLength(1);
      const jobs = Object.values(junitJobs[0] ?? {});
      expect(jobs).toHaveLength(1);
      const [setup, command = ''] = jobs[0]?.script ?? [];
      expect(setup).toBe('npm ci');
      expect(failOnOf(command)).toBe('ineffective,expired-exceptions');
      expect(jobs[0]?.artifacts.when).toBe('always');
      expect(jobs[0]?.artifacts.reports.junit).toBe(fileOf(command, 'junit'));
    });

    it('writes, with the documented command, JUnit XML that the schema accepts', async () => {
      const command = Object.values(junitJobs[0] ?? {})[0]?.script[1] ?? '';
      const file = fileOf(command, 'junit');
      if (file === undefined) throw new Error('the JUnit recipe writes no JUnit file');
      const dir = exampleWorkspace();
      const result = await runDocumented(command, dir);
      expect(result.code).toBe(1);
      const xml = readFileSync(path.join(dir, file), 'utf8');
      expect(junitSchemaErrors(xml)).toBe('');
      expect(xml).toContain('<testsuite name="IAM-02"');
    });
  });
});

describe('docs/ci.md, one job per account', () => {
  const [workflow] = matrixWorkflows;
  const job = workflow?.jobs.account;
  const merge = workflow?.jobs.merge;
  const accounts = job?.strategy?.matrix.account ?? [];
  const steps = job?.steps ?? [];
  /** A step's text as one leg of the matrix sees it. */
  const forLeg = (text: string | undefined, account: string): string => (text ?? '').replaceAll('${{ matrix.account }}', account);
  const legCommand = steps.find((step) => step.run?.includes('controlproof') === true)?.run ?? '';
  const mergeCommand = merge?.steps.find((step) => step.run?.includes('controlproof merge') === true)?.run ?? '';
  const diffCommand = merge?.steps.find((step) => step.run?.includes('controlproof diff') === true)?.run ?? '';

  it('is one workflow with a matrix job over several accounts, none cancelling the others, and a merge job after it', () => {
    expect(matrixWorkflows).toHaveLength(1);
    expect(Object.keys(workflow?.jobs ?? {})).toEqual(['account', 'merge']);
    expect(accounts.length).toBeGreaterThan(1);
    expect(new Set(accounts).size).toBe(accounts.length);
    expect(job?.strategy?.['fail-fast']).toBe(false);
  });

  it('exports each leg’s own account with its read-only role, then audits it with its scope into a report of its own', () => {
    const credentials = steps.findIndex((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials@') === true);
    const exported = steps.findIndex((step) => step.run?.includes('export-aws.sh --out exports') === true);
    const audit = steps.findIndex((step) => step.run?.includes('controlproof') === true);
    expect(forLeg(String(steps[credentials]?.with?.['role-to-assume']), '222222222222')).toBe('arn:aws:iam::222222222222:role/controlproof-read-only');
    expect(steps.findIndex((step) => step.run === 'npm ci')).toBeLessThan(audit);
    expect(credentials).toBeGreaterThanOrEqual(0);
    expect(credentials).toBeLessThan(exported);
    expect(exported).toBeLessThan(audit);
    expect(forLeg(legCommand, '222222222222')).toBe('npx controlproof run --fail-on ineffective,expired-exceptions --scope 222222222222 --format json -o report-222222222222.json');
  });

  it('keeps every leg’s JSON report, under a name of its own, even when the leg fails', () => {
    const upload = steps.find((step) => step.uses?.startsWith('actions/upload-artifact@') === true);
    expect(upload?.if).toBe('always()');
    expect(accounts.map((account) => forLeg(String(upload?.with?.path), account))).toEqual(accounts.map((account) => `report-${account}.json`));
    const names = accounts.map((account) => forLeg(String(upload?.with?.name), account));
    expect(names).toEqual(accounts.map((account) => `controlproof-report-${account}`));
  });

  it('merges every leg’s report after the legs, downloaded together, and compares it with the main branch’s', () => {
    const mergeSteps = merge?.steps ?? [];
    const download = mergeSteps.find((step) => step.uses?.startsWith('actions/download-artifact@') === true);
    expect(download?.with).toEqual({ pattern: 'controlproof-report-*', 'merge-multiple': true, path: 'reports' });
    expect(mergeCommand).toBe('npx controlproof merge reports/report-*.json --format json -o controlproof-report.json');
    expect(diffCommand).toBe('npx controlproof diff baseline/controlproof-report.json controlproof-report.json --format markdown -o controlproof-diff.md --fail-on regressed');
    expect(mergeSteps.find((step) => step.uses?.startsWith('actions/upload-artifact@') === true)?.with?.name).toBe('controlproof-report');
  });

  it('runs the legs, the merge and the diff as documented on the example catalog: each leg reads only its account, the merge keeps every verdict', { timeout: 120_000 }, async () => {
    const [npx, name, ...args] = legCommand.split(' ');
    expect([npx, name]).toEqual(['npx', 'controlproof']);
    // Each leg holds one account's export, as export.sh writes it: the example's account folder, renamed.
    const legs = accounts.map((account) => {
      const dir = mkdtempSync(path.join(tmpdir(), `controlproof-leg-${account}-`));
      const catalog = readFileSync(path.join(repoRoot, 'controls.example.yaml'), 'utf8').replaceAll('path: fixtures/aws/210987654321/', 'path: fixtures/aws/*/');
      writeFileSync(path.join(dir, 'controls.yaml'), catalog);
      cpSync(path.join(repoRoot, 'fixtures'), path.join(dir, 'fixtures'), { recursive: true });
      renameSync(path.join(dir, 'fixtures/aws/210987654321'), path.join(dir, `fixtures/aws/${account}`));
      return { account, dir };
    });
    const mergeDir = mkdtempSync(path.join(tmpdir(), 'controlproof-merge-job-'));
    try {
      for (const { account, dir } of legs) {
        const result = await runCli([...forLeg(args.join(' '), account).split(' '), '--as-of', '2026-11-01'], { cwd: dir });
        expect(result.code).toBe(1);
        const report = reportSchema.parse(JSON.parse(readFileSync(path.join(dir, `report-${account}.json`), 'utf8')));
        expect(report.scope).toBe(account);
        const accountFiles = report.sources.flatMap((source) => source.files.map((file) => file.path)).filter((file) => /^fixtures\/aws\/\d{12}\//.test(file));
        expect(accountFiles.length).toBeGreaterThan(0);
        expect(accountFiles.filter((file) => !file.startsWith(`fixtures/aws/${account}/`))).toEqual([]);
        // download-artifact with merge-multiple puts every leg's file into reports/.
        cpSync(path.join(dir, `report-${account}.json`), path.join(mergeDir, 'reports', `report-${account}.json`));
      }
      // The shell expands the glob of the documented merge command.
      const [, , ...mergeArgs] = mergeCommand.split(' ');
      const expanded = mergeArgs.flatMap((word) => (word === 'reports/report-*.json' ? accounts.map((account) => `reports/report-${account}.json`) : [word]));
      const merged = await runCli(expanded, { cwd: mergeDir });
      expect(merged.code).toBe(0);
      const report = reportSchema.parse(JSON.parse(readFileSync(path.join(mergeDir, 'controlproof-report.json'), 'utf8')));
      const leg = reportSchema.parse(JSON.parse(readFileSync(path.join(legs[0]?.dir ?? '', `report-${accounts[0] ?? ''}.json`), 'utf8')));
      expect(report.merged_from?.map((input) => input.scope)).toEqual(accounts);
      expect(report.controls.map((control) => [control.id, control.works])).toEqual(leg.controls.map((control) => [control.id, control.works]));
      // The main branch's last merged report, as the download step leaves it: the same one, so nothing regressed.
      cpSync(path.join(mergeDir, 'controlproof-report.json'), path.join(mergeDir, 'baseline', 'controlproof-report.json'));
      const [, , ...diffArgs] = diffCommand.split(' ');
      const compared = await runCli(diffArgs, { cwd: mergeDir });
      expect(compared.code).toBe(0);
      expect(readFileSync(path.join(mergeDir, 'controlproof-diff.md'), 'utf8')).toContain('0 regressed');
    } finally {
      for (const { dir } of legs) rmSync(dir, { recursive: true, force: true });
      rmSync(mergeDir, { recursive: true, force: true });
    }
  });
});
