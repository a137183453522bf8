// Findings in the HTML report: every one, per control (no cut), filterable by a small script; and the findings an
// exception covers, each beside its exception.
import type { ControlResult, ExceptionResult, FindingResult, Report } from '../../../report/model.js';
import { html, type Content, type Markup } from '../../html/markup.js';
import { dataTable, rowCells, tableHead } from '../../html/table.js';
import { badge } from '../../html/tones.js';
import { plural } from '../../text/layout.js';
import { topFindings } from '../table/test-details.js';

/** Anchors of the exceptions in the exceptions table, by id: data ids never become element ids. */
export type ExceptionAnchors = ReadonlyMap<string, string>;

export function exceptionAnchors(report: Report): ExceptionAnchors {
  return new Map(report.exceptions.map((exception, index) => [exception.id, `exception-${index + 1}`]));
}

/** A link to an exception by id, or the id alone when the report does not list it. */
export function exceptionLink(id: string, anchors: ExceptionAnchors): Markup {
  const anchor = anchors.get(id);
  return anchor === undefined ? html`<code>${id}</code>` : html`<a href="#${anchor}"><code>${id}</code></a>`;
}

function findingState(finding: FindingResult, anchors: ExceptionAnchors): Content {
  if (finding.excepted_by !== undefined) return [badge('excepted'), ' by ', exceptionLink(finding.excepted_by, anchors)];
  if (finding.expired_exception !== undefined) return [badge('open'), ' exception ', exceptionLink(finding.expired_exception, anchors), ' expired'];
  return badge('open');
}

const FINDING_COLUMNS = ['check', 'resource', 'message', 'state'];

/** Every finding of the control's tests, those that count as failures first; nothing when there are none. */
export function controlFindings(control: ControlResult, anchors: ExceptionAnchors): Content {
  const rows = control.tests.flatMap((test) =>
    topFindings(test.findings).map((finding) => html`<tr class="finding">${rowCells([html`<code>${test.check}</code>`, html`<code>${finding.resource}</code>`, finding.message, findingState(finding, anchors)], FINDING_COLUMNS)}</tr>`),
  );
  if (rows.length === 0) return '';
  const excepted = control.tests.reduce((total, test) => total + test.findings.filter((finding) => finding.excepted_by !== undefined).length, 0);
  return html`<table class="findings"><caption>Findings: ${plural(rows.length, 'finding')}, ${excepted} excepted</caption>${tableHead(FINDING_COLUMNS)}<tbody>${rows}</tbody></table>`;
}

/** The search box over every finding; hidden until the script runs, so a page without scripts shows no dead control. */
export function findingFilter(controls: readonly ControlResult[]): Markup {
  const total = controls.reduce((count, control) => count + control.tests.reduce((sum, test) => sum + test.findings.length, 0), 0);
  return html`<div class="filter" id="finding-filter" hidden><label for="finding-search">Filter findings</label><input type="search" id="finding-search" placeholder="resource, message, check or exception" autocomplete="off"><output id="finding-count" for="finding-search" aria-live="polite">${plural(total, 'finding')}</output></div>`;
}

function exceptionFacts(exception: ExceptionResult | undefined): Content[] {
  if (exception === undefined) return ['not in the report', '', '', ''];
  return [badge(exception.status), exception.owner, exception.expires, exception.reason];
}

/** Each finding an exception covers, or covered until it expired, with that exception's status, owner, expiry and reason. */
export function exceptedFindingsSection(report: Report, anchors: ExceptionAnchors): Markup {
  const byId = new Map(report.exceptions.map((exception) => [exception.id, exception]));
  const rows = report.controls.flatMap((control) =>
    control.tests.flatMap((test) =>
      test.findings.flatMap((finding) => {
        const id = finding.excepted_by ?? finding.expired_exception;
        if (id === undefined) return [];
        return [[html`<code>${control.id}</code>`, html`<code>${finding.resource}</code>`, finding.message, exceptionLink(id, anchors), ...exceptionFacts(byId.get(id))]];
      }),
    ),
  );
  const body =
    rows.length === 0
      ? html`<p>No finding is covered by an exception.</p>`
      : dataTable({ caption: `${plural(rows.length, 'finding')} under an exception (an expired one covers nothing: its findings fail again)`, columns: [{ title: 'control', nowrap: true }, 'resource', 'message', { title: 'exception', nowrap: true }, 'status', 'owner', { title: 'expires', nowrap: true }, 'reason'], rows });
  return html`<section id="excepted" aria-labelledby="excepted-heading"><h2 id="excepted-heading">Excepted findings</h2>${body}</section>`;
}
