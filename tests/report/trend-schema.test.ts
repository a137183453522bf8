// The published schema of `trend --format json` accepts what the formatter writes and refuses what it never would.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import jsonFormat from '../../src/formatters/trend/json.js';
import { trendOf } from '../../src/report/trend.js';
import { repoRoot } from '../support/paths.js';
import { MIXED, sequence } from './trend-sequences.js';

const schema: unknown = JSON.parse(readFileSync(path.join(repoRoot, 'schema/trend.schema.json'), 'utf8'));
// ajv is CommonJS: under NodeNext its class is the default export's `default`.
const ajv = new Ajv2020.default({ allErrors: true, strict: false });
const validate = ajv.compile(typeof schema === 'object' && schema !== null ? schema : {});

const written = (): Record<string, unknown> => JSON.parse(jsonFormat.format(trendOf(sequence(MIXED), { last: 5 }), { color: false }));

describe('schema/trend.schema.json', () => {
  it('accepts the trend of the mixed sequence as written', () => {
    expect(validate(written()), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuses another schema tag, an unknown trajectory and an unknown key', () => {
    expect(validate({ ...written(), schema: 'controlproof/trend@0' })).toBe(false);
    const view = written();
    const [first] = Array.isArray(view['controls']) ? view['controls'] : [];
    expect(validate({ ...view, controls: [{ ...first, trajectory: 'better' }] })).toBe(false);
    expect(validate({ ...written(), extra: true })).toBe(false);
  });
});
