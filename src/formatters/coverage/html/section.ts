// The framework coverage matrix in HTML, the same section in the run report and in `coverage --format html`: the
// overview, then per framework its counts, the criteria some control is mapped to with each control's two lenses
// side by side, and the gaps by group.
import { ASSURANCE } from '../../../core/vocabulary.js';
import type { FrameworkCoverage } from '../../../report/model.js';
import { html, type Content, type Markup } from '../../html/markup.js';
import { dataTable, rowCells, tableHead } from '../../html/table.js';
import { badge, countList } from '../../html/tones.js';
import { plural } from '../../text/layout.js';
import { criteriaCounts, gapsByGroup, matrixRows, STATUS_LEGEND } from '../columns.js';
import { coverageOverview, frameworkAnchor } from './chart.js';

const MATRIX_COLUMNS = [{ title: 'criterion', nowrap: true }, 'title', 'status', 'control', 'owner', 'exists', 'works', 'assurance'];

function matrixTable(framework: FrameworkCoverage): Markup {
  const rows = matrixRows(framework);
  if (rows.length === 0) return html`<p>No control is mapped to any of its criteria.</p>`;
  const body = rows.map((row) => {
    const first = row.criterion !== '';
    const cells = [
      first ? html`<code>${row.criterion}</code>` : '',
      row.title,
      first ? badge(row.status) : '',
      [html`<code>${row.control}</code> `, row.controlTitle],
      row.owner,
      badge(row.exists),
      badge(row.works),
      badge(row.assurance),
    ];
    return first ? html`<tr class="criterion" data-status="${row.status}">${rowCells(cells, MATRIX_COLUMNS)}</tr>` : html`<tr>${rowCells(cells, MATRIX_COLUMNS)}</tr>`;
  });
  const mapped = framework.summary.assured + framework.summary.unassured;
  return html`<table class="coverage-matrix"><caption>${plural(mapped, 'criterion', 'criteria')} some control is mapped to, each control with both lenses</caption>${tableHead(MATRIX_COLUMNS)}<tbody>${body}</tbody></table>`;
}

function gapTable(framework: FrameworkCoverage): Content {
  const groups = gapsByGroup(framework);
  if (groups.length === 0) return '';
  return dataTable({
    caption: `Gaps: ${plural(framework.summary.gap, 'criterion', 'criteria')} no control is mapped to`,
    columns: ['group', { title: 'gaps', numeric: true }, 'criteria'],
    rows: groups.map(({ group, ids }) => [{ header: group === '' ? '–' : group }, ids.length, ids.map((id, index) => [index > 0 ? ' ' : '', html`<code>${id}</code>`])]),
    className: 'gaps',
  });
}

function frameworkArticle(framework: FrameworkCoverage, index: number): Markup {
  const { key, summary } = framework;
  return html`<article class="framework" id="${frameworkAnchor(index)}" data-framework="${key}">
<h3>${framework.title} <code>${key}</code>${framework.origin === 'catalog' ? html` <span class="muted">(declared in the catalog)</span>` : ''}</h3>
<p><strong>${criteriaCounts(framework)}</strong></p>
<h4>${plural(summary.controls, 'control')} mapped, by assurance</h4>
${countList(`${key} controls by assurance`, ASSURANCE, summary.assurance)}
${matrixTable(framework)}
${gapTable(framework)}
</article>`;
}

/** The coverage section of an HTML page, for the frameworks in scope (see coverageOf). */
export function frameworkCoverageSection(frameworks: readonly FrameworkCoverage[]): Markup {
  const body =
    frameworks.length === 0
      ? html`<p>No control is mapped to a framework, and the catalog declares none.</p>`
      : [coverageOverview(frameworks), frameworks.map(frameworkArticle)];
  return html`<section id="coverage" aria-labelledby="coverage-heading"><h2 id="coverage-heading">Framework coverage</h2><p class="muted">${STATUS_LEGEND}</p>${body}</section>`;
}
