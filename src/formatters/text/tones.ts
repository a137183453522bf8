// Colours for the terminal report: verdict words by tone, zero counts dimmed, one-line count summaries.
import type { ChalkInstance } from 'chalk';

const TONES = new Map<string, 'red' | 'yellow' | 'green'>([
  ['paper-only', 'red'],
  ['failing', 'red'],
  ['ineffective', 'red'],
  ['fail', 'red'],
  ['error', 'red'],
  ['expired', 'red'],
  ['stale', 'yellow'],
  ['missing', 'yellow'],
  ['expiring', 'yellow'],
  ['vacuous', 'yellow'],
  ['assured', 'green'],
  ['effective', 'green'],
  ['evidenced', 'green'],
  ['pass', 'green'],
]);

/** A verdict word in its tone: red for what needs action, yellow for what needs a look, green for what is fine. */
export function verdict(chalk: ChalkInstance, word: string): string {
  const tone = TONES.get(word);
  return tone ? chalk[tone](word) : word;
}

/** A count, dimmed when it is zero so the numbers that matter stand out. */
export function count(chalk: ChalkInstance, value: number): string {
  return value === 0 ? chalk.dim('0') : String(value);
}

/** `label  1 a · 0 b`: one count per word of a fixed vocabulary. */
export function countsLine<K extends string>(
  chalk: ChalkInstance,
  label: string,
  keys: readonly K[],
  counts: Record<K, number>,
): string {
  return `${chalk.bold(label)}  ${keys.map((key) => `${counts[key]} ${verdict(chalk, key)}`).join(chalk.dim(' · '))}`;
}
