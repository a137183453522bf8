// A control's evidence, tests and metrics in the HTML report: every item with its status, age and threshold.
import { daysBetween, parseDate } from '../../../core/time.js';
import type { ControlResult, MetricResult, Report } from '../../../report/model.js';
import { html, type Content, type Markup } from '../../html/markup.js';
import { dataTable } from '../../html/table.js';
import { badge } from '../../html/tones.js';
import { readsText } from '../table/test-details.js';

/** Whole days from the item's date to as-of; empty when it has no readable date. */
function ageDays(date: string | undefined, asOf: string): Content {
  const from = date === undefined ? undefined : parseDate(date);
  const to = parseDate(asOf);
  return from === undefined || to === undefined ? '–' : daysBetween(from, to);
}

/** Every evidence item with its status, date, age at as-of, max age and why it is not fresh. */
export function evidenceTable(control: ControlResult, report: Report): Markup {
  if (control.evidence.length === 0) return html`<p>No evidence declared.</p>`;
  return dataTable({
    caption: 'Evidence',
    columns: ['kind', 'title', 'status', { title: 'dated', nowrap: true }, { title: 'age (days)', numeric: true }, 'max age', { title: 'fresh until', nowrap: true }, 'where', 'note'],
    rows: control.evidence.map((item) => [
      item.kind,
      item.title,
      badge(item.status),
      item.date ?? '–',
      ageDays(item.date, report.as_of),
      item.max_age,
      item.fresh_until ?? '–',
      [item.path === undefined ? '' : html`<code>${item.path}</code>`, item.ref ?? '', item.by === undefined ? '' : `by ${item.by}`].filter((part) => part !== '').map((part, index) => [index > 0 ? ' · ' : '', part]),
      item.reason ?? '',
    ]),
  });
}

/** Every test with its status, what it read and examined, its findings, error and fix. */
export function testsTable(control: ControlResult): Markup {
  if (control.tests.length === 0) return html`<p>No tests: the works lens has nothing to go on.</p>`;
  return dataTable({
    caption: 'Tests',
    columns: [{ title: 'check', nowrap: true }, 'status', 'reads', { title: 'examined', numeric: true }, { title: 'findings', numeric: true }, { title: 'excepted', numeric: true }, 'note'],
    rows: control.tests.map((test) => [
      [html`<code>${test.check}</code>`, test.title === undefined ? '' : html`<br>${test.title}`],
      badge(test.status),
      readsText(test),
      test.examined,
      test.findings.length,
      test.excepted,
      [test.error === undefined ? '' : html`<strong>error:</strong> ${test.error}`, test.remediation === undefined ? '' : html`<div><strong>fix:</strong> ${test.remediation}</div>`],
    ]),
  });
}

function thresholdText(metric: MetricResult): string {
  const bounds = [metric.min === undefined ? '' : `at least ${metric.min}`, metric.max === undefined ? '' : `at most ${metric.max}`].filter(Boolean);
  return bounds.length === 0 ? 'no threshold' : bounds.join(' and ');
}

/** Every metric of the control's tests against its threshold; nothing when no test measured one. */
export function metricsTable(control: ControlResult): Content {
  const rows = control.tests.flatMap((test) =>
    Object.entries(test.metrics).map(([name, metric]) => [
      html`<code>${test.check}</code>`,
      html`<code>${name}</code>`,
      metric.value,
      thresholdText(metric),
      metric.passed === undefined ? '–' : badge(metric.passed ? 'met' : 'missed'),
    ]),
  );
  if (rows.length === 0) return '';
  return dataTable({ caption: 'Metrics against thresholds', columns: ['check', 'metric', { title: 'value', numeric: true }, 'threshold', 'result'], rows });
}
