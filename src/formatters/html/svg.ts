// Chart primitives for the HTML reports: inline SVG only, each picture with a title and a description for screen
// readers, fills by tone (see tones.ts) with a pattern on top, so a chart reads without telling colours apart.
import { html, trusted, type Content, type Markup } from './markup.js';
import type { Tone } from './tones.js';

/** The tones drawn with a pattern over their colour, and the pattern's shape. */
const PATTERN_SHAPES: Readonly<Partial<Record<Tone, string>>> = {
  bad: '<path d="M0 6 L6 0" />',
  worst: '<path d="M0 6 L6 0 M0 0 L6 6" />',
  warn: '<circle cx="3" cy="3" r="1" />',
  info: '<path d="M0 3 L6 3" />',
};

/** One hidden SVG defining the patterns every chart of the page refers to; put once at the top of the body. */
export function patternDefinitions(): Markup {
  const patterns = Object.entries(PATTERN_SHAPES).map(
    ([tone, shape]) => html`<pattern id="pattern-${tone}" width="6" height="6" patternUnits="userSpaceOnUse"><g class="pattern-stroke">${trusted(shape)}</g></pattern>`,
  );
  return html`<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>${patterns}</defs></svg>`;
}

/** Coordinates rounded to a tenth, so the bytes never depend on floating-point noise. */
export function coordinate(value: number): number {
  return Math.round(value * 10) / 10;
}

export interface FigureOptions {
  /** Unique in the page; the title's and the description's ids derive from it. */
  id: string;
  title: string;
  description: string;
  width: number;
  height: number;
}

/** An SVG picture with its accessible name (`title`) and description (`desc`). */
export function svgFigure(options: FigureOptions, body: Content): Markup {
  const { id, title, description, width, height } = options;
  return html`<svg class="chart" id="${id}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc"><title id="${id}-title">${title}</title><desc id="${id}-desc">${description}</desc>${body}</svg>`;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A rectangle filled in `tone` at `opacity`, its pattern on top, with a tooltip title. */
export function toneRect(box: Box, tone: Tone, tooltip: string, opacity = 1): Markup {
  const [x, y, width, height] = [box.x, box.y, box.width, box.height].map(coordinate);
  const pattern = tone in PATTERN_SHAPES ? html`<rect class="pattern" x="${x}" y="${y}" width="${width}" height="${height}" fill="url(#pattern-${tone})" />` : '';
  return html`<rect class="fill-${tone}" x="${x}" y="${y}" width="${width}" height="${height}" fill-opacity="${coordinate(opacity)}"><title>${tooltip}</title></rect>${pattern}`;
}

/** Text at a point; `anchor` start, middle or end. */
export function svgText(x: number, y: number, text: Content, options: { anchor?: 'start' | 'middle' | 'end'; className?: string } = {}): Markup {
  return html`<text x="${coordinate(x)}" y="${coordinate(y)}" text-anchor="${options.anchor ?? 'start'}" class="${options.className ?? ''}">${text}</text>`;
}

export interface Segment {
  value: number;
  tone: Tone;
  label: string;
}

/** A horizontal bar of segments, `unit` pixels per count, each segment labelled with its count where it fits. */
export function stackedBar(segments: readonly Segment[], origin: { x: number; y: number; height: number; unit: number }): Markup[] {
  let x = origin.x;
  return segments
    .filter((segment) => segment.value > 0)
    .map((segment) => {
      const width = segment.value * origin.unit;
      const box = { x, y: origin.y, width, height: origin.height };
      x += width;
      const label = width >= 16 ? svgText(box.x + width / 2, origin.y + origin.height / 2 + 4, segment.value, { anchor: 'middle', className: 'on-fill' }) : '';
      return html`<g class="segment" data-label="${segment.label}" data-value="${segment.value}">${toneRect(box, segment.tone, `${segment.label}: ${segment.value}`)}${label}</g>`;
    });
}

/** A legend: a swatch of each tone, with its pattern, beside the word it stands for. */
export function legend(entries: readonly { label: string; tone: Tone }[]): Markup {
  const items = entries.map(
    ({ label, tone }) =>
      html`<li><svg class="swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">${toneRect({ x: 0, y: 0, width: 14, height: 14 }, tone, label)}</svg> ${label}</li>`,
  );
  return html`<ul class="legend" aria-label="legend">${items}</ul>`;
}
