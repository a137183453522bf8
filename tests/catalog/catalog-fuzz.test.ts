// Property: a mutated catalog or exceptions file ends with a report or with located user errors; never another
// exception. Fixed seed; CONTROLPROOF_FUZZ_RUNS raises the number of runs.
import { readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { UserError, UserErrors } from '../../src/core/errors.js';
import { runAudit } from '../../src/engine/run-audit.js';
import { repoRoot } from '../support/paths.js';
import { removeTempDirs, tempTree } from '../support/workspace.js';

afterAll(removeTempDirs);

const RUNS = Number(process.env.CONTROLPROOF_FUZZ_RUNS ?? 40);
const SEED = 20261202;
const CATALOG = readFileSync(path.join(repoRoot, 'controls.example.yaml'), 'utf8');
const EXCEPTIONS = readFileSync(path.join(repoRoot, 'fixtures/exceptions/identity-team.yaml'), 'utf8');

/** Line-level changes a person editing YAML makes by mistake, and tokens YAML gives meaning to. */
const edit = fc.record({
  line: fc.double({ min: 0, max: 1, noNaN: true }),
  kind: fc.constantFrom('delete', 'duplicate', 'indent', 'dedent', 'replace-value', 'insert'),
  token: fc.oneof(
    fc.constantFrom('', '~', 'null', '[]', '{}', '-1', '0', '1e400', '2026-02-31', 'yes', '"', "'", '&a x', '*a', '!!js/function f', '!vault x', '<<: {}', '{a: [b', 'IAM-99', 'aws/iam-nope'),
    fc.string({ maxLength: 12 }),
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

async function workspace(catalog: string, exceptions: string): Promise<string> {
  const dir = await tempTree({ 'controls.yaml': catalog, 'fixtures/exceptions/identity-team.yaml': exceptions });
  for (const folder of ['aws', 'evidence', 'governance', 'plugins']) symlinkSync(path.join(repoRoot, 'fixtures', folder), path.join(dir, 'fixtures', folder));
  return dir;
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

  it('still runs the unmutated example, so the property is not vacuous', async () => {
    const dir = await workspace(CATALOG, EXCEPTIONS);
    const report = await runAudit(await loadCatalog(path.join(dir, 'controls.yaml')), { asOf: new Date('2026-11-01T00:00:00Z'), warnDays: 30, workers: 0 });
    expect(report.controls.length).toBeGreaterThan(10);
  });
});
