import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/paths.js';

// The published schema of `exceptions --format json`, as consumers get it (tests/generated.test.ts keeps it in step
// with the zod model).
const schema: unknown = JSON.parse(readFileSync(path.join(repoRoot, 'schema/exceptions.schema.json'), 'utf8'));
const ajv = new Ajv2020.default({ allErrors: true, strict: false });
const validate = ajv.compile(typeof schema === 'object' && schema !== null ? schema : {});

function errorsOf(view: unknown): string[] {
  validate(view);
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

async function exceptionsJson(...extra: string[]): Promise<unknown> {
  const args = ['exceptions', 'controls.example.yaml', '--as-of', '2026-11-01', '--format', 'json', '--fail-on', 'none', ...extra];
  const { code, stdout } = await runCli(args, { cwd: repoRoot });
  expect(code).toBe(0);
  return JSON.parse(stdout);
}

describe('schema/exceptions.schema.json', () => {
  it('is a draft 2020-12 schema that pins the schema tag', () => {
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      additionalProperties: false,
      properties: { schema: { const: 'controlproof/exceptions@1' } },
    });
  });

  it('accepts the example catalog’s view, from a run and by date only', { timeout: 30_000 }, async () => {
    const ran = await exceptionsJson();
    const byDate = await exceptionsJson('--no-data');
    expect(errorsOf(ran)).toEqual([]);
    expect(errorsOf(byDate)).toEqual([]);
    expect(ran).toMatchObject({ schema: 'controlproof/exceptions@1', ran_tests: true });
    expect(byDate).toMatchObject({ schema: 'controlproof/exceptions@1', ran_tests: false });
  });

  it('rejects a view without its tag, with another tag, or with a status it does not know', async () => {
    const view = await exceptionsJson('--no-data');
    const changed = (search: string, replacement: string): unknown => {
      const text = JSON.stringify(view);
      if (!text.includes(search)) throw new Error(`${search} not in the example view`);
      return JSON.parse(text.replace(search, replacement));
    };
    expect(errorsOf(changed('"schema":"controlproof/exceptions@1",', ''))).toEqual([" must have required property 'schema'"]);
    expect(errorsOf(changed('controlproof/exceptions@1', 'controlproof/report@2'))).toEqual(['/schema must be equal to constant']);
    expect(errorsOf(changed('"status":"expired"', '"status":"waived"'))).toEqual(['/exceptions/1/status must be equal to one of the allowed values']);
  });
});
