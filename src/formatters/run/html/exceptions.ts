// Exceptions in the HTML report: counts by status, every exception most urgent first, and the age of accepted
// risk per tier as a chart and a table with the expired and expiring ones.
import { EXCEPTION_STATUSES } from '../../../core/vocabulary.js';
import type { ExceptionTier, Report } from '../../../report/model.js';
import { byUrgency, daysText, TIER_HEAD, tierCells } from '../../exceptions/columns.js';
import { html, type Markup } from '../../html/markup.js';
import { svgFigure, svgText, toneRect } from '../../html/svg.js';
import { dataTable, rowCells, tableHead } from '../../html/table.js';
import { badge, countList } from '../../html/tones.js';
import type { ExceptionAnchors } from './findings.js';

const LABEL_WIDTH = 72;
const BAR_AREA = 340;
const BAR_HEIGHT = 14;
const TIER_HEIGHT = 40;

function ageBar(tier: ExceptionTier, y: number, unit: number, kind: 'median' | 'oldest'): Markup {
  const days = kind === 'median' ? tier.median_age_days : tier.oldest_age_days;
  if (days === null) return svgText(LABEL_WIDTH + 4, y + BAR_HEIGHT - 3, `${kind}: none`, { className: 'muted' });
  const width = Math.max(1, days * unit);
  const shown = Math.round(days * 10) / 10;
  const bar = toneRect({ x: LABEL_WIDTH, y, width, height: BAR_HEIGHT }, kind === 'median' ? 'info' : 'warn', `${tier.risk} ${kind} age: ${shown} days`);
  return html`<g data-risk="${tier.risk}" data-kind="${kind}" data-days="${shown}">${bar}${svgText(LABEL_WIDTH + width + 6, y + BAR_HEIGHT - 3, `${kind} ${shown} d`)}</g>`;
}

function ageChart(tiers: readonly ExceptionTier[]): Markup {
  const oldest = Math.max(1, ...tiers.map((tier) => tier.oldest_age_days ?? 0));
  const unit = BAR_AREA / oldest;
  const rows = tiers.map((tier, index) => {
    const y = 6 + index * TIER_HEIGHT;
    return [svgText(LABEL_WIDTH - 8, y + BAR_HEIGHT + 2, tier.risk, { anchor: 'end' }), ageBar(tier, y, unit, 'median'), ageBar(tier, y + BAR_HEIGHT + 2, unit, 'oldest')];
  });
  const description = tiers.map((tier) => `${tier.risk}: ${tier.count} exceptions, median ${tier.median_age_days ?? 'none'} days, oldest ${tier.oldest_age_days ?? 'none'} days`).join('; ');
  return svgFigure(
    { id: 'exception-age-chart', title: 'Exception age by risk tier (days since approval)', description, width: LABEL_WIDTH + BAR_AREA + 110, height: 8 + tiers.length * TIER_HEIGHT },
    rows,
  );
}

function tierTable(tiers: readonly ExceptionTier[]): Markup {
  const columns = [...TIER_HEAD.map((title, index) => (index === 0 ? title : { title, numeric: true })), { title: 'active', numeric: true }, { title: 'unused', numeric: true }];
  const rows = tiers.map((tier) => {
    const [risk = '', ...numbers] = tierCells(tier, '');
    return [{ header: risk }, ...numbers, tier.active, tier.unused];
  });
  return dataTable({ caption: 'Exception age by risk tier, in days since approval', columns, rows, className: 'tiers' });
}

const LIST_COLUMNS = [{ title: 'id', nowrap: true }, { title: 'control', nowrap: true }, 'status', 'risk', 'owner and approver', { title: 'approved', nowrap: true }, { title: 'expires', nowrap: true }, { title: 'due', numeric: true }, { title: 'age (days)', numeric: true }, { title: 'matched', numeric: true }, 'reason'];

/** The exceptions part: counts, the list most urgent first (expired, then expiring), the age chart and table. */
export function exceptionsSection(report: Report, anchors: ExceptionAnchors): Markup {
  const tiers = report.summary.exception_tiers;
  const rows = byUrgency(report.exceptions).map(
    (exception) =>
      html`<tr id="${anchors.get(exception.id) ?? ''}" data-status="${exception.status}">${rowCells(
        [html`<code>${exception.id}</code>`, html`<code>${exception.control}</code>`, badge(exception.status), exception.risk, [exception.owner, html`<br><span class="muted">approved by</span> `, exception.approved_by], exception.approved, exception.expires, daysText(exception), exception.age_days, exception.matched.length, [exception.reason, exception.ticket === undefined ? '' : html` <span class="muted">(${exception.ticket})</span>`]],
        LIST_COLUMNS,
      )}</tr>`,
  );
  const list =
    rows.length === 0
      ? html`<p>The catalog has no exceptions.</p>`
      : html`<table class="exceptions"><caption>Every exception, most urgent first</caption>${tableHead(LIST_COLUMNS)}<tbody>${rows}</tbody></table>`;
  const age = tiers.length === 0 ? '' : html`<h3>Age by risk tier</h3><figure>${ageChart(tiers)}<figcaption>Median and oldest age of the exceptions of each tier, in days since approval.</figcaption></figure>${tierTable(tiers)}`;
  return html`<section id="exceptions" aria-labelledby="exceptions-heading"><h2 id="exceptions-heading">Exceptions</h2>${countList('exceptions', EXCEPTION_STATUSES, report.summary.exceptions)}${list}${age}</section>`;
}
