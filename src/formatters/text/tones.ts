// Colours for the terminal report: verdict words by tone, zero counts dimmed.
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
