// Property: a mutated catalog or exceptions file ends with a report or with located user errors; never another
// exception; and a secret planted in it, or in an export, reaches no output of any format nor stderr. Fixed seed;
// CONTROLPROOF_FUZZ_RUNS raises the number of runs.
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { UserError, UserErrors } from '../../src/core/errors.js';
import { runAudit } from '../../src/engine/run-audit.js';
import { formatters } from '../../src/formatters/index.js';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/paths.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

afterAll(removeTempDirs);

const RUNS = Number(process.env.CONTROLPROOF_FUZZ_RUNS ?? 40);
const SEED = 20261202;
const CATALOG = readFileSync(path.join(repoRoot, 'controls.example.yaml'), 'utf8');
const EXCEPTIONS = readFileSync(path.join(repoRoot, 'fixtures/exceptions/identity-team.yaml'), 'utf8');

/** Secrets in the shapes a catalog, exceptions file or export could carry them; each raw value is unique to this file. */
const PLANTED = {
  password: 'Pl4nted-Pw-9f3kQ',
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYPL4NTED9xQ',
  github: 'ghp_Pl4ntedT0kenAbCdEfGhIjKlMnOpQrStUv12',
  slack: 'xoxb-1234567890-Pl4ntedSlackT0ken',
  urlPassword: 'Pl4ntedUrlPw77',
  bearer: 'Pl4ntedBearer.eyAbCdEf0123456789',
};
const SECRET_TOKENS = [
  `password=${PLANTED.password}`,
  `"aws_secret_access_key: ${PLANTED.awsSecret}"`,
  PLANTED.github,
  `token ${PLANTED.slack}`,
  `https://svc:${PLANTED.urlPassword}@vault.example.com/x`,
  `"Authorization: Bearer ${PLANTED.bearer}"`,
];

/** Line-level changes a person editing YAML makes by mistake, and tokens YAML gives meaning to. */
const edit = fc.record({
  line: fc.double({ min: 0, max: 1, noNaN: true }),
  kind: fc.constantFrom('delete', 'duplicate', 'indent', 'dedent', 'replace-value', 'insert'),
  token: fc.oneof(
    fc.constantFrom('', '~', 'null', '[]', '{}', '-1', '0', '1e400', '2026-02-31', 'yes', '"', "'", '&a x', '*a', '!!js/function f', '!vault x', '<<: {}', '{a: [b', 'IAM-99', 'aws/iam-nope'),
    fc.string({ maxLength: 12 }),
    fc.constantFrom(...SECRET_TOKENS),
  ),
});
type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;

function apply(text: string, change: Edit): string {
  const lines = text.split('\n');
  const at = Math.floor(change.line * lines.length);
  const line = lines[at] ?? '';
  const replaced = (() => {
    switch (change.kind) {
      case 'delete':
        return [];
      case 'duplicate':
        return [line, line];
      case 'indent':
        return [`  ${line}`];
      case 'dedent':
        return [line.replace(/^ {1,2}/, '')];
      case 'replace-value':
        return [line.includes(':') ? `${line.slice(0, line.indexOf(':') + 1)} ${change.token}` : change.token];
      case 'insert':
        return [line, `${line.match(/^\s*/)?.[0] ?? ''}${change.token}`];
    }
  })();
  lines.splice(at, 1, ...replaced);
  return lines.join('\n');
}

async function workspace(catalog: string, exceptions: string, credentialReport?: string): Promise<string> {
  const dir = await tempTree({ 'controls.yaml': catalog, 'fixtures/exceptions/identity-team.yaml': exceptions });
  for (const folder of ['evidence', 'governance', 'plugins']) symlinkSync(path.join(repoRoot, 'fixtures', folder), path.join(dir, 'fixtures', folder));
  // fixtures/aws entry by entry, so one export can be replaced by a mutated copy.
  mkdirSync(path.join(dir, 'fixtures/aws'));
  for (const entry of readdirSync(path.join(repoRoot, 'fixtures/aws'))) {
    const target = path.join(dir, 'fixtures/aws', entry);
    if (entry === 'credential-report.csv' && credentialReport !== undefined) writeFileSync(target, credentialReport, { flag: 'wx' });
    else symlinkSync(path.join(repoRoot, 'fixtures/aws', entry), target);
  }
  return dir;
}

