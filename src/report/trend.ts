// `controlproof trend REPORTS…`: per control and lens, the trajectory over the last N runs; behaviour metrics, exception age and detection coverage over time.
import { z } from 'zod';
import { ASSURANCE, EXISTS, FUNCTIONS, RISKS, WORKS } from '../core/vocabulary.js';
import { UserError } from '../core/errors.js';
import { testsByKey } from './diff.js';
import { median } from './exception-results.js';
import { EXISTS_ORDER, WORKS_ORDER } from './lens-order.js';
import { reportSchema, warningSchema, type ControlResult, type Report, type Warning } from './model.js';
import type { TrendFailOnCondition } from './trend-conditions.js';

/** The schema tag of `trend --format json`; it changes when the view's shape does. */
export const TREND_SCHEMA_ID = 'controlproof/trend@1';

export const TRAJECTORIES = ['deteriorating', 'gap', 'stagnating', 'improving'] as const;
export type Trajectory = (typeof TRAJECTORIES)[number];

/** How a lens's trajectory is judged: stated in every format, so a reader knows what the words mean. */
export const TRAJECTORY_RULE =
  'Over the runs of the window, oldest to newest: a control missing from any of them is "gap" on both lenses. ' +
  'Otherwise each lens compares its verdict in the newest run with the oldest by the lens order (worst first): higher is "improving", lower is "deteriorating", the same is "stagnating", ' +
  'however often it moved between (the moves are counted beside it). A control is deteriorating when either lens is, else gap, else improving when either lens is, else stagnating.';

/** When the time between two runs is a gap in the series. */
export const GAP_RULE = 'A gap between runs is an interval more than 1.5 times the median interval of the window (judged with three runs or more).';

const GAP_FACTOR = 1.5;
const DAY_MS = 86_400_000;

const lensTrajectory = <T extends readonly [string, ...string[]]>(values: T) =>
  z.strictObject({
    /** The verdict in each run of the window; null where the control is not in that run. */
    values: z.array(z.enum(values).nullable()),
    trajectory: z.enum(TRAJECTORIES),
    /** Changes of verdict between consecutive runs that both hold the control. */
    moves: z.int().nonnegative(),
  });

export const trendRunSchema = z.strictObject({
  /** The report file as given (or found in a folder given). */
  file: z.string(),
  as_of: z.string(),
  tool: reportSchema.shape.tool,
  catalog: reportSchema.shape.catalog,
  scope: z.string().optional(),
  controls: z.int().nonnegative(),
  /** Days since the run before it in the window; null for the first. */
  interval_days: z.number().nullable(),
  /** The interval is a gap (GAP_RULE). */
  gap: z.boolean(),
  /** Detection coverage of the run: controls of function detect and how many work, and the logs' coverage. */
  detection: z.strictObject({
    detect_controls: z.int().nonnegative(),
    detect_effective: z.int().nonnegative(),
    /** Coverage scopes (e.g. account and region) of log sources; null when no source of the run reports coverage. */
    log_scopes: z.int().nonnegative().nullable(),
    /** Gaps inside the logs' coverage, and their hours in all; null as log_scopes. */
    log_gaps: z.int().nonnegative().nullable(),
    log_gap_hours: z.number().nullable(),
  }),
});

export const controlTrendSchema = z.strictObject({
  id: z.string(),
  /** From the newest run that holds it. */
  title: z.string(),
  owner: z.string(),
  function: z.enum(FUNCTIONS),
  /** Earlier titles of the same id, oldest first; absent when it kept its title. */
  former_titles: z.array(z.string()).optional(),
  trajectory: z.enum(TRAJECTORIES),
  exists: lensTrajectory(EXISTS),
  works: lensTrajectory(WORKS),
  assurance: z.array(z.enum(ASSURANCE).nullable()),
});

/** One metric of one test (same control, check, inputs and scope) across the runs; null where a run did not measure it. */
export const metricTrendSchema = z.strictObject({
  control: z.string(),
  check: z.string(),
  inputs: z.record(z.string(), z.array(z.string())),
  scope: z.string().optional(),
  metric: z.string(),
  values: z.array(z.number().nullable()),
  /** Whether the value met the test's threshold in each run; null without a threshold or a value. */
  passed: z.array(z.boolean().nullable()),
  /** Newest value − oldest value measured; null with fewer than two. */
  delta: z.number().nullable(),
});

