// What an audit does, decided once from the validated catalog: which controls and tests run, which sources they
// read and how (whole or streamed), and each test's one key.
import type { LoadedCatalog, LoadedControl, LoadedException, LoadedSource, LoadedTest } from '../catalog/model.js';

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

export function planAudit(catalog: LoadedCatalog, selection: Selection = {}): AuditPlan {
  const selected = catalog.controls.filter(
    (control) =>
      (!selection.controls?.length || selection.controls.includes(control.spec.id)) &&
      (selection.framework === undefined || selection.framework in control.spec.mappings),
  );
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
