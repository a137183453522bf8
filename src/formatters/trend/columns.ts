// What the trend's table and Markdown show alike: one section per kind of series, each a head and rows of text.
import { lensPath, TRAJECTORIES, type ControlTrend, type TrendView } from '../../report/trend.js';

/** One block of the trend: a title and a table, or nothing when it has no rows. */
export interface TrendSection {
  title: string;
  head: string[];
  rows: string[][];
}

/** A number as shown: at most two decimals; an em dash where the run has none. */
export function numberText(value: number | null): string {
  return value === null ? '—' : String(Number(value.toFixed(2)));
}

/** A series oldest to newest, `81 → 90 → — → 95`. */
export function seriesText(values: readonly (number | string | null)[]): string {
  return values.map((value) => (typeof value === 'number' || value === null ? numberText(value) : value)).join(' → ');
}

function signed(value: number | null): string {
  if (value === null) return '—';
  return value > 0 ? `+${numberText(value)}` : numberText(value);
}

/** `2026-10-04 → 2026-11-01 (5 runs of 7 given)`. */
export function windowText(view: TrendView): string {
  const first = view.runs[0]?.as_of.slice(0, 10) ?? '';
  const last = view.runs.at(-1)?.as_of.slice(0, 10) ?? '';
  const given = view.window.given > view.runs.length ? ` of ${view.window.given} given; --last ${view.window.last}` : '';
  return `${first} → ${last} (${view.runs.length} runs${given})`;
}

/** The counts line: controls per trajectory, worst first. */
export function summaryText(view: TrendView): string {
  return TRAJECTORIES.map((trajectory) => `${view.summary.controls[trajectory]} ${trajectory}`).join(' · ');
}

/** The order of each lens, worst first, so a reader knows what "improving" means. */
export function orderText(view: TrendView): string {
  return `Order, worst first: exists ${view.order.exists.join(' < ')}; works ${view.order.works.join(' < ')}.`;
}

const TITLES: Readonly<Record<ControlTrend['trajectory'], string>> = {
  deteriorating: 'Deteriorating',
  gap: 'Gap (missing from some runs)',
  stagnating: 'Stagnating',
  improving: 'Improving',
};

function lensCell(control: ControlTrend, lens: 'exists' | 'works'): string {
  const moves = control[lens].moves;
  return moves === 0 ? lensPath(control, lens) : `${lensPath(control, lens)} (${moves} move${moves === 1 ? '' : 's'})`;
}

function titleCell(control: ControlTrend): string {
  return control.former_titles === undefined ? control.title : `${control.title} (was: ${control.former_titles.join('; ')})`;
}

/** The controls of each trajectory, worst first. */
export function controlSections(view: TrendView): TrendSection[] {
  return TRAJECTORIES.map((trajectory) => ({
    title: TITLES[trajectory],
    head: ['control', 'title', 'exists', 'works', 'assurance', 'owner'],
    rows: view.controls
      .filter((control) => control.trajectory === trajectory)
      .map((control) => [control.id, titleCell(control), lensCell(control, 'exists'), lensCell(control, 'works'), seriesText(control.assurance.map((value) => value ?? 'absent')), control.owner]),
  })).filter((section) => section.rows.length > 0);
}

/** Every series section after the controls: runs, metrics, exception age, detection, catalog changes. */
export function seriesSections(view: TrendView): TrendSection[] {
  return [
    {
      title: 'Runs',
      head: ['as of', 'file', 'catalog sha256', 'controls', 'days since previous'],
      rows: view.runs.map((run) => [run.as_of.slice(0, 10), run.file, run.catalog.sha256.slice(0, 12), String(run.controls), run.interval_days === null ? '—' : `${numberText(run.interval_days)}${run.gap ? ' (gap)' : ''}`]),
    },
    {
      title: 'Metrics, oldest to newest',
      head: ['control', 'check', 'scope', 'metric', 'values', 'delta'],
      rows: view.metrics.map((metric) => [metric.control, metric.check, metric.scope ?? '', metric.metric, seriesText(metric.values), signed(metric.delta)]),
    },
    {
      title: 'Exception age by risk tier (days)',
      head: ['risk', 'count', 'median age', 'oldest', 'expired'],
      rows: view.exception_age.map((tier) => [tier.risk, seriesText(tier.count), seriesText(tier.median_age_days), seriesText(tier.oldest_age_days), seriesText(tier.expired)]),
    },
    {
      title: 'Detection coverage',
      head: ['as of', 'detect controls effective', 'log scopes', 'log gaps', 'gap hours'],
      rows: view.runs.map((run) => [
        run.as_of.slice(0, 10),
        `${run.detection.detect_effective} of ${run.detection.detect_controls}`,
        numberText(run.detection.log_scopes),
        numberText(run.detection.log_gaps),
        numberText(run.detection.log_gap_hours),
      ]),
    },
    {
      title: 'Catalog changes',
      head: ['from', 'to', 'added', 'removed', 'renamed'],
      rows: view.catalog_changes.map((change) => [change.from, change.to, change.added.join(', ') || '—', change.removed.join(', ') || '—', change.renamed.map((each) => each.id).join(', ') || '—']),
    },
  ].filter((section) => section.rows.length > 0);
}
