// What the diff's table and Markdown show alike: one section per kind of change, each a head and rows of text.
import type { DiffView } from '../../report/diff.js';

/** One block of the diff: a title and a table, or nothing when it has no rows. */
export interface DiffSection {
  title: string;
  head: string[];
  rows: string[][];
}

const arrow = (old: string, now: string): string => (old === now ? now : `${old} → ${now}`);

function number(value: number | null): string {
  return value === null ? '—' : String(Number(value.toFixed(2)));
}

function signed(value: number | null): string {
  if (value === null) return '—';
  return value > 0 ? `+${number(value)}` : number(value);
}

/** The counts line: how many controls moved each way, and the other changes. */
export function summaryText(view: DiffView): string {
  const { summary } = view;
  return [
    `${summary.regressed} regressed`,
    `${summary.improved} improved`,
    `${summary.unchanged} unchanged`,
    `${summary.added} added`,
    `${summary.removed} removed`,
    `${summary.renamed} renamed`,
    `${summary.new_findings} new and ${summary.resolved_findings} resolved finding(s)`,
    `${summary.exception_changes} exception change(s)`,
  ].join(' · ');
}

/** `old.json (as of …) → new.json (as of …)`. */
export function sidesText(view: DiffView): string {
  return `${view.old.file} (as of ${view.old.as_of.slice(0, 10)}) → ${view.new.file} (as of ${view.new.as_of.slice(0, 10)})`;
}

/** The order of each lens, worst first, so a reader knows what "improved" means. */
export function orderText(view: DiffView): string {
  return `Order, worst first: exists ${view.order.exists.join(' < ')}; works ${view.order.works.join(' < ')}.`;
}

/** Every section, in reading order: regressions first. */
export function diffSections(view: DiffView): DiffSection[] {
  const moved = (change: 'regressed' | 'improved'): string[][] =>
    view.controls
      .filter((control) => control.change === change)
      .map((control) => [control.id, arrow(control.exists.old, control.exists.new), arrow(control.works.old, control.works.new), arrow(control.assurance.old, control.assurance.new), control.owner]);
  const controlHead = ['control', 'exists', 'works', 'assurance', 'owner'];
  const sideRows = (controls: DiffView['added']): string[][] => controls.map((control) => [control.id, control.title, control.exists, control.works, control.assurance]);
  const findingRows = (findings: DiffView['new_findings']): string[][] =>
    findings.map((finding) => [finding.control, finding.check, finding.resource, finding.excepted_by === undefined ? finding.message : `${finding.message} (excepted by ${finding.excepted_by})`]);
  const sections: DiffSection[] = [
    { title: 'Regressed', head: controlHead, rows: moved('regressed') },
    { title: 'Improved', head: controlHead, rows: moved('improved') },
    { title: 'Added controls', head: ['control', 'title', 'exists', 'works', 'assurance'], rows: sideRows(view.added) },
    { title: 'Removed controls', head: ['control', 'title', 'exists', 'works', 'assurance'], rows: sideRows(view.removed) },
    { title: 'Renamed controls', head: ['control', 'old title', 'new title'], rows: view.renamed.map((control) => [control.id, control.old_title, control.new_title]) },
    { title: 'New findings', head: ['control', 'check', 'resource', 'message'], rows: findingRows(view.new_findings) },
    { title: 'Resolved findings', head: ['control', 'check', 'resource', 'message'], rows: findingRows(view.resolved_findings) },
    {
      title: 'Findings not shown, but not resolved either (the test could not run, or is gone)',
      head: ['control', 'check', 'resource', 'why'],
      rows: view.unverified_findings.map((finding) => [finding.control, finding.check, finding.resource, finding.reason === 'test-error' ? 'test error' : 'test removed']),
    },
    {
      title: 'Metrics',
      head: ['control', 'check', 'scope', 'metric', 'old', 'new', 'delta'],
      rows: view.metrics.map((metric) => [metric.control, metric.check, metric.scope ?? '', metric.metric, number(metric.old), number(metric.new), signed(metric.delta)]),
    },
    {
      title: 'Exceptions',
      head: ['exception', 'control', 'change', 'status', 'expires', 'owner'],
      rows: view.exceptions.map((exception) => [exception.id, exception.control, exception.change, arrow(exception.old_status ?? '—', exception.new_status ?? '—'), exception.expires, exception.owner]),
    },
  ];
  return sections.filter((section) => section.rows.length > 0);
}
