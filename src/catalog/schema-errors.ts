import type { z } from 'zod';
import { UserError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import type { YamlFile } from '../kit/formats/yaml.js';

/** Turns zod issues into located errors, with "did you mean" for unknown keys and enum values. */
export function schemaErrors(
  issues: readonly z.core.$ZodIssue[],
  yaml: YamlFile,
  schema: z.ZodType,
  prefix: readonly PropertyKey[] = [],
): UserError[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    const label = describePath(path, yaml.value);
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, issue.path);
      return issue.keys.map(
        (key) =>
          new UserError(`Unknown key "${key}"${label ? ` in ${label}` : ''}`, {
            position: yaml.positionOf(path, key),
            hint: didYouMean(key, known, `Allowed keys: ${known.join(', ')}.`),
          }),
      );
    }
    const absent = valueAt(yaml.value, path) === undefined;
    if (absent && (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union') && path.length > 0) {
      const key = String(path.at(-1));
      return [
        new UserError(`Missing required key "${key}"${path.length > 1 ? ` in ${describePath(path.slice(0, -1), yaml.value)}` : ''}`, {
          position: yaml.positionOf(path.slice(0, -1)),
          hint: `Add "${key}:" here.`,
        }),
      ];
    }
    if (issue.code === 'invalid_value' || (issue.code === 'invalid_union' && 'options' in issue)) {
      const options = (issue.code === 'invalid_value' ? issue.values : (issue.options ?? [])).map(String);
      const found = String(valueAt(yaml.value, path));
      return [
        new UserError(`Invalid value "${found}" for ${label}: expected ${options.join(' | ')}`, {
          position: yaml.positionOf(path),
          hint: didYouMean(found, options, `Use one of: ${options.join(', ')}.`),
        }),
      ];
    }
    return [
      new UserError(`${label ? `${label}: ` : ''}${issue.message.replace(/^Invalid input: /, '')}`, {
        position: yaml.positionOf(path),
        hint: 'See the catalog reference in README.md.',
      }),
    ];
  });
}

/** What a record of a list is called where it has an `id`: `control IAM-02`, `exception EX-1`. */
const NAMED = new Map<PropertyKey | undefined, string>([
  ['controls', 'control'],
  ['exceptions', 'exception'],
  // An exceptions file is a list of exceptions at its top.
  [undefined, 'exception'],
]);

/**
 * A path as a reader finds it: a control or exception by its id rather than its index, the rest as a path.
 * `['controls', 1, 'tests', 0]` of a catalog whose second control is IAM-02 is `control IAM-02, tests[0]`.
 */
export function describePath(path: readonly PropertyKey[], root: unknown): string {
  let value = root;
  let named = '';
  let rest = 0;
  for (const [index, step] of path.entries()) {
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[step] : undefined;
    const kind = typeof step === 'number' ? NAMED.get(path[index - 1]) : undefined;
    const id = value !== null && typeof value === 'object' ? (value as Record<string, unknown>).id : undefined;
    if (kind !== undefined && typeof id === 'string' && id !== '') {
      named = `${kind} ${id}`;
      rest = index + 1;
    }
  }
  const tail = pathLabel(path.slice(rest));
  if (named === '') return tail;
  return tail === '' ? named : `${named}, ${tail}`;
}

/** `controls[2].tests[0].check` */
export function pathLabel(path: readonly PropertyKey[]): string {
  return path
    .map((step, index) => (typeof step === 'number' ? `[${step}]` : `${index === 0 ? '' : '.'}${String(step)}`))
    .join('');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[step];
  }
  return value;
}

/** The keys a strict object schema allows at `path`, walking arrays, records, defaults and unions. */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let candidates: z.core.$ZodType[] = [schema];
  for (const step of [...path, undefined]) {
    const next: z.core.$ZodType[] = [];
    for (const candidate of candidates.flatMap(unwrap)) {
      const def = candidate._zod.def;
      if (step === undefined) next.push(candidate);
      else if (def.type === 'object' && 'shape' in def) {
        const child = (def.shape as Record<string, z.core.$ZodType>)[String(step)];
        if (child) next.push(child);
      } else if (def.type === 'array' && 'element' in def) next.push(def.element as z.core.$ZodType);
      else if (def.type === 'record' && 'valueType' in def) next.push(def.valueType as z.core.$ZodType);
    }
    candidates = next;
  }
  return [
    ...new Set(
      candidates.flatMap((candidate) => {
        const def = candidate._zod.def;
        return def.type === 'object' && 'shape' in def ? Object.keys(def.shape as object) : [];
      }),
    ),
  ];
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType[] {
  const def = schema._zod.def;
  if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && 'innerType' in def) {
    return unwrap(def.innerType as z.core.$ZodType);
  }
  if (def.type === 'pipe' && 'in' in def) return unwrap(def.in as z.core.$ZodType);
  if (def.type === 'union' && 'options' in def) return (def.options as z.core.$ZodType[]).flatMap(unwrap);
  return [schema];
}
