import { UserError } from '../core/errors.js';
import type { AnyCheck } from '../checks/define-stream-check.js';
import { BUILTIN_FRAMEWORKS } from '../frameworks/index.js';
import { adapters, streamAdapters } from '../sources/index.js';
import { didYouMean } from '../core/suggest.js';
import { daysBetween } from '../core/time.js';
import { exceptionResourceErrors } from './exception-resources.js';
import type { LoadedControl, LoadedSource, LoadedTest } from './load-catalog.js';
import type { LoadedException } from './load-exceptions.js';
import type { CatalogDocument } from './schema.js';
import { schemaErrors } from './schema-errors.js';
import type { YamlFile } from '../kit/formats/yaml.js';

interface References {
  document: CatalogDocument;
  yaml: YamlFile;
  checks: ReadonlyMap<string, AnyCheck>;
  pluginModules: ReadonlyMap<string, string>;
  sources: ReadonlyMap<string, LoadedSource>;
  exceptions: readonly LoadedException[];
}

/** Every cross-reference in a schema-valid catalog, checked before any data is read. */
export function validateReferences(refs: References): { controls: LoadedControl[]; errors: UserError[]; warnings: UserError[] } {
  const errors: UserError[] = [
    ...sourceTypeErrors(refs),
    ...duplicateControlErrors(refs),
    ...mappingErrors(refs),
    ...exceptionControlErrors(refs),
  ];
  const controls = refs.document.controls.map((spec, controlIndex) => ({
    spec,
    tests: spec.tests.flatMap((test, testIndex) => {
      const resolved = resolveTest(refs, controlIndex, testIndex);
      if (resolved instanceof Array) {
        errors.push(...resolved);
        return [];
      }
      return [resolved];
    }),
  }));
  errors.push(...exceptionResourceErrors(refs.exceptions, controls));
  return { controls, errors, warnings: longExceptionWarnings(refs) };
}

const knownSourceTypes = (): string[] => [...adapters, ...streamAdapters].map((adapter) => adapter.type);

function sourceTypeErrors({ sources, yaml }: References): UserError[] {
  const types = knownSourceTypes();
  return [...sources.values()]
    .filter((source) => !types.includes(source.type))
    .map(
      (source) =>
        new UserError(`Unknown source type "${source.type}" for source "${source.name}"`, {
          position: yaml.positionOf(['sources', source.name, 'type']),
          hint: didYouMean(source.type, types, `Known types: ${types.join(', ')}.`),
        }),
    );
}

function duplicateControlErrors({ document, yaml }: References): UserError[] {
  const seen = new Map<string, number>();
  return document.controls.flatMap((control, index) => {
    const first = seen.get(control.id);
    if (first === undefined) {
      seen.set(control.id, index);
      return [];
    }
    const firstLine = yaml.positionOf(['controls', first, 'id']).line;
    return [
      new UserError(`Duplicate control id "${control.id}" (first used at line ${firstLine})`, {
        position: yaml.positionOf(['controls', index, 'id']),
        hint: 'Control ids must be unique; rename one of them.',
      }),
    ];
  });
}

function mappingErrors({ document, yaml }: References): UserError[] {
  const keys = [...Object.keys(BUILTIN_FRAMEWORKS), ...Object.keys(document.frameworks)];
  return document.controls.flatMap((control, index) =>
    Object.entries(control.mappings).flatMap(([key, ids]) => {
      const custom = document.frameworks[key];
      if (!keys.includes(key)) {
        return [
          new UserError(`Unknown framework "${key}" in mappings of control ${control.id}`, {
            position: yaml.positionOf(['controls', index, 'mappings'], key),
            hint: didYouMean(key, keys, `Known frameworks: ${keys.join(', ')}; declare others under "frameworks:".`),
          }),
        ];
      }
      if (!custom) return [];
      const known = custom.criteria.map((criterion) => criterion.id);
      return ids.flatMap((id, idIndex) =>
        known.includes(id)
          ? []
          : [
              new UserError(`Unknown criterion "${id}" of framework "${key}" in control ${control.id}`, {
                position: yaml.positionOf(['controls', index, 'mappings', key, idIndex]),
                hint: didYouMean(id, known, `Criteria of ${key}: ${known.join(', ')}.`),
              }),
            ],
      );
    }),
  );
}

function exceptionControlErrors({ document, exceptions }: References): UserError[] {
  const ids = document.controls.map((control) => control.id);
  return exceptions
    .filter((exception) => !ids.includes(exception.spec.control))
    .map(
      (exception) =>
        new UserError(`Exception ${exception.spec.id} names unknown control "${exception.spec.control}"`, {
          position: exception.positionOf('control'),
          hint: didYouMean(exception.spec.control, ids, 'Use the id of a control in the catalog.'),
        }),
    );
}

function resolveTest(refs: References, controlIndex: number, testIndex: number): LoadedTest | UserError[] {
  const { yaml, checks, sources, document } = refs;
  const at = ['controls', controlIndex, 'tests', testIndex];
  const spec = document.controls[controlIndex]?.tests[testIndex];
  if (!spec) return [];
  const errors: UserError[] = [];
  const check = checks.get(spec.check);
  if (!check) {
    errors.push(
      new UserError(`Unknown check "${spec.check}"`, {
        position: yaml.positionOf([...at, 'check']),
        hint: didYouMean(spec.check, checks.keys(), 'Run `controlproof checks` to list the available checks.'),
      }),
    );
  }
  const source = sources.get(spec.source);
  if (!source) {
    errors.push(
      new UserError(`Unknown source "${spec.source}"`, {
        position: yaml.positionOf([...at, 'source']),
        hint: didYouMean(spec.source, sources.keys(), `Declare it under "sources:" (known: ${[...sources.keys()].join(', ') || 'none'}).`),
      }),
    );
  }
  if (!check) return errors;
  if (source && knownSourceTypes().includes(source.type) && !check.sources.includes(source.type)) {
    errors.push(
      new UserError(`Check "${check.id}" cannot read source "${source.name}" of type "${source.type}"`, {
        position: yaml.positionOf([...at, 'source']),
        hint: `It reads: ${check.sources.join(', ')}.`,
      }),
    );
  }
  const params = check.params.safeParse(spec.params);
  if (!params.success) errors.push(...schemaErrors(params.error.issues, yaml, check.params, [...at, 'params']));
  const declaredMetrics = Object.keys(check.metrics);
  for (const metric of Object.keys(spec.metrics)) {
    if (!declaredMetrics.includes(metric)) {
      errors.push(
        new UserError(`Check "${check.id}" has no metric "${metric}"`, {
          position: yaml.positionOf([...at, 'metrics'], metric),
          hint: didYouMean(metric, declaredMetrics, declaredMetrics.length ? `Its metrics: ${declaredMetrics.join(', ')}.` : 'This check measures no metrics.'),
        }),
      );
    }
  }
  if (errors.length > 0 || !params.success) return errors;
  const module = refs.pluginModules.get(check.id);
  return { spec, check, params: params.data, position: yaml.positionOf(at), ...(module ? { module } : {}) };
}

function longExceptionWarnings({ document, exceptions }: References): UserError[] {
  return exceptions
    .filter((exception) => daysBetween(exception.approved, exception.expires) > document.max_exception_days)
    .map(
      (exception) =>
        new UserError(
          `Exception ${exception.spec.id} is valid for ${daysBetween(exception.approved, exception.expires)} days, longer than max_exception_days (${document.max_exception_days})`,
          { position: exception.positionOf('expires'), hint: 'Shorten it and review it again when it ends, or raise max_exception_days deliberately.' },
        ),
    );
}
