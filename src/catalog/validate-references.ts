import { UserError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import { daysBetween } from '../core/time.js';
import type { Check } from '../kit/define-check.js';
import type { ResourceIdGrammar } from '../kit/define-provider.js';
import type { YamlFile } from '../kit/formats/yaml.js';
import { bindInputs } from './bind-inputs.js';
import { catalogFrameworks } from './catalog-frameworks.js';
import { exceptionResourceErrors } from './exception-resources.js';
import type { DeclaredSource, LoadedControl, LoadedException, LoadedTest } from './model.js';
import type { CatalogDocument } from './schema.js';
import { schemaErrors } from './schema-errors.js';

/** What the references are checked against: the catalog and the checks, source types and grammars it names. */
export interface References {
  document: CatalogDocument;
  yaml: YamlFile;
  /** The checks the catalog names that exist, by id. */
  checks: ReadonlyMap<string, Check>;
  /** Every known check id and source type, for suggestions. */
  checkIds: readonly string[];
  sourceTypes: readonly string[];
  sources: ReadonlyMap<string, DeclaredSource>;
  exceptions: readonly LoadedException[];
  /** The resource-id grammar of each check the catalog names, where its provider declares one. */
  grammars: ReadonlyMap<string, ResourceIdGrammar>;
}

/** Every cross-reference in a schema-valid catalog, checked before any data is read. */
export function validateReferences(refs: References): { controls: LoadedControl[]; errors: UserError[]; warnings: UserError[] } {
  const errors: UserError[] = [
    ...sourceTypeErrors(refs),
    ...duplicateControlErrors(refs),
    ...mappingErrors(refs),
    ...exceptionControlErrors(refs),
    ...scenarioErrors(refs),
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
  errors.push(...exceptionResourceErrors(refs.exceptions, controls, refs.grammars));
  return { controls, errors, warnings: longExceptionWarnings(refs) };
}

function sourceTypeErrors({ sources, yaml, sourceTypes: types }: References): UserError[] {
  return [...sources.values()].flatMap((source) => {
    if (source.definition === undefined) {
      return [
        new UserError(`Unknown source type "${source.type}" for source "${source.name}"`, {
          position: yaml.positionOf(['sources', source.name, 'type']),
          hint: didYouMean(source.type, types, `Known types: ${types.join(', ')}.`),
        }),
      ];
    }
    const paramErrors = sourceParamErrors(source, yaml);
    if (source.window === undefined || (source.definition.kind === 'stream' && source.definition.recordTime)) return paramErrors;
    return [
      ...paramErrors,
      new UserError(`Source "${source.name}" has a window, but its records (${source.type}) carry no time to judge it by`, {
        position: yaml.positionOf(['sources', source.name, 'window']),
        hint: 'An assessment window applies to log sources, such as aws/cloudtrail-logs; remove it here.',
      }),
    ];
  });
}

/** A source's `params:` parse by its type's schema; a type without one takes none. */
function sourceParamErrors(source: DeclaredSource, yaml: YamlFile): UserError[] {
  const schema = source.definition?.kind === 'batch' ? source.definition.params : undefined;
  const at = ['sources', source.name, 'params'];
  if (schema === undefined) {
    if (source.params === undefined) return [];
    return [
      new UserError(`Source type "${source.type}" takes no params (source "${source.name}")`, {
        position: yaml.positionOf(at),
        hint: 'Remove params: here; the pages under docs/sources name the params of the source types that take them.',
      }),
    ];
  }
  const parsed = schema.safeParse(source.params ?? {});
  return parsed.success ? [] : schemaErrors(parsed.error.issues, yaml, schema, at);
}

/** Control ids are unique, and differ by more than case: filters and exceptions match them exactly. */
function duplicateControlErrors({ document, yaml }: References): UserError[] {
  const seen = new Map<string, number>();
  return document.controls.flatMap((control, index) => {
    const first = seen.get(control.id.toLowerCase());
    if (first === undefined) {
      seen.set(control.id.toLowerCase(), index);
      return [];
    }
    const earlier = document.controls[first]?.id ?? '';
    const firstLine = yaml.positionOf(['controls', first, 'id']).line;
    const sameCase = earlier === control.id;
    return [
      new UserError(
        sameCase ? `Duplicate control id "${control.id}" (first used at line ${firstLine})` : `Control id "${control.id}" differs from "${earlier}" (line ${firstLine}) only in case`,
        {
          position: yaml.positionOf(['controls', index, 'id']),
          hint: sameCase ? 'Control ids must be unique; rename one of them.' : 'Ids compare exactly in --control and exceptions; rename one so they differ by more than case.',
        },
      ),
    ];
  });
}

/** Each mapping names a known framework (built in or declared under `frameworks:`) and only its criterion ids. */
function mappingErrors({ document, yaml }: References): UserError[] {
  const criteria = new Map([...catalogFrameworks(document)].map(([key, framework]) => [key, framework.criteria.map((criterion) => criterion.id)]));
  const keys = [...criteria.keys()];
  return document.controls.flatMap((control, index) =>
    Object.entries(control.mappings).flatMap(([key, ids]) => {
      const known = criteria.get(key);
      if (!known) {
        return [
          new UserError(`Unknown framework "${key}" in mappings of control ${control.id}`, {
            position: yaml.positionOf(['controls', index, 'mappings'], key),
            hint: didYouMean(key, keys, `Known frameworks: ${keys.join(', ')}; declare others under "frameworks:".`),
          }),
        ];
      }
      return ids.flatMap((id, idIndex) =>
        known.includes(id)
          ? []
          : [
              new UserError(`Unknown criterion "${id}" of framework "${key}" in control ${control.id}`, {
                position: yaml.positionOf(['controls', index, 'mappings', key, idIndex]),
                hint: didYouMean(id, known, known.length > 12 ? `Criterion ids of ${key} look like ${known.slice(0, 3).join(', ')}.` : `Criteria of ${key}: ${known.join(', ')}.`),
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

/** Scenario ids are unique, and every control a step names is a control of the catalog, named once in that step. */
function scenarioErrors({ document, yaml }: References): UserError[] {
  const ids = document.controls.map((control) => control.id);
  const seen = new Map<string, number>();
  return document.scenarios.flatMap((scenario, scenarioIndex) => {
    const first = seen.get(scenario.id);
    if (first === undefined) seen.set(scenario.id, scenarioIndex);
    const duplicate =
      first === undefined
        ? []
        : [
            new UserError(`Duplicate scenario id "${scenario.id}" (first used at line ${yaml.positionOf(['scenarios', first, 'id']).line})`, {
              position: yaml.positionOf(['scenarios', scenarioIndex, 'id']),
              hint: 'Scenario ids must be unique; rename one of them.',
            }),
          ];
    const steps = scenario.steps.flatMap((step, stepIndex) =>
      step.controls.flatMap((id, index) => {
        const at = yaml.positionOf(['scenarios', scenarioIndex, 'steps', stepIndex, 'controls', index]);
        if (!ids.includes(id)) {
          return [new UserError(`Unknown control "${id}" in step ${stepIndex + 1} of scenario ${scenario.id}`, { position: at, hint: didYouMean(id, ids, 'Use the id of a control in the catalog.') })];
        }
        if (step.controls.indexOf(id) === index) return [];
        return [new UserError(`Control "${id}" is named twice in step ${stepIndex + 1} of scenario ${scenario.id}`, { position: at, hint: 'Name each control once per step.' })];
      }),
    );
    return [...duplicate, ...steps];
  });
}

function resolveTest(refs: References, controlIndex: number, testIndex: number): LoadedTest | UserError[] {
  const { yaml, checks, sources, document } = refs;
  const at = ['controls', controlIndex, 'tests', testIndex];
  const spec = document.controls[controlIndex]?.tests[testIndex];
  if (!spec) return [];
  const check = checks.get(spec.check);
  if (!check) {
    return [
      new UserError(`Unknown check "${spec.check}"`, {
        position: yaml.positionOf([...at, 'check']),
        hint: didYouMean(spec.check, refs.checkIds, 'Run `controlproof checks` to list the available checks.'),
      }),
    ];
  }
  const { bindings, errors } = bindInputs({ check, spec, sources, yaml, at });
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
  return { spec, check, params: params.data, bindings, position: yaml.positionOf(at) };
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