/** Every output of `run` and `exceptions` in every format (written with --format NAME=FILE), and their stderr. */
async function everyOutput(dir: string): Promise<{ outputs: string[]; codes: number[] }> {
  const outputs: string[] = [];
  const codes: number[] = [];
  for (const command of ['run', 'exceptions'] as const) {
    const names = formatters.filter((formatter) => formatter.view === command).map((formatter) => formatter.name);
    const targets = names.map((name) => `${command}-report.${name}`);
    const args = [command, 'controls.yaml', '--as-of', '2026-11-01', '--fail-on', 'none', ...names.flatMap((name, index) => ['--format', `${name}=${targets[index]}`])];
    const { code, stdout, stderr } = await runCli(args, { cwd: dir });
    codes.push(code);
    outputs.push(stdout, stderr);
    if (code === 0) for (const target of targets) outputs.push(readFileSync(path.join(dir, target), 'utf8'));
  }
  return { outputs, codes };
}

/** A credential report with a planted secret in a cell or a header, or a line cut short. */
const csvEdit = fc.record({ line: fc.double({ min: 0, max: 1, noNaN: true }), cell: fc.nat(21), token: fc.constantFrom(...SECRET_TOKENS) });
const CREDENTIAL_REPORT = readFileSync(path.join(repoRoot, 'fixtures/aws/credential-report.csv'), 'utf8');

function plantInCsv(text: string, change: typeof csvEdit extends fc.Arbitrary<infer E> ? E : never): string {
  const lines = text.split('\n');
  const at = Math.floor(change.line * (lines.length - 1));
  const cells = (lines[at] ?? '').split(',');
  cells[change.cell % Math.max(1, cells.length)] = change.token.replaceAll(',', ' ').replaceAll('"', '');
  lines[at] = cells.join(',');
  return lines.join('\n');
}

describe('mutated catalogs and exceptions files', { timeout: 300_000 }, () => {
  it('end in a report or in located user errors, never another exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), fc.array(edit, { maxLength: 2 }), async (catalogEdits, exceptionEdits) => {
        const dir = await workspace(catalogEdits.reduce(apply, CATALOG), exceptionEdits.reduce(apply, EXCEPTIONS));
        let catalog;
        try {
          catalog = await loadCatalog(path.join(dir, 'controls.yaml'));
        } catch (error) {
          const errors = error instanceof UserErrors ? error.errors : [error];
          for (const each of errors) {
            if (!(each instanceof UserError)) throw each;
            expect(each.position?.file ?? 'unplaced', each.message).toMatch(/controls\.yaml$|identity-team\.yaml$|^unplaced$/);
          }
          return;
        }
        const report = await runAudit(catalog, { asOf: new Date('2026-11-01T00:00:00Z'), warnDays: 30, workers: 0 });
        expect(report.controls.length).toBeGreaterThan(0);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('never show a planted secret: not in any format of run or exceptions, not on stderr', async () => {
    let planted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), fc.array(edit, { maxLength: 2 }), fc.option(csvEdit), async (catalogEdits, exceptionEdits, csv) => {
        const catalog = catalogEdits.reduce(apply, CATALOG);
        const exceptions = exceptionEdits.reduce(apply, EXCEPTIONS);
        const report = csv === null ? undefined : plantInCsv(CREDENTIAL_REPORT, csv);
        if ([catalog, exceptions, report ?? ''].some((text) => Object.values(PLANTED).some((secret) => text.includes(secret)))) planted += 1;
        const { outputs, codes } = await everyOutput(await workspace(catalog, exceptions, report));
        for (const code of codes) expect(code === 0 || code === 2, `exit ${code}`).toBe(true);
        for (const output of outputs) {
          for (const [kind, secret] of Object.entries(PLANTED)) expect(output.includes(secret), `${kind} reached an output:\n${output.slice(0, 2000)}`).toBe(false);
          expect(output).not.toContain('internal error');
        }
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / 2) },
    );
    // Not vacuous: most runs planted at least one secret.
    expect(planted).toBeGreaterThan(RUNS / 8);
  });

  it('still runs the unmutated example, so the property is not vacuous', async () => {
    const dir = await workspace(CATALOG, EXCEPTIONS);
    const report = await runAudit(await loadCatalog(path.join(dir, 'controls.yaml')), { asOf: new Date('2026-11-01T00:00:00Z'), warnDays: 30, workers: 0 });
    expect(report.controls.length).toBeGreaterThan(10);
  });
});
