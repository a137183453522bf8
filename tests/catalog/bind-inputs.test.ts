import { describe, expect, it } from 'vitest';
import { bindInputs } from '../../src/catalog/bind-inputs.js';
import type { DeclaredSource } from '../../src/catalog/model.js';
import { testSchema } from '../../src/catalog/schema.js';
import { defineCheck, type Check } from '../../src/kit/define-check.js';
import type { Source } from '../../src/kit/define-source.js';
import { parseYamlFile } from '../../src/kit/formats/yaml.js';
import cloudTrailLogs from '../../src/providers/aws/sources/cloudtrail-logs.js';
import credentialReport from '../../src/providers/aws/sources/iam-credential-report.js';
import json from '../../src/providers/generic/sources/json.js';

const base = { title: 'T', description: 'T.', remediation: 'None.' };
const oneInput = defineCheck({ ...base, id: 'test/one', inputs: { records: 'json' }, run: () => ({ examined: 0, findings: [] }) });
const join = defineCheck({
  ...base,
  id: 'test/join',
  inputs: { people: 'json', accounts: 'identity/accounts' },
  run: () => ({ examined: 0, findings: [] }),
});
const visitor = { init: () => 0, visit: () => undefined, merge: (a: number) => a, finish: () => ({ examined: 0, findings: [] }) };
const streamWithWhole = defineCheck({ ...base, id: 'test/stream', inputs: { people: 'json', events: 'aws/cloudtrail-logs' }, visitor: { ...visitor, input: 'events' } });

function declared(name: string, type: string, definition: Source | undefined): [string, DeclaredSource] {
  const position = { file: 'controls.yaml', line: 1, col: 1 };
  return [name, { name, type, path: `${name}.json`, patterns: [`${name}.json`], definition, position, pathPosition: position, readParams: undefined }];
}

const sources = new Map([
  declared('people', 'json', json),
  declared('creds', 'aws/iam-credential-report', credentialReport),
  declared('trail', 'aws/cloudtrail-logs', cloudTrailLogs),
  declared('mystery', 'acme/unknown', undefined),
]);

/** Binds one test written as YAML (`check:` is implied). */
function bind(check: Check, yaml: string) {
  const file = parseYamlFile(yaml, 'controls.yaml');
  const spec = testSchema.parse(file.value);
  const { bindings, errors } = bindInputs({ check, spec, sources, yaml: file, at: [] });
  return { bindings, errors: errors.map((error) => [error.located, error.hint]) };
}

describe('bindInputs', () => {
  it('binds `source:` to the only input, one source or several in order', () => {
    expect(bind(oneInput, 'check: test/one\nsource: people\n')).toEqual({ bindings: [{ input: 'records', sources: [{ source: 'people' }] }], errors: [] });
    expect(bind(oneInput, 'check: test/one\nsource: [people, people]\n').bindings).toEqual([{ input: 'records', sources: [{ source: 'people' }, { source: 'people' }] }]);
  });

  it('binds each named input, through a view where the source offers one the input reads', () => {
    expect(bind(join, 'check: test/join\ninputs: { people: people, accounts: [creds] }\n')).toEqual({
      bindings: [
        { input: 'people', sources: [{ source: 'people' }] },
        { input: 'accounts', sources: [{ source: 'creds', view: 'identity/accounts' }] },
      ],
      errors: [],
    });
  });

  it('binds a stream check\'s streamed input to a stream source and its other inputs to whole ones', () => {
    expect(bind(streamWithWhole, 'check: test/stream\ninputs: { people: people, events: trail }\n').errors).toEqual([]);
    expect(bind(streamWithWhole, 'check: test/stream\ninputs: { people: trail, events: people }\n').errors).toEqual([
      ['controls.yaml:2:19: Input "people" of check "test/stream" cannot read source "trail" of type "aws/cloudtrail-logs"', 'It reads: json.'],
      ['controls.yaml:2:34: Input "events" of check "test/stream" cannot read source "people" of type "json"', 'It reads: aws/cloudtrail-logs.'],
    ]);
  });

  it('says what is wrong with a binding, at the source name', () => {
    expect(bind(oneInput, 'check: test/one\nsource: peple\n').errors).toEqual([['controls.yaml:2:9: Unknown source "peple"', 'Did you mean "people"?']]);
    expect(bind(oneInput, 'check: test/one\nsource: creds\n').errors).toEqual([
      ['controls.yaml:2:9: Check "test/one" cannot read source "creds" of type "aws/iam-credential-report"', 'It reads: json.'],
    ]);
    expect(bind(join, 'check: test/join\ninputs: { people: people, acounts: creds }\n').errors).toEqual([
      ['controls.yaml:2:27: Check "test/join" has no input "acounts"', 'Did you mean "accounts"?'],
    ]);
  });

  it('leaves a source of unknown type to its own error', () => {
    expect(bind(oneInput, 'check: test/one\nsource: mystery\n')).toEqual({ bindings: [{ input: 'records', sources: [] }], errors: [] });
  });

  it('needs a binding: source for one input, inputs for several', () => {
    expect(bind(oneInput, 'check: test/one\n').errors).toEqual([['controls.yaml:1:1: Missing required key "source"', 'Add "source:" here.']]);
    expect(bind(join, 'check: test/join\n').errors).toEqual([['controls.yaml:1:1: Missing required key "source"', 'Add "inputs:" binding each of people, accounts to a source.']]);
  });
});
