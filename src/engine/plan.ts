// What an audit does, decided once from the validated catalog: which controls and tests run, which sources they
// read and how (whole or streamed), and each test's one key.
import { catalogFrameworks } from '../catalog/catalog-frameworks.js';
import type { LoadedCatalog, LoadedControl, LoadedException, LoadedSource, LoadedTest } from '../catalog/model.js';
import { UserError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';

export interface Selection {
  /** Run only these control ids. */
  controls?: readonly string[];
  /** Run only controls mapped to this framework key. */
  framework?: string;
}

export interface PlannedTest {
  /** The test's one key in this run. */
  key: string;
  test: LoadedTest;
}

export interface PlannedControl {
  control: LoadedControl;
  tests: PlannedTest[];
}

export interface AuditPlan {
  controls: PlannedControl[];
  /** The exceptions of the selected controls. */
  exceptions: LoadedException[];
  /** Sources some selected test reads, by kind, in catalog order. */
  batchSources: LoadedSource[];
  streamSources: LoadedSource[];
}

/**
 * The controls a selection names, in catalog order. A filter that matches nothing is a usage error, never an empty
 * run that passes a CI gate: an unknown control id (ids compare exactly; a case-only difference is suggested), an
 * unknown framework, a framework no control maps to, or filters that exclude each other.
 */
export function selectControls(catalog: Pick<LoadedCatalog, 'controls' | 'document'>, selection: Selection): LoadedControl[] {
  const ids = catalog.controls.map((control) => control.spec.id);
  for (const id of selection.controls ?? []) {
    if (!ids.includes(id)) {
      throw new UserError(`Unknown control "${id}" in --control`, { hint: didYouMean(id, ids, `The catalog's controls: ${listed(ids)}.`) });
    }
  }
  const { framework } = selection;
  if (framework !== undefined) {
    const keys = [...catalogFrameworks(catalog.document).keys()];
    if (!keys.includes(framework)) {
      throw new UserError(`Unknown framework "${framework}" in --framework`, { hint: didYouMean(framework, keys, `Frameworks: ${keys.join(', ')}.`) });
    }
    const mapped = [...new Set(catalog.controls.flatMap((control) => Object.keys(control.spec.mappings)))];
    if (!mapped.includes(framework)) {
      throw new UserError(`No control is mapped to framework "${framework}"`, {
        hint: mapped.length > 0 ? `The catalog maps controls to ${mapped.join(', ')}.` : 'Map controls to criteria under "mappings:" first.',
      });
    }
  }
  const selected = catalog.controls.filter(
    (control) =>
      (!selection.controls?.length || selection.controls.includes(control.spec.id)) && (framework === undefined || framework in control.spec.mappings),
  );
  if (selected.length === 0) {
    throw new UserError(`No control is both in --control ${selection.controls?.join(',') ?? ''} and mapped to framework "${framework ?? ''}"`, {
      hint: 'Drop one of the two filters, or name controls the framework maps.',
    });
  }
  return selected;
}

function listed(ids: readonly string[]): string {
  return ids.length > 12 ? `${ids.slice(0, 12).join(', ')} and ${ids.length - 12} more` : ids.join(', ');
}

export function planAudit(catalog: LoadedCatalog, selection: Selection = {}): AuditPlan {
  const selected = selectControls(catalog, selection);
  const controls = selected.map((control, controlIndex) => ({
    control,
    tests: control.tests.map((test, testIndex) => ({ key: `${controlIndex}/${testIndex}`, test })),
  }));
  const read = new Set(controls.flatMap(({ tests }) => tests.flatMap(({ test }) => sourcesOf(test))));
  const used = [...catalog.sources.values()].filter((source) => read.has(source.name));
  const ids = new Set(selected.map((control) => control.spec.id));
  return {
    controls,
    exceptions: catalog.exceptions.filter((exception) => ids.has(exception.spec.control)),
    batchSources: used.filter((source) => source.definition.kind === 'batch'),
    streamSources: used.filter((source) => source.definition.kind === 'stream'),
  };
}

/** Every source a test reads, in binding order, each once. */
export function sourcesOf(test: LoadedTest): string[] {
  return [...new Set(test.bindings.flatMap((binding) => binding.sources.map((bound) => bound.source)))];
}

/** The tests of the plan, in catalog order. */
export function plannedTests(plan: AuditPlan): PlannedTest[] {
  return plan.controls.flatMap((control) => control.tests);
}
