// Binds a test's `source:` or `inputs:` to the check's named inputs, and decides, in this one place, whether
// each bound source can feed its input: of a type the input reads or offering a view it reads, and of the kind
// the check consumes (a batch check reads whole sources; a visitor's streamed input needs a stream source).
import { UserError, type Position } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import type { Check } from '../kit/define-check.js';
import type { BoundSource, DeclaredSource, InputBinding } from './model.js';
import type { TestSpec } from './schema.js';
import { pathLabel } from './schema-errors.js';
import type { YamlFile } from '../kit/formats/yaml.js';

interface BindContext {
  check: Check;
  spec: TestSpec;
  sources: ReadonlyMap<string, DeclaredSource>;
  yaml: YamlFile;
  /** The test's path in the catalog, e.g. `['controls', 0, 'tests', 1]`. */
  at: readonly PropertyKey[];
}

/** A source name as written, with the catalog path it is written at. */
interface Written {
  name: string;
  path: readonly PropertyKey[];
}

const asList = (value: string | readonly string[]): readonly string[] => (typeof value === 'string' ? [value] : value);

function written(base: readonly PropertyKey[], value: string | readonly string[]): Written[] {
  return typeof value === 'string' ? [{ name: value, path: base }] : value.map((name, index) => ({ name, path: [...base, index] }));
}

/** The bindings of a test, one per input of its check, or every reason they cannot be made. */
export function bindInputs(context: BindContext): { bindings: InputBinding[]; errors: UserError[] } {
  const { check, spec, yaml, at } = context;
  const inputs = Object.keys(check.inputs);
  const errors: UserError[] = [];
  const position = (path: readonly PropertyKey[], key?: string): Position => yaml.positionOf([...at, ...path], key);
  let byInput: [string, Written[]][];
  if (spec.source !== undefined && spec.inputs !== undefined) {
    return { bindings: [], errors: [new UserError('A test binds its sources with "source" or with "inputs", not both', { position: position(['inputs']), hint: 'Use "source:" for a check with one input, "inputs:" for a check with several.' })] };
  }
  if (spec.inputs !== undefined) {
    const given = spec.inputs;
    for (const name of Object.keys(given).filter((name) => !inputs.includes(name))) {
      errors.push(new UserError(`Check "${check.id}" has no input "${name}"`, { position: position(['inputs'], name), hint: didYouMean(name, inputs, `Its inputs: ${inputs.join(', ')}.`) }));
    }
    // A misspelt input is reported as such, with its suggestion, not also as a missing one.
    const misspelt = Object.keys(given).some((name) => !inputs.includes(name));
    for (const name of misspelt ? [] : inputs.filter((name) => !Object.hasOwn(given, name) && !check.optionalInputs.includes(name))) {
      errors.push(new UserError(`Missing input "${name}" of check "${check.id}"`, { position: position(['inputs']), hint: `Bind it to a source: "${name}: <source>" (it reads ${asList(check.inputs[name] ?? []).join(', ')}).` }));
    }
    byInput = inputs.filter((name) => Object.hasOwn(given, name)).map((name) => [name, written(['inputs', name], given[name] ?? [])]);
  } else if (spec.source !== undefined) {
    const [only, ...more] = inputs.filter((name) => !check.optionalInputs.includes(name));
    if (only === undefined || more.length > 0) {
      return { bindings: [], errors: [new UserError(`Check "${check.id}" has several inputs (${inputs.join(', ')}): bind each under "inputs:"`, { position: position(['source']), hint: `Write inputs: { ${inputs.map((name) => `${name}: <source>`).join(', ')} }.` })] };
    }
    byInput = [[only, written(['source'], spec.source)]];
  } else {
    return { bindings: [], errors: [new UserError(`Missing required key "source"${at.length > 0 ? ` in ${pathLabel(at)}` : ''}`, { position: position([]), hint: inputs.length > 1 ? `Add "inputs:" binding each of ${inputs.join(', ')} to a source.` : 'Add "source:" here.' })] };
  }
  const bindings = byInput.map(([input, names]): InputBinding => ({
    input,
    sources: names.flatMap((name) => {
      const bound = bindSource(context, input, name, inputs.length > 1);
      if (bound === undefined) return [];
      if (bound instanceof UserError) {
        errors.push(bound);
        return [];
      }
      return [bound];
    }),
  }));
  return { bindings, errors };
}

/** The binding; a `UserError` when it cannot be made; undefined when the source's type is unknown (reported on its own). */
function bindSource({ check, sources, yaml, at }: BindContext, input: string, { name, path }: Written, named: boolean): BoundSource | UserError | undefined {
  const position = yaml.positionOf([...at, ...path]);
  const source = sources.get(name);
  if (!source) {
    return new UserError(`Unknown source "${name}"`, {
      position,
      hint: didYouMean(name, sources.keys(), `Declare it under "sources:" (known: ${[...sources.keys()].join(', ') || 'none'}).`),
    });
  }
  const definition = source.definition;
  if (definition === undefined) return undefined;
  const reads = check.inputs[input] ?? [];
  const what = named ? `Input "${input}" of check "${check.id}"` : `Check "${check.id}"`;
  const view = reads.includes(source.type) ? undefined : reads.find((candidate) => definition.views?.[candidate] !== undefined);
  if (!reads.includes(source.type) && view === undefined) {
    return new UserError(`${what} cannot read source "${name}" of type "${source.type}"`, { position, hint: `It reads: ${reads.join(', ')}.` });
  }
  const streamed = check.kind === 'stream' && check.stream === input;
  if (streamed && definition.kind !== 'stream') {
    return new UserError(`${what} visits a streamed source, but source "${name}" of type "${source.type}" is read whole`, {
      position,
      hint: 'Bind it to a stream source (a log), or use a check that reads its input whole.',
    });
  }
  if (!streamed && definition.kind === 'stream') {
    return new UserError(`${what} reads its input whole, but source "${name}" of type "${source.type}" is streamed file by file`, {
      position,
      hint: 'A log is read in one pass by stream checks (a check with a visitor); a check that reads every record at once cannot read it.',
    });
  }
  return view === undefined ? { source: name } : { source: name, view };
}

