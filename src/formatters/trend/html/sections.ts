// The sections of trend --format html: controls per trajectory with a strip per lens, then the series as small
// multiples (one sparkline per metric, tier and detection measure), each beside a table of the same numbers.
import { TRAJECTORIES, lensPath, type ControlTrend, type TrendView } from '../../../report/trend.js';
import { html, type Content, type Markup } from '../../html/markup.js';
import { legend } from '../../html/svg.js';
import { dataTable } from '../../html/table.js';
import { badge, toneOf } from '../../html/tones.js';
import { numberText, seriesText } from '../columns.js';
import { sparkline, verdictStrip, type Point } from './sparkline.js';

const dates = (view: TrendView): string[] => view.runs.map((run) => run.as_of.slice(0, 10));

function pointsOf<T>(view: TrendView, values: readonly (T | null)[]): Point<T>[] {
  return dates(view).map((date, index) => ({ date, value: values[index] ?? null }));
}

function lensCell(view: TrendView, control: ControlTrend, index: number, lens: 'exists' | 'works'): Markup {
  const strip = verdictStrip(`control-${index}-${lens}`, `${control.id} ${lens}, oldest to newest`, pointsOf(view, control[lens].values));
  const moves = control[lens].moves;
  return html`${strip}<br>${lensPath(control, lens)}${moves === 0 ? '' : html` <span class="muted">(${moves} move${moves === 1 ? '' : 's'})</span>`}`;
}

/** Counts per trajectory, then one table of controls per trajectory, deteriorating first. */
export function controlsSection(view: TrendView): Markup {
  const counts = html`<ul class="counts" aria-label="controls per trajectory">${TRAJECTORIES.map((trajectory) => html`<li data-key="${trajectory}"><strong>${view.summary.controls[trajectory]}</strong> ${badge(trajectory)}</li>`)}</ul>`;
  const verdicts = [...new Set([...view.order.exists, ...view.order.works])];
  const tables = TRAJECTORIES.map((trajectory) => {
    const rows = view.controls.flatMap((control, index) =>
      control.trajectory === trajectory
        ? [[
            { header: html`<code>${control.id}</code>` },
            html`${control.title}${control.former_titles === undefined ? '' : html`<br><span class="muted">was: ${control.former_titles.join('; ')}</span>`}`,
            lensCell(view, control, index, 'exists'),
            lensCell(view, control, index, 'works'),
            seriesText(control.assurance.map((value) => value ?? 'absent')),
            control.owner,
          ]]
        : [],
    );
    if (rows.length === 0) return '';
    return html`<div class="trajectory" data-trajectory="${trajectory}">${dataTable({ caption: html`${badge(trajectory)} (${rows.length})`, columns: ['control', 'title', 'exists', 'works', 'assurance', 'owner'], rows })}</div>`;
  });
  return html`<section id="controls" aria-labelledby="controls-heading"><h2 id="controls-heading">Controls by trajectory</h2>${counts}<p>${view.rule}</p><p class="muted">Order, worst first: exists ${view.order.exists.join(' < ')}; works ${view.order.works.join(' < ')}. Each square is one run, oldest left; a dashed square: the control is not in that run.</p>${legend(verdicts.map((verdict) => ({ label: verdict, tone: toneOf(verdict) })))}${tables}</section>`;
}

/** A grid of small figures, each a sparkline with its caption. */
function multiples(figures: readonly { id: string; title: string; caption: Content; points: Point<number>[] }[]): Markup {
  const items = figures.filter((figure) => figure.points.some((point) => point.value !== null)).map((figure) => html`<figure class="multiple">${sparkline(figure.id, figure.title, figure.points)}<figcaption>${figure.caption}</figcaption></figure>`);
  return html`<div class="multiples">${items}</div>`;
}

/** Every test metric over the runs: a sparkline each, and the values in a table. */
export function metricsSection(view: TrendView): Content {
  if (view.metrics.length === 0) return '';
  const figures = view.metrics.map((metric, index) => ({
    id: `metric-${index}`,
    title: `${metric.metric} of ${metric.control} (${metric.check}${metric.scope === undefined ? '' : `, ${metric.scope}`})`,
    caption: html`<code>${metric.metric}</code> ${metric.control}${metric.scope === undefined ? '' : ` · ${metric.scope}`}: ${seriesText(metric.values)}`,
    points: pointsOf(view, metric.values),
  }));
  const table = dataTable({
    caption: 'Metrics per run, in numbers',
    columns: ['control', 'check', 'scope', 'metric', ...dates(view).map((date) => ({ title: date, numeric: true })), { title: 'delta', numeric: true }],
    rows: view.metrics.map((metric) => [html`<code>${metric.control}</code>`, html`<code>${metric.check}</code>`, metric.scope ?? '', html`<code>${metric.metric}</code>`, ...metric.values.map(numberText), numberText(metric.delta)]),
  });
  return html`<section id="metrics" aria-labelledby="metrics-heading"><h2 id="metrics-heading">Behaviour metrics over time</h2>${multiples(figures)}${table}</section>`;
}

