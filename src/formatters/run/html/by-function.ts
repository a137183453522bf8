// One lens per control function as stacked bars (a programme strong on prevention and weak on detection shows at a
// glance), with a legend and the same numbers as a table.
import { FUNCTIONS, type ControlFunction } from '../../../core/vocabulary.js';
import { html, type Markup } from '../../html/markup.js';
import { legend, stackedBar, svgFigure, svgText } from '../../html/svg.js';
import { dataTable } from '../../html/table.js';
import { toneOf } from '../../html/tones.js';
import { sum } from '../../text/layout.js';

const LABEL_WIDTH = 80;
const BAR_AREA = 300;
const ROW_HEIGHT = 34;
const BAR_HEIGHT = 22;

/** A lens counted per control function: `works` or `exists`, its verdicts, and the count of each per function. */
export interface LensByFunction<K extends string> {
  lens: 'exists' | 'works';
  verdicts: readonly K[];
  counts: Readonly<Record<ControlFunction, Readonly<Record<K, number>>>>;
}

function bars<K extends string>({ lens, verdicts, counts }: LensByFunction<K>): Markup {
  const totals = FUNCTIONS.map((fn) => sum(verdicts.map((verdict) => counts[fn][verdict])));
  const unit = BAR_AREA / Math.max(1, ...totals);
  const rows = FUNCTIONS.map((fn, index) => {
    const y = 8 + index * ROW_HEIGHT;
    const total = totals[index] ?? 0;
    const segments = verdicts.map((verdict) => ({ value: counts[fn][verdict], tone: toneOf(verdict), label: `${fn} ${verdict}` }));
    return html`<g class="bar" data-function="${fn}">${svgText(LABEL_WIDTH - 8, y + BAR_HEIGHT / 2 + 4, fn, { anchor: 'end' })}${stackedBar(segments, { x: LABEL_WIDTH, y, height: BAR_HEIGHT, unit })}${svgText(LABEL_WIDTH + total * unit + 6, y + BAR_HEIGHT / 2 + 4, `${total} total`)}</g>`;
  });
  const description = FUNCTIONS.map((fn, index) => `${fn}: ${verdicts.map((verdict) => `${counts[fn][verdict]} ${verdict}`).join(', ')} of ${totals[index] ?? 0}`).join('; ');
  const height = 8 + FUNCTIONS.length * ROW_HEIGHT;
  return svgFigure(
    { id: `${lens}-by-function-chart`, title: `${lens === 'works' ? 'Works' : 'Exists'} lens by control function`, description, width: LABEL_WIDTH + BAR_AREA + 70, height: height + 8 },
    [html`<line class="axis" x1="${LABEL_WIDTH}" y1="0" x2="${LABEL_WIDTH}" y2="${height}" />`, rows],
  );
}

/** The bars, their legend, and the table of the same counts. */
export function byFunctionFigure<K extends string>(lensByFunction: LensByFunction<K>): Markup {
  const { lens, verdicts, counts } = lensByFunction;
  const table = dataTable({
    caption: `${lens === 'works' ? 'Works' : 'Exists'} by function, in numbers`,
    columns: ['function', ...verdicts.map((verdict) => ({ title: verdict, numeric: true })), { title: 'total', numeric: true }],
    rows: FUNCTIONS.map((fn) => {
      const row = verdicts.map((verdict) => counts[fn][verdict]);
      return [{ header: fn }, ...row, sum(row)];
    }),
    className: `${lens}-by-function`,
  });
  return html`<figure>${bars(lensByFunction)}<figcaption>Controls per function, split by the ${lens} verdict; bar length is the number of controls.</figcaption>${legend(verdicts.map((verdict) => ({ label: verdict, tone: toneOf(verdict) })))}</figure>${table}`;
}
