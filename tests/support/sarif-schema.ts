import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { repoRoot } from './paths.js';

// The official SARIF 2.1.0 schema is draft-04, which ajv 8 reads only through the ajv-draft-04 package. It uses
// no keyword whose meaning changed since (no boolean exclusiveMinimum, $ref beside nothing but description), so
// draft-07 validates it the same once the draft-04 root `id` is spelled `$id`.
const { id, $schema: _draft, ...rest } = JSON.parse(readFileSync(path.join(repoRoot, 'tests/schemas/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
// ajv is CommonJS: under NodeNext its class is the default export's `default`.
const ajv = new Ajv.default({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile({ ...(typeof id === 'string' ? { $id: id } : {}), ...rest });

/** What the SARIF 2.1.0 schema says is wrong with `log`, one line per error; empty when it is valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  validate(log);
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
