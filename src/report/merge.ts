// `controlproof merge A B …`: one report from several runs of one catalog (one per account, region or business unit).
import type { CatalogFramework } from '../catalog/catalog-frameworks.js';
import { UserError } from '../core/errors.js';
import { assurance, worksVerdict } from '../engine/verdicts.js';
import { actionFlags } from './corrective-actions.js';
import { coverageOf } from './coverage.js';
import { EXISTS_ORDER } from './lens-order.js';
import type { ControlResult, ExceptionResult, FrameworkCoverage, MergedInput, Report, TestResult, Warning } from './model.js';
import { scenarioResults, scenarioShapes, type ScenarioShape } from './scenarios.js';
import { summarize } from './summarize.js';

/** One report given to merge: the file as the user named it and the scope its tests get when they carry none. */
export interface MergeInput {
  file: string;
  scope: string;
  report: Report;
}

export interface MergeOptions {
  /** Merge reports of different catalogs, tool versions or run settings (each difference is a warning). */
  allowMixed: boolean;
  /** The merging tool's version: the merged report's when the inputs' versions differ. */
  toolVersion: string;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The scopes a report stands for: a merged report's inputs, else its own. */
function scopesOf(input: MergeInput): string[] {
  return input.report.merged_from?.map((each) => each.scope) ?? [input.scope];
}

function requireDistinctScopes(inputs: readonly MergeInput[]): void {
  const seen = new Map<string, MergeInput>();
  for (const input of inputs) {
    for (const scope of scopesOf(input)) {
      const earlier = seen.get(scope);
      if (earlier) {
        throw new UserError(`Scope "${scope}" is given twice: by ${earlier.file} and by ${input.file}`, {
          position: { file: input.file },
          hint: 'Each report must cover its own account, region or unit: run each with its own --scope NAME (or name the files after their scopes), and give each report once.',
        });
      }
      seen.set(scope, input);
    }
  }
}

/** What must be equal across inputs, each with how to say it. */
const SAME: readonly { what: string; of: (report: Report) => string; hint: string }[] = [
  { what: 'catalog', of: (report) => `${report.catalog.name} (sha256 ${report.catalog.sha256.slice(0, 12)})`, hint: 'Run every scope with the same catalog file' },
  { what: 'tool version', of: (report) => report.tool.version, hint: 'Pin one controlproof version for every leg (npm ci from one package-lock.json)' },
  { what: 'warn-days', of: (report) => String(report.warn_days), hint: 'Run every scope with the same --warn-days' },
  { what: 'filters', of: (report) => JSON.stringify(report.filters), hint: 'Run every scope with the same --control and --framework' },
];

/** Differences between the inputs in what SAME lists: errors, or warnings with --allow-mixed. */
function mixedInputs(inputs: readonly MergeInput[], allowMixed: boolean): Warning[] {
  const [first] = inputs;
  if (!first) return [];
  return SAME.flatMap(({ what, of, hint }) => {
    const other = inputs.find((input) => of(input.report) !== of(first.report));
    if (!other) return [];
    const message = `The reports differ in ${what}: ${first.file} has ${of(first.report)}, ${other.file} has ${of(other.report)}`;
    if (!allowMixed) throw new UserError(message, { position: { file: other.file }, hint: `${hint}, or pass --allow-mixed to merge them anyway (controls are then matched by id).` });
    return [{ message, hint: 'Merged with --allow-mixed: controls are matched by id, and each takes its title, owner and mappings from the first report that has it.' }];
  });
}

/** Tests of every input in catalog order (by position), each scope's after the previous one's, each carrying its scope. */
function mergedTests(entries: readonly { input: MergeInput; control: ControlResult }[]): TestResult[] {
  const tests = entries.flatMap(({ input, control }) => control.tests.map((test): TestResult => ({ ...test, scope: test.scope ?? input.scope })));
  return tests.sort((a, b) => a.position.line - b.position.line || a.position.col - b.position.col);
}

/**
 * One control from its result in each input. works: the engine's rule over every scope's tests (ineffective if any
 * failed, else error if any could not run, else effective if any examined something, untested only if none did).
 * exists: the worst of the inputs' (each leg reads the evidence in its own checkout), with that input's evidence.
 */
function mergedControl(entries: readonly { input: MergeInput; control: ControlResult }[]): ControlResult {
  const [first] = entries;
  if (!first) throw new Error('mergedControl needs one entry');
  const worst = [...entries].sort((a, b) => EXISTS_ORDER.indexOf(a.control.exists) - EXISTS_ORDER.indexOf(b.control.exists))[0] ?? first;
  const tests = mergedTests(entries);
  const works = worksVerdict(tests.map((test) => test.status));
  const exists = worst.control.exists;
  const label = assurance(exists, works);
  // What the actions ask depends on the merged assurance, not on the first input's.
  const { action_flags: _inputFlags, ...control } = first.control;
  const flags = actionFlags(label, control.actions ?? []);
  return { ...control, exists, works, assurance: label, evidence: worst.control.evidence, tests, ...(flags.length === 0 ? {} : { action_flags: flags }) };
}

/** Values of `items` grouped by `key`, groups in the order their key first appears. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.values()];
}

/** One exception from each input's result: the latest-assessed one's dates, every scope's matched resources. */
function mergedException(entries: readonly { input: MergeInput; exception: ExceptionResult }[], controls: ReadonlyMap<string, ControlResult>): ExceptionResult {
  const latest = [...entries].sort((a, b) => compareText(b.input.report.as_of, a.input.report.as_of))[0];
  if (!latest) throw new Error('mergedException needs one entry');
  const base = latest.exception;
  const matched = [...new Set(entries.flatMap((entry) => entry.exception.matched))].sort(compareText);
  // Unused means it matched nothing in any scope: a scope where it matched makes it in force.
  const used = entries.find((entry) => entry.exception.status !== 'unused' && entry.exception.status !== 'expired');
  const status = base.status === 'unused' && used ? used.exception.status : base.status;
  const control = controls.get(base.control);
  return {
    ...base,
    status,
    matched,
    ...(control === undefined ? {} : { control_exists: control.exists, control_works: control.works }),
  };
}

/** The frameworks of the inputs' coverage, by key in first-appearance order, as the coverage builder reads them. */
function frameworksOf(inputs: readonly MergeInput[]): CatalogFramework[] | undefined {
  const coverage = inputs.flatMap((input) => input.report.framework_coverage ?? []);
  if (inputs.every((input) => input.report.framework_coverage === undefined)) return undefined;
  return groupBy(coverage, (framework) => framework.key).flatMap(([framework]) => (framework === undefined ? [] : [frameworkOf(framework)]));
}

function frameworkOf(coverage: FrameworkCoverage): CatalogFramework {
  return {
    key: coverage.key,
    title: coverage.title,
    origin: coverage.origin,
    criteria: coverage.criteria.map((criterion) => ({
      id: criterion.id,
      title: criterion.title,
      ...(criterion.group === undefined ? {} : { group: criterion.group }),
      ...(criterion.level === undefined ? {} : { level: criterion.level }),
    })),
  };
}

/** The inputs' scenarios by id in first-appearance order, each as the first input that has it declares it; undefined when none has any. */
function scenariosOf(inputs: readonly MergeInput[]): ScenarioShape[] | undefined {
  if (inputs.every((input) => input.report.scenarios === undefined)) return undefined;
  const all = scenarioShapes(inputs.flatMap((input) => input.report.scenarios ?? []));
  return groupBy(all, (scenario) => scenario.id).flatMap(([scenario]) => (scenario === undefined ? [] : [scenario]));
}

/** Warnings of the inputs: once when every input has it, else once, saying which scopes have it. */
function mergedWarnings(inputs: readonly MergeInput[]): Warning[] {
  const all = inputs.flatMap((input) => input.report.warnings.map((warning) => ({ input, warning })));
  return groupBy(all, ({ warning }) => JSON.stringify([warning.message, warning.hint])).flatMap((group) => {
    const warning = group[0]?.warning;
    if (warning === undefined) return [];
    const scopes = [...new Set(group.map(({ input }) => input.scope))];
    return [scopes.length === inputs.length ? warning : { ...warning, message: `${scopes.join(', ')}: ${warning.message}` }];
  });
}

function asOfWarning(inputs: readonly MergeInput[]): Warning[] {
  const moments = [...new Set(inputs.map((input) => input.report.as_of))].sort(compareText);
  if (moments.length < 2) return [];
  return [
    {
      message: `The reports assess different moments, ${moments[0] ?? ''} to ${moments.at(-1) ?? ''}: the merged report is as of the latest, each test as of its own run`,
      hint: 'Run every scope with the same --as-of for reports that compare day for day.',
    },
  ];
}

/** The inputs' own records of what they were made from, flattened: a merged report merged again lists its leaves. */
function mergedFrom(input: MergeInput): MergedInput[] {
  const { report } = input;
  return report.merged_from ?? [{ scope: input.scope, tool: report.tool, catalog: report.catalog, as_of: report.as_of }];
}

/**
 * One report from several: every test with its origin scope, each control's lenses over every scope, exceptions once
 * by id, summaries and coverage recomputed. Inputs of different catalogs, tool versions or settings are an error
 * unless `allowMixed`.
 */
export function mergeReports(given: readonly MergeInput[], options: MergeOptions): Report {
  if (given.length < 2) throw new UserError('merge needs at least two reports', { hint: 'Give one JSON report per account, region or unit: controlproof merge a.json b.json.' });
  requireDistinctScopes(given);
  const inputs = [...given].sort((a, b) => compareText(a.scope, b.scope));
  const mixed = mixedInputs(inputs, options.allowMixed);
  const [first] = inputs;
  if (!first) throw new Error('unreachable: two inputs at least');
  const latest = [...inputs].sort((a, b) => compareText(b.report.as_of, a.report.as_of))[0] ?? first;

  const controlEntries = inputs.flatMap((input) => input.report.controls.map((control) => ({ input, control })));
  const controls = groupBy(controlEntries, ({ control }) => control.id).map(mergedControl);
  const byId = new Map(controls.map((control) => [control.id, control]));
  const exceptionEntries = inputs.flatMap((input) => input.report.exceptions.map((exception) => ({ input, exception })));
  const exceptions = groupBy(exceptionEntries, ({ exception }) => exception.id).map((group) => mergedException(group, byId));
  const frameworks = frameworksOf(inputs);
  const scenarios = scenariosOf(inputs);
  const versions = new Set(inputs.map((input) => input.report.tool.version));
  const filterControls = [...new Set(inputs.flatMap((input) => input.report.filters.controls ?? []))];
  const everyFiltered = inputs.every((input) => input.report.filters.controls !== undefined);
  const framework = inputs.every((input) => input.report.filters.framework === first.report.filters.framework) ? first.report.filters.framework : undefined;

  return {
    schema: first.report.schema,
    tool: { name: 'controlproof', version: versions.size === 1 ? first.report.tool.version : options.toolVersion },
    catalog: first.report.catalog,
    as_of: latest.report.as_of,
    as_of_source: latest.report.as_of_source,
    warn_days: Math.max(...inputs.map((input) => input.report.warn_days)),
    merged_from: inputs.flatMap(mergedFrom),
    filters: {
      ...(everyFiltered && filterControls.length > 0 ? { controls: filterControls } : {}),
      ...(framework === undefined ? {} : { framework }),
    },
    summary: summarize(controls, exceptions),
    sources: inputs.flatMap((input) => input.report.sources.map((source) => ({ ...source, scope: source.scope ?? input.scope }))),
    controls,
    exceptions,
    ...(frameworks === undefined ? {} : { framework_coverage: coverageOf(frameworks, controls) }),
    ...(scenarios === undefined ? {} : { scenarios: scenarioResults(scenarios, controls) }),
    warnings: [...mixed, ...asOfWarning(inputs), ...mergedWarnings(inputs)],
  };
}