/** Exception age of one risk tier across the runs (from each report's exception tiers). */
export const exceptionAgeTrendSchema = z.strictObject({
  risk: z.enum(RISKS),
  count: z.array(z.int().nonnegative()),
  median_age_days: z.array(z.number().nullable()),
  oldest_age_days: z.array(z.int().nullable()),
  expired: z.array(z.int().nonnegative()),
});

/** Between two consecutive runs, the catalog's hash changed: the controls it added, removed and renamed. */
export const catalogChangeSchema = z.strictObject({
  from: z.string(),
  to: z.string(),
  from_sha256: z.string(),
  to_sha256: z.string(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  renamed: z.array(z.strictObject({ id: z.string(), old_title: z.string(), new_title: z.string() })),
});

const trajectoryCounts = z.strictObject(Object.fromEntries(TRAJECTORIES.map((key) => [key, z.int().nonnegative()])) as Record<Trajectory, z.ZodInt>);

export const trendViewSchema = z.strictObject({
  schema: z.literal(TREND_SCHEMA_ID),
  rule: z.string(),
  gap_rule: z.string(),
  /** The rank of each lens's verdicts, worst first. */
  order: z.strictObject({ exists: z.array(z.enum(EXISTS)), works: z.array(z.enum(WORKS)) }),
  /** `--last`, and how many reports were given in all; the window is the newest `last` of them. */
  window: z.strictObject({ last: z.int().positive(), given: z.int().nonnegative() }),
  /** The runs of the window, oldest first; every series of the view has one entry per run. */
  runs: z.array(trendRunSchema),
  /** Controls per trajectory, overall and per lens. */
  summary: z.strictObject({ controls: trajectoryCounts, exists: trajectoryCounts, works: trajectoryCounts }),
  /** The newest run's controls in its order, then those it lacks by id. */
  controls: z.array(controlTrendSchema),
  metrics: z.array(metricTrendSchema),
  exception_age: z.array(exceptionAgeTrendSchema),
  catalog_changes: z.array(catalogChangeSchema),
  warnings: z.array(warningSchema),
});

export type TrendView = z.infer<typeof trendViewSchema>;
export type TrendRun = z.infer<typeof trendRunSchema>;
export type ControlTrend = z.infer<typeof controlTrendSchema>;
export type MetricTrend = z.infer<typeof metricTrendSchema>;
export type CatalogChange = z.infer<typeof catalogChangeSchema>;

/** A report as `trend` was given it. */
export interface TrendInput {
  file: string;
  report: Report;
}

export interface TrendOptions {
  /** Runs the trajectory is judged over: the newest `last` reports. */
  last: number;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const round = (value: number): number => Number(value.toFixed(2));

/** The reports oldest first (by as_of, then file name); two of one as_of are refused: merge them, or drop one. */
export function orderedRuns(inputs: readonly TrendInput[]): TrendInput[] {
  if (inputs.length < 2) {
    throw new UserError(`A trend needs at least two reports, ${inputs.length === 0 ? 'found none' : `found one (${inputs[0]?.file ?? ''})`}`, {
      ...(inputs[0] === undefined ? {} : { position: { file: inputs[0].file } }),
      hint: 'Give two or more reports of the same catalog over time (run --format json at each as-of), or a folder holding them.',
    });
  }
  const sorted = [...inputs].sort((a, b) => compareText(a.report.as_of, b.report.as_of) || compareText(a.file, b.file));
  sorted.forEach((input, index) => {
    const before = sorted[index - 1];
    if (before && before.report.as_of === input.report.as_of) {
      throw new UserError(`Two reports assess the same moment ${input.report.as_of}: ${before.file} and ${input.file}`, {
        position: { file: input.file },
        hint: 'A trend has one report per as-of: merge reports of several scopes first (controlproof merge), and give each run once.',
      });
    }
  });
  return sorted;
}

/** Which way a lens went over `values` (null: the control was not in that run). */
export function lensTrajectoryOf<V extends string>(order: readonly V[], values: readonly (V | null)[]): { trajectory: Trajectory; moves: number } {
  const moves = values.filter((value, index) => index > 0 && value !== null && values[index - 1] !== null && value !== values[index - 1]).length;
  const first = values[0];
  const last = values.at(-1);
  if (values.includes(null) || first === undefined || last === undefined || first === null || last === null) return { trajectory: 'gap', moves };
  const delta = order.indexOf(last) - order.indexOf(first);
  return { trajectory: delta > 0 ? 'improving' : delta < 0 ? 'deteriorating' : 'stagnating', moves };
}

function overall(exists: Trajectory, works: Trajectory): Trajectory {
  const both = [exists, works];
  for (const trajectory of ['deteriorating', 'gap', 'improving'] as const) if (both.includes(trajectory)) return trajectory;
  return 'stagnating';
}

function detectionOf(report: Report): TrendRun['detection'] {
  const detect = report.summary.by_function.detect;
  const coverage = report.sources.flatMap((source) => source.coverage ?? []);
  const reported = report.sources.some((source) => source.coverage !== undefined);
  const gaps = coverage.flatMap((scope) => scope.gaps);
  return {
    detect_controls: WORKS.reduce((total, verdict) => total + detect[verdict], 0),
    detect_effective: detect.effective,
    log_scopes: reported ? coverage.length : null,
    log_gaps: reported ? gaps.length : null,
    log_gap_hours: reported ? round(gaps.reduce((total, gap) => total + gap.hours, 0)) : null,
  };
}

function runsOf(window: readonly TrendInput[]): TrendRun[] {
  const intervals = window.map((input, index) => {
    const before = window[index - 1];
    return before === undefined ? null : round((Date.parse(input.report.as_of) - Date.parse(before.report.as_of)) / DAY_MS);
  });
  const measured = intervals.filter((interval): interval is number => interval !== null).sort((a, b) => a - b);
  const usual = measured.length >= 2 ? median(measured) : null;
  return window.map(({ file, report }, index) => {
    const interval = intervals[index] ?? null;
    return {
      file,
      as_of: report.as_of,
      tool: report.tool,
      catalog: report.catalog,
      ...(report.scope === undefined ? {} : { scope: report.scope }),
      controls: report.controls.length,
      interval_days: interval,
      gap: interval !== null && usual !== null && interval > usual * GAP_FACTOR,
      detection: detectionOf(report),
    };
  });
}

/** The ids of every control of the window: the newest run's in its order, then the others by id. */
function controlIds(window: readonly TrendInput[]): string[] {
  const newest = window.at(-1)?.report.controls.map((control) => control.id) ?? [];
  const others = new Set(window.flatMap((input) => input.report.controls.map((control) => control.id)).filter((id) => !newest.includes(id)));
  return [...newest, ...[...others].sort(compareText)];
}

function controlTrend(id: string, window: readonly TrendInput[]): ControlTrend {
  const series = window.map((input) => input.report.controls.find((control) => control.id === id) ?? null);
  const held = series.filter((control): control is ControlResult => control !== null);
  const latest = held.at(-1);
  if (!latest) throw new Error(`control ${id} is in no run`);
  const exists = series.map((control) => control?.exists ?? null);
  const works = series.map((control) => control?.works ?? null);
  const existsTrend = lensTrajectoryOf(EXISTS_ORDER, exists);
  const worksTrend = lensTrajectoryOf(WORKS_ORDER, works);
  const former = [...new Set(held.map((control) => control.title))].filter((title) => title !== latest.title);
  return {
    id,
    title: latest.title,
    owner: latest.owner,
    function: latest.function,
    ...(former.length === 0 ? {} : { former_titles: former }),
    trajectory: overall(existsTrend.trajectory, worksTrend.trajectory),
    exists: { values: exists, ...existsTrend },
    works: { values: works, ...worksTrend },
    assurance: series.map((control) => control?.assurance ?? null),
  };
}

function metricTrends(ids: readonly string[], window: readonly TrendInput[]): MetricTrend[] {
  const keyed = new Map<string, { control: string; check: string; inputs: Record<string, string[]>; scope: string | undefined; metric: string; points: (MetricTrend['values'][number])[]; passed: (boolean | null)[] }>();
  window.forEach((input, run) => {
    for (const control of input.report.controls) {
      for (const [testKey, test] of testsByKey(control)) {
        for (const [metric, result] of Object.entries(test.metrics)) {
          const key = JSON.stringify([control.id, testKey, metric]);
          const entry = keyed.get(key) ?? { control: control.id, check: test.check, inputs: test.inputs, scope: test.scope, metric, points: window.map(() => null), passed: window.map(() => null) };
          entry.points[run] = result.value;
          entry.passed[run] = result.passed ?? null;
          keyed.set(key, entry);
        }
      }
    }
  });
  const position = (id: string): number => ids.indexOf(id);
  return [...keyed.values()]
    .sort((a, b) => position(a.control) - position(b.control) || compareText(a.check, b.check) || compareText(a.metric, b.metric) || compareText(a.scope ?? '', b.scope ?? '') || compareText(JSON.stringify(a.inputs), JSON.stringify(b.inputs)))
    .map((entry) => {
      const measured = entry.points.filter((value): value is number => value !== null);
      const [first] = measured;
      const last = measured.at(-1);
      return {
        control: entry.control,
        check: entry.check,
        inputs: entry.inputs,
        ...(entry.scope === undefined ? {} : { scope: entry.scope }),
        metric: entry.metric,
        values: entry.points,
        passed: entry.passed,
        delta: measured.length < 2 || first === undefined || last === undefined ? null : round(last - first),
      };
    });
}

function exceptionAge(window: readonly TrendInput[]): TrendView['exception_age'] {
  return RISKS.map((risk) => {
    const tiers = window.map((input) => input.report.summary.exception_tiers.find((tier) => tier.risk === risk));
    return {
      risk,
      count: tiers.map((tier) => tier?.count ?? 0),
      median_age_days: tiers.map((tier) => tier?.median_age_days ?? null),
      oldest_age_days: tiers.map((tier) => tier?.oldest_age_days ?? null),
      expired: tiers.map((tier) => tier?.expired ?? 0),
    };
  }).filter((tier) => tier.count.some((count) => count > 0));
}

function catalogChanges(window: readonly TrendInput[]): CatalogChange[] {
  return window.flatMap((input, index): CatalogChange[] => {
    const before = window[index - 1];
    if (!before || before.report.catalog.sha256 === input.report.catalog.sha256) return [];
    const old = new Map(before.report.controls.map((control) => [control.id, control]));
    const now = new Set(input.report.controls.map((control) => control.id));
    return [
      {
        from: before.file,
        to: input.file,
        from_sha256: before.report.catalog.sha256,
        to_sha256: input.report.catalog.sha256,
        added: input.report.controls.filter((control) => !old.has(control.id)).map((control) => control.id),
        removed: before.report.controls.filter((control) => !now.has(control.id)).map((control) => control.id),
        renamed: input.report.controls.flatMap((control) => {
          const earlier = old.get(control.id);
          return earlier && earlier.title !== control.title ? [{ id: control.id, old_title: earlier.title, new_title: control.title }] : [];
        }),
      },
    ];
  });
}

function trendWarnings(runs: readonly TrendRun[], changes: readonly CatalogChange[], window: readonly TrendInput[], controls: readonly ControlTrend[]): Warning[] {
  const warnings: Warning[] = [];
  runs.forEach((run, index) => {
    const before = runs[index - 1];
    if (run.gap && before) {
      warnings.push({
        message: `${run.interval_days ?? 0} days pass between ${before.file} (${before.as_of.slice(0, 10)}) and ${run.file} (${run.as_of.slice(0, 10)}), more than the usual interval: runs are missing there`,
        hint: 'A trajectory across a missing run may hide a regression and its fix: keep the schedule, or add the missing report.',
      });
    }
  });
  for (const change of changes) {
    const parts = [`${change.added.length} added`, `${change.removed.length} removed`, `${change.renamed.length} renamed`];
    warnings.push({
      message: `The catalog changed between ${change.from} and ${change.to} (sha256 ${change.from_sha256.slice(0, 12)} → ${change.to_sha256.slice(0, 12)}; controls ${parts.join(', ')})`,
      hint: 'Controls are followed by id; one added or removed inside the window shows as gap.',
    });
  }
  const versions = [...new Set(window.map((input) => input.report.tool.version))];
  if (versions.length > 1) {
    warnings.push({ message: `The runs were made by different controlproof versions (${versions.join(', ')})`, hint: 'A verdict may move because a check changed, not the data: read the release notes of the versions between.' });
  }
  const filters = new Set(window.map((input) => JSON.stringify(input.report.filters)));
  if (filters.size > 1) {
    warnings.push({ message: 'The runs used different --control or --framework filters: controls some of them did not run show as gap', hint: 'Compare runs with the same filters.' });
  }
  const gaps = controls.filter((control) => control.trajectory === 'gap').length;
  if (gaps > 0 && changes.length === 0 && filters.size === 1) {
    warnings.push({ message: `${gaps} control(s) are missing from some runs of one catalog`, hint: 'A report of the same catalog lacks controls only when edited or cut short: check those files.' });
  }
  return warnings;
}

function counts(trajectories: readonly Trajectory[]): Record<Trajectory, number> {
  return Object.fromEntries(TRAJECTORIES.map((key) => [key, trajectories.filter((each) => each === key).length])) as Record<Trajectory, number>;
}

/** The trend of `inputs` (any order) over their newest `options.last` runs: the function `trend` and the briefing call. */
export function trendOf(inputs: readonly TrendInput[], options: TrendOptions): TrendView {
  if (!Number.isInteger(options.last) || options.last < 2) throw new UserError(`--last must be a whole number of runs, 2 or more; found ${options.last}`, { hint: 'A trajectory needs two runs at least: --last 5.' });
  const ordered = orderedRuns(inputs);
  const window = ordered.slice(-options.last);
  const ids = controlIds(window);
  const controls = ids.map((id) => controlTrend(id, window));
  const runs = runsOf(window);
  const changes = catalogChanges(window);
  return {
    schema: TREND_SCHEMA_ID,
    rule: TRAJECTORY_RULE,
    gap_rule: GAP_RULE,
    order: { exists: [...EXISTS_ORDER], works: [...WORKS_ORDER] },
    window: { last: options.last, given: inputs.length },
    runs,
    summary: {
      controls: counts(controls.map((control) => control.trajectory)),
      exists: counts(controls.map((control) => control.exists.trajectory)),
      works: counts(controls.map((control) => control.works.trajectory)),
    },
    controls,
    metrics: metricTrends(ids, window),
    exception_age: exceptionAge(window),
    catalog_changes: changes,
    warnings: trendWarnings(runs, changes, window, controls),
  };
}

/** `exists evidenced → stale, works effective`: each lens's oldest and newest verdict in the window. */
export function lensPath(control: ControlTrend, lens: 'exists' | 'works'): string {
  const values = control[lens].values;
  const first = values[0] ?? null;
  const last = values.at(-1) ?? null;
  const shown = (value: string | null): string => value ?? 'absent';
  return first === last ? shown(last) : `${shown(first)} → ${shown(last)}`;
}

/** One line per condition of `conditions` that the trend shows; empty means exit 0. */
export function trendFailReasons(view: TrendView, conditions: readonly TrendFailOnCondition[]): string[] {
  const named = (trajectory: Trajectory): string =>
    view.controls
      .filter((control) => control.trajectory === trajectory)
      .map((control) => `${control.id} (exists ${lensPath(control, 'exists')}, works ${lensPath(control, 'works')}; owner: ${control.owner})`)
      .join(', ');
  return conditions.flatMap((condition) => {
    const list = named(condition);
    return list === '' ? [] : [`${condition} controls over the last ${view.runs.length} runs: ${list}`];
  });
}
