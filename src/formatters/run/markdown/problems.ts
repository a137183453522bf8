// The end of the Markdown report: the sources read, tests that could not run, the exceptions with their age per tier, the warnings.
import type { Report, SourceResult } from '../../../report/model.js';
import { EXCEPTION_STATUSES } from '../../../core/vocabulary.js';
import { byUrgency, LIST_ALIGN, LIST_HEAD, listCells, TIER_ALIGN, TIER_HEAD, tierCells } from '../../exceptions/columns.js';
import { plural } from '../../text/layout.js';
import { markdownTable, markdownText } from '../../text/markdown.js';
import { shownInDetail } from '../detail-sections.js';
import { readsText } from '../table/test-details.js';

/** What a source's row notes: its error, or for a log the window its records were judged in. */
export function sourceNote(source: SourceResult): string {
  if (source.error !== undefined) return source.error;
  const { window } = source;
  if (window === undefined) return '';
  const outside = window.records_before + window.records_after;
  return [
    `window ${window.from.slice(0, 10)} to ${window.to.slice(0, 10)} (${window.length})`,
    ...(outside > 0 ? [`${plural(outside, 'record')} outside it, not judged`] : []),
    ...(source.duplicates ? [`${plural(source.duplicates, 'duplicate delivery', 'duplicate deliveries')} dropped`] : []),
  ].join(', ');
}

/** Every source the run read, with its status, files and records; errors and log windows in the last column. */
export function sourceLines(report: Report): string[] {
  if (report.sources.length === 0) return [];
  const errored = report.sources.filter((source) => source.status === 'error').length;
  const rows = report.sources.map((source) => [source.name, { code: source.type }, source.status, String(source.files.length), String(source.records), sourceNote(source)]);
  return [
    `## Sources (${report.sources.length}${errored > 0 ? `, ${errored} with errors` : ''})`,
    '',
    ...markdownTable(['source', 'type', 'status', 'files', 'records', 'note'], ['left', 'left', 'left', 'right', 'right', 'left'], rows),
  ];
}

/** Tests outside the detailed sections that could not run; nothing when there are none. */
export function erroredTestLines(report: Report): string[] {
  const tests = report.controls.filter((control) => !shownInDetail(control)).flatMap((control) => control.tests.filter((test) => test.status === 'error').map((test) => ({ control, test })));
  if (tests.length === 0) return [];
  return [
    `## Tests that could not run (${tests.length})`,
    '',
    ...markdownTable(['control', 'check', 'reads', 'error'], [], tests.map(({ control, test }) => [control.id, { code: test.check }, readsText(test), test.error ?? 'error'])),
  ];
}

/** The counts by status, every exception most urgent first, and the age of accepted risk per tier. */
export function exceptionLines(report: Report): string[] {
  const counts = `**Exceptions:** ${EXCEPTION_STATUSES.map((status) => `${report.summary.exceptions[status]} ${status}`).join(' · ')}`;
  if (report.exceptions.length === 0) return ['## Exceptions', '', counts];
  return [
    '## Exceptions',
    '',
    counts,
    '',
    ...markdownTable(LIST_HEAD, LIST_ALIGN, byUrgency(report.exceptions).map((exception) => listCells(exception, true))),
    '',
    '### Age by risk tier (days since approval)',
    '',
    ...markdownTable(TIER_HEAD, TIER_ALIGN, report.summary.exception_tiers.map((tier) => tierCells(tier, ''))),
  ];
}

/** The report's warnings, each with its hint; nothing when there are none. */
export function warningLines(report: Report): string[] {
  if (report.warnings.length === 0) return [];
  return [`## Warnings (${report.warnings.length})`, '', ...report.warnings.map((warning) => `- ${markdownText(warning.message)}${warning.hint === undefined ? '' : ` (${markdownText(warning.hint)})`}`)];
}
