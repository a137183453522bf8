import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from '../support/paths.js';

// The published catalog schema as editors read it (tests/generated.test.ts keeps it in step with the zod schema).
const SCHEMA_FILE = path.join(repoRoot, 'schema/catalog.schema.json');
const schema: unknown = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(typeof schema === 'object' && schema !== null ? schema : {});
const example = readFileSync(path.join(repoRoot, 'controls.example.yaml'), 'utf8');

function errorsOf(catalog: unknown): string[] {
  validate(catalog);
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

describe('schema/catalog.schema.json', () => {
  it('accepts the example catalog', () => {
    expect(errorsOf(parseYaml(example))).toEqual([]);
  });

  it('rejects what the loader rejects by shape: an unknown key, a bad risk, a missing owner', () => {
    const catalog = parseYaml(example) as { controls: Record<string, unknown>[]; colour?: string };
    const [first] = catalog.controls;
    if (!first) throw new Error('the example has no control');
    catalog.colour = 'red';
    first.risk = 'severe';
    delete first.owner;
    expect(errorsOf(catalog)).toEqual([
      ' must NOT have additional properties',
      '/controls/0 must have required property \'owner\'',
      '/controls/0/risk must be equal to one of the allowed values',
    ]);
  });

  it('is what the example\'s yaml-language-server modeline points at, on its first line', () => {
    const [first = ''] = example.split('\n');
    const target = /^# yaml-language-server: \$schema=(\S+)$/.exec(first)?.[1];
    expect(target).toBe('./schema/catalog.schema.json');
    expect(path.resolve(repoRoot, target ?? '')).toBe(SCHEMA_FILE);
  });
});
