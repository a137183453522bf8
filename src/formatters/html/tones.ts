// Verdict words in the HTML reports: each has a tone, drawn in the Okabe–Ito palette (safe for colour-blind readers)
// and with a pattern in charts; the word itself is always written beside it, so colour is never the only sign.
import { html, type Markup } from './markup.js';

/** good: fine; bad: needs action; worst: neither lens holds, or it could not run; warn: needs a look; info: a note; neutral: nothing known. */
export type Tone = 'good' | 'bad' | 'worst' | 'warn' | 'info' | 'neutral';

const TONES: ReadonlyMap<string, Tone> = new Map<string, Tone>([
  ['assured', 'good'],
  ['paper-only', 'bad'],
  ['unproven', 'warn'],
  ['undocumented', 'info'],
  ['failing', 'worst'],
  ['unknown', 'neutral'],
  ['evidenced', 'good'],
  ['stale', 'warn'],
  ['missing', 'bad'],
  ['none', 'neutral'],
  ['effective', 'good'],
  ['ineffective', 'bad'],
  ['error', 'worst'],
  ['untested', 'neutral'],
  ['pass', 'good'],
  ['fail', 'bad'],
  ['vacuous', 'warn'],
  ['fresh', 'good'],
  ['active', 'good'],
  ['expiring', 'warn'],
  ['expired', 'bad'],
  ['unused', 'info'],
  ['met', 'good'],
  ['missed', 'bad'],
  ['open', 'bad'],
  ['excepted', 'info'],
  ['ok', 'good'],
  ['unassured', 'warn'],
  ['gap', 'bad'],
  ['held', 'good'],
  ['paper', 'bad'],
  ['not-assessed', 'neutral'],
  ['improving', 'good'],
  ['stagnating', 'neutral'],
  ['deteriorating', 'bad'],
]);

/** The tone of a verdict word; neutral for words it does not know. */
export function toneOf(word: string): Tone {
  return TONES.get(word) ?? 'neutral';
}

/** A verdict word as a badge: the word, in its tone. */
export function badge(word: string): Markup {
  return html`<span class="badge tone-${toneOf(word)}">${word}</span>`;
}

/** `12 ineffective · 4 effective` as a list of counted badges. */
export function countList<K extends string>(label: string, keys: readonly K[], counts: Readonly<Record<K, number>>): Markup {
  return html`<ul class="counts" aria-label="${label}">${keys.map((key) => html`<li data-key="${key}"><strong>${counts[key]}</strong> ${badge(key)}</li>`)}</ul>`;
}
