// The end of the HTML report: the sources read, the tests that could not run outside the detailed controls, the warnings.
import type { Report } from '../../../report/model.js';
import { html, type Content, type Markup } from '../../html/markup.js';
import { dataTable } from '../../html/table.js';
import { badge } from '../../html/tones.js';
import { plural } from '../../text/layout.js';
import { shownInDetail } from '../detail-sections.js';
import { readsText } from '../table/test-details.js';
import { sourceNote } from '../markdown/problems.js';

/** Every source with its type, status, files and records. */
export function sourcesSection(report: Report): Markup {
  const rows = report.sources.map((source) => [
    source.name,
    html`<code>${source.type}</code>`,
    badge(source.status),
    source.files.map((file, index) => [index > 0 ? html`<br>` : '', html`<code>${file.path}</code>`]),
    source.records,
    sourceNote(source),
  ]);
  const body = rows.length === 0 ? html`<p>No source was read.</p>` : dataTable({ caption: plural(report.sources.length, 'source'), columns: ['source', 'type', 'status', 'files', { title: 'records', numeric: true }, 'note'], rows });
  return html`<section id="sources" aria-labelledby="sources-heading"><h2 id="sources-heading">Sources</h2>${body}</section>`;
}

/** With --only-failing, the tests of the controls left out that could not run; nothing otherwise or when there are none. */
export function erroredTestsSection(report: Report, onlyFailing: boolean): Content {
  if (!onlyFailing) return '';
  const rows = report.controls
    .filter((control) => !shownInDetail(control))
    .flatMap((control) => control.tests.filter((test) => test.status === 'error').map((test) => [html`<code>${control.id}</code>`, html`<code>${test.check}</code>`, readsText(test), test.error ?? 'error']));
  if (rows.length === 0) return '';
  return html`<section id="errored-tests" aria-labelledby="errored-tests-heading"><h2 id="errored-tests-heading">Tests that could not run (${rows.length})</h2>${dataTable({ caption: 'Tests of the controls not shown above', columns: ['control', 'check', 'reads', 'error'], rows })}</section>`;
}

/** The report's warnings with their hints; nothing when there are none. */
export function warningsSection(report: Pick<Report, 'warnings'>): Content {
  if (report.warnings.length === 0) return '';
  const items = report.warnings.map((warning) => html`<li>${warning.message}${warning.hint === undefined ? '' : html`<br><span class="muted">${warning.hint}</span>`}</li>`);
  return html`<section id="warnings" aria-labelledby="warnings-heading"><h2 id="warnings-heading">Warnings (${report.warnings.length})</h2><ul>${items}</ul></section>`;
}
