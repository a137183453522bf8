// Small pictures of a series over the runs: a line of numbers, a strip of verdicts. Each is an SVG with a title and a
// description that carries every value, so the picture is never the only way to read it.
import { html, type Markup } from '../../html/markup.js';
import { coordinate, svgFigure, toneRect } from '../../html/svg.js';
import { toneOf } from '../../html/tones.js';
import { numberText } from '../columns.js';

const WIDTH = 160;
const HEIGHT = 40;
const PAD = 5;
const CELL = 14;
const CELL_GAP = 3;

/** One point of a series: the run's date and its value, null where the run has none. */
export interface Point<T> {
  date: string;
  value: T | null;
}

/** `2026-10-04: 81; 2026-10-11: none`: the series as text. */
export function pointsText<T extends number | string>(points: readonly Point<T>[]): string {
  return points.map((point) => `${point.date}: ${point.value === null ? 'none' : typeof point.value === 'number' ? numberText(point.value) : point.value}`).join('; ');
}

/** A line through the values, broken where a run has none, a dot at each value; flat in the middle when all are equal. */
export function sparkline(id: string, title: string, points: readonly Point<number>[]): Markup {
  const values = points.flatMap((point) => (point.value === null ? [] : [point.value]));
  const low = Math.min(...values);
  const high = Math.max(...values);
  const step = points.length > 1 ? (WIDTH - 2 * PAD) / (points.length - 1) : 0;
  const y = (value: number): number => coordinate(high === low ? HEIGHT / 2 : HEIGHT - PAD - ((value - low) / (high - low)) * (HEIGHT - 2 * PAD));
  const placed = points.map((point, index) => ({ ...point, x: coordinate(PAD + index * step) }));
  const path = placed
    .map((point, index) => (point.value === null ? '' : `${index === 0 || placed[index - 1]?.value === null ? 'M' : 'L'}${point.x} ${y(point.value)}`))
    .filter((part) => part !== '')
    .join(' ');
  const dots = placed.map((point) =>
    point.value === null ? '' : html`<circle class="fill-accent" cx="${point.x}" cy="${y(point.value)}" r="2.5"><title>${point.date}: ${numberText(point.value)}</title></circle>`,
  );
  const line = path === '' ? '' : html`<path class="spark" d="${path}" fill="none" />`;
  return svgFigure({ id, title, description: pointsText(points), width: WIDTH, height: HEIGHT }, [line, dots]);
}

/** One square per run in the tone of its verdict; a dashed outline where the control is not in the run. */
export function verdictStrip(id: string, title: string, points: readonly Point<string>[]): Markup {
  const cells = points.map((point, index) => {
    const box = { x: index * (CELL + CELL_GAP), y: 0, width: CELL, height: CELL };
    return point.value === null
      ? html`<rect class="empty" x="${box.x + 0.5}" y="0.5" width="${CELL - 1}" height="${CELL - 1}"><title>${point.date}: absent</title></rect>`
      : toneRect(box, toneOf(point.value), `${point.date}: ${point.value}`);
  });
  return svgFigure({ id, title, description: pointsText(points), width: Math.max(CELL, points.length * (CELL + CELL_GAP) - CELL_GAP), height: CELL }, cells);
}
