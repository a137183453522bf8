// The overview of the coverage matrix in HTML: per framework one bar of its criteria split assured / unassured /
// gap, with a legend, and the same counts in a table whose rows link to the framework's part.
import { COVERAGE_STATUSES } from '../../../core/vocabulary.js';
import type { FrameworkCoverage } from '../../../report/model.js';
import { html, type Markup } from '../../html/markup.js';
import { legend, stackedBar, svgFigure, svgText } from '../../html/svg.js';
import { rowCells, tableHead } from '../../html/table.js';
import { toneOf } from '../../html/tones.js';
import { plural } from '../../text/layout.js';

const BAR_AREA = 360;
const ROW_HEIGHT = 34;
const BAR_HEIGHT = 22;
/** Room for the key left of the bars, in the chart's 12px text: a declared framework's key can be long. */
const labelWidth = (frameworks: readonly FrameworkCoverage[]): number => Math.max(80, 16 + 7 * Math.max(0, ...frameworks.map((framework) => framework.key.length)));

/** The element id of a framework's part of the page: data never becomes an id. */
export const frameworkAnchor = (index: number): string => `coverage-${index + 1}`;

/** Each bar is its framework's criteria, whatever their number, so frameworks of 60 and 360 criteria read alike. */
function bars(frameworks: readonly FrameworkCoverage[]): Markup {
  const left = labelWidth(frameworks);
  const rows = frameworks.map((framework, index) => {
    const y = 8 + index * ROW_HEIGHT;
    const { summary } = framework;
    const unit = BAR_AREA / Math.max(1, summary.criteria);
    const segments = COVERAGE_STATUSES.map((status) => ({ value: summary[status], tone: toneOf(status), label: `${framework.key} ${status}` }));
    return html`<g class="bar" data-framework="${framework.key}">${svgText(left - 8, y + BAR_HEIGHT / 2 + 4, framework.key, { anchor: 'end' })}${stackedBar(segments, { x: left, y, height: BAR_HEIGHT, unit })}${svgText(left + BAR_AREA + 6, y + BAR_HEIGHT / 2 + 4, plural(summary.criteria, 'criterion', 'criteria'))}</g>`;
  });
  const description = frameworks
    .map(({ key, summary }) => `${key}: ${COVERAGE_STATUSES.map((status) => `${summary[status]} ${status}`).join(', ')} of ${plural(summary.criteria, 'criterion', 'criteria')}`)
    .join('; ');
  const height = 8 + frameworks.length * ROW_HEIGHT;
  return svgFigure(
    { id: 'coverage-chart', title: 'Framework criteria by coverage status', description, width: left + BAR_AREA + 90, height: height + 8 },
    [html`<line class="axis" x1="${left}" y1="0" x2="${left}" y2="${height}" />`, rows],
  );
}

const COUNT_COLUMNS = ['framework', { title: 'criteria', numeric: true }, ...COVERAGE_STATUSES.map((status) => ({ title: status, numeric: true })), { title: 'controls mapped', numeric: true }];

function countsTable(frameworks: readonly FrameworkCoverage[]): Markup {
  const rows = frameworks.map(({ key, title, summary }, index) => {
    const name = { header: html`<a href="#${frameworkAnchor(index)}"><code>${key}</code></a> ${title}` };
    return html`<tr data-framework="${key}">${rowCells([name, summary.criteria, ...COVERAGE_STATUSES.map((status) => summary[status]), summary.controls], COUNT_COLUMNS)}</tr>`;
  });
  return html`<table class="coverage-counts"><caption>Criteria per framework by status, in numbers</caption>${tableHead(COUNT_COLUMNS)}<tbody>${rows}</tbody></table>`;
}

/** The bars, their legend, and the table of the same counts. */
export function coverageOverview(frameworks: readonly FrameworkCoverage[]): Markup {
  return html`<figure>${bars(frameworks)}<figcaption>The criteria of each framework by status; every bar is the whole framework, split by how many of its criteria are assured, unassured or a gap.</figcaption>${legend(COVERAGE_STATUSES.map((status) => ({ label: status, tone: toneOf(status) })))}</figure>${countsTable(frameworks)}`;
}