/** Median exception age per risk tier over the runs. */
export function exceptionAgeSection(view: TrendView): Content {
  if (view.exception_age.length === 0) return '';
  const figures = view.exception_age.map((tier) => ({
    id: `exception-age-${tier.risk}`,
    title: `Median exception age, ${tier.risk} risk (days)`,
    caption: html`${tier.risk}: median age ${seriesText(tier.median_age_days)} days`,
    points: pointsOf(view, tier.median_age_days),
  }));
  const series = (values: readonly (number | null)[]): string[] => values.map(numberText);
  const rows = view.exception_age.flatMap((tier) => [
    [{ header: tier.risk }, 'count', ...series(tier.count)],
    [{ header: tier.risk }, 'median age (days)', ...series(tier.median_age_days)],
    [{ header: tier.risk }, 'oldest (days)', ...series(tier.oldest_age_days)],
    [{ header: tier.risk }, 'expired', ...series(tier.expired)],
  ]);
  const table = dataTable({ caption: 'Exception age by risk tier, in numbers', columns: ['risk', 'measure', ...dates(view).map((date) => ({ title: date, numeric: true }))], rows });
  return html`<section id="exception-age" aria-labelledby="exception-age-heading"><h2 id="exception-age-heading">Exception age by risk tier</h2>${multiples(figures)}${table}</section>`;
}

/** Detect controls that work, and the logs' coverage, over the runs. */
export function detectionSection(view: TrendView): Markup {
  const effective = view.runs.map((run) => run.detection.detect_effective);
  const gapHours = view.runs.map((run) => run.detection.log_gap_hours);
  const figures = [
    { id: 'detection-effective', title: 'Detect controls shown working', caption: html`effective detect controls: ${seriesText(effective)}`, points: pointsOf(view, effective) },
    { id: 'detection-gap-hours', title: 'Hours of gaps in the logs\' coverage', caption: html`log gap hours: ${seriesText(gapHours)}`, points: pointsOf(view, gapHours) },
  ];
  const table = dataTable({
    caption: 'Detection coverage per run, in numbers; — where no log source reports coverage',
    columns: ['as of', { title: 'detect controls', numeric: true }, { title: 'effective', numeric: true }, { title: 'log scopes', numeric: true }, { title: 'log gaps', numeric: true }, { title: 'gap hours', numeric: true }],
    rows: view.runs.map((run) => [{ header: run.as_of.slice(0, 10) }, run.detection.detect_controls, run.detection.detect_effective, numberText(run.detection.log_scopes), numberText(run.detection.log_gaps), numberText(run.detection.log_gap_hours)]),
  });
  return html`<section id="detection" aria-labelledby="detection-heading"><h2 id="detection-heading">Detection coverage</h2>${multiples(figures)}${table}</section>`;
}

/** The runs of the window with their intervals, and the catalog changes between them. */
export function runsSection(view: TrendView): Markup {
  const runs = dataTable({
    caption: html`${view.runs.length} runs, oldest first. ${view.gap_rule}`,
    columns: [{ title: 'as of', nowrap: true }, 'file', 'catalog sha256', { title: 'controls', numeric: true }, { title: 'days since previous', numeric: true }, 'gap'],
    rows: view.runs.map((run) => [
      { header: html`<time datetime="${run.as_of}">${run.as_of.slice(0, 10)}</time>` },
      html`<code>${run.file}</code>`,
      html`<code>${run.catalog.sha256.slice(0, 12)}</code>`,
      run.controls,
      numberText(run.interval_days),
      run.gap ? badge('gap') : '',
    ]),
  });
  const changes =
    view.catalog_changes.length === 0
      ? ''
      : dataTable({
          caption: 'Catalog changes between runs',
          columns: ['from', 'to', 'added', 'removed', 'renamed'],
          rows: view.catalog_changes.map((change) => [html`<code>${change.from}</code>`, html`<code>${change.to}</code>`, change.added.join(', ') || '—', change.removed.join(', ') || '—', change.renamed.map((each) => `${each.id}: ${each.old_title} → ${each.new_title}`).join('; ') || '—']),
        });
  return html`<section id="runs" aria-labelledby="runs-heading"><h2 id="runs-heading">Runs</h2>${runs}${changes}</section>`;
}
