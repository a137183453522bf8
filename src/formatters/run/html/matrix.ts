// The exists × works matrix: a heat map whose cells are tinted by how many controls they hold and coloured by the
// assurance label of the pair, each cell naming its count and label; the same numbers follow as a table.
import { EXISTS, WORKS } from '../../../core/vocabulary.js';
import { assurance } from '../../../engine/verdicts.js';
import type { Report } from '../../../report/model.js';
import { html, type Markup } from '../../html/markup.js';
import { svgFigure, svgText, toneRect } from '../../html/svg.js';
import { dataTable } from '../../html/table.js';
import { toneOf } from '../../html/tones.js';
import { plural, sum } from '../../text/layout.js';

const LABEL_WIDTH = 96;
const HEAD_HEIGHT = 28;
const CELL = { width: 112, height: 64 };

/** From a faint tint for one control to a strong one for the fullest cell. */
function tint(count: number, max: number): number {
  return max === 0 ? 0 : 0.2 + (0.65 * count) / max;
}

function heatMap(report: Report): Markup {
  const { matrix } = report.summary;
  const max = Math.max(...EXISTS.flatMap((exists) => WORKS.map((works) => matrix[exists][works])));
  const cells = EXISTS.flatMap((exists, row) =>
    WORKS.map((works, column) => {
      const count = matrix[exists][works];
      const label = assurance(exists, works);
      const box = { x: LABEL_WIDTH + column * CELL.width, y: HEAD_HEIGHT + row * CELL.height, ...CELL };
      const inner = { x: box.x + 2, y: box.y + 2, width: box.width - 4, height: box.height - 4 };
      const tooltip = `exists ${exists} × works ${works}: ${plural(count, 'control')}, ${label}`;
      const fill = count === 0 ? html`<rect class="empty" x="${inner.x}" y="${inner.y}" width="${inner.width}" height="${inner.height}"><title>${tooltip}</title></rect>` : toneRect(inner, toneOf(label), tooltip, tint(count, max));
      const middle = box.x + box.width / 2;
      return html`<g class="cell" data-exists="${exists}" data-works="${works}" data-count="${count}">${fill}${svgText(middle, box.y + 30, count, { anchor: 'middle', className: 'count on-fill' })}${svgText(middle, box.y + 50, label, { anchor: 'middle', className: 'on-fill' })}</g>`;
    }),
  );
  const columnHeads = WORKS.map((works, column) => svgText(LABEL_WIDTH + column * CELL.width + CELL.width / 2, 18, works, { anchor: 'middle' }));
  const rowHeads = EXISTS.map((exists, row) => svgText(LABEL_WIDTH - 8, HEAD_HEIGHT + row * CELL.height + CELL.height / 2 + 4, exists, { anchor: 'end' }));
  const description = EXISTS.map((exists) => `${exists}: ${WORKS.map((works) => `${matrix[exists][works]} ${works}`).join(', ')}`).join('; ');
  return svgFigure(
    {
      id: 'matrix-chart',
      title: 'Controls by exists (rows) and works (columns)',
      description,
      width: LABEL_WIDTH + WORKS.length * CELL.width,
      height: HEAD_HEIGHT + EXISTS.length * CELL.height,
    },
    [columnHeads, rowHeads, cells],
  );
}

function matrixTable(report: Report): Markup {
  const { matrix } = report.summary;
  const rows = EXISTS.map((exists) => WORKS.map((works) => matrix[exists][works]));
  const totals = WORKS.map((_, column) => sum(rows.map((row) => row[column] ?? 0)));
  return dataTable({
    caption: 'Exists × works, in numbers',
    columns: ['exists \\ works', ...WORKS.map((works) => ({ title: works, numeric: true })), { title: 'total', numeric: true }],
    rows: [...EXISTS.map((exists, index) => [{ header: exists }, ...(rows[index] ?? []), sum(rows[index] ?? [])]), [{ header: 'total' }, ...totals, sum(totals)]],
    className: 'matrix',
  });
}

/** The heat map with its caption, and the table of its numbers with totals. */
export function matrixFigure(report: Report): Markup {
  return html`<figure>${heatMap(report)}<figcaption>Each cell counts the controls with that pair of verdicts and names its assurance label; the lenses are not combined into a score.</figcaption></figure>${matrixTable(report)}`;
}
