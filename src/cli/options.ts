// Option values shared by the commands, parsed strictly: a value that cannot mean anything is a usage error.
import type { LoadedCatalog } from '../catalog/model.js';
import { UserError } from '../core/errors.js';
import { parseAsOf } from '../core/time.js';
import { MIN_WIDTH } from '../formatters/text/widths.js';

/** A repeatable option whose every occurrence may hold a comma list: `--control A,B --control C`. */
export function listOption(flag: string): (value: string, previous: readonly string[]) => string[] {
  return (value, previous) => {
    const items = value.split(',').map((item) => item.trim());
    if (items.some((item) => item === '')) {
      throw new UserError(`Empty value in ${flag} "${value}"`, { hint: `Give ${flag} one or more values, separated by commas.` });
    }
    return [...previous, ...items];
  };
}

/** A repeatable option whose occurrences are kept as given, in order: `--format json=report.json --format table`. */
export function repeatedOption(value: string, previous: readonly string[]): string[] {
  return [...previous, value];
}

export function parseWarnDays(text: string): number {
  const days = Number(text);
  if (text.trim() === '' || !Number.isInteger(days) || days < 0) {
    throw new UserError(`Invalid --warn-days "${text}": expected a whole number of days`, { hint: 'For example --warn-days 30.' });
  }
  return days;
}

/** `--check-timeout SECONDS` in milliseconds: how long one check run may take before its test is `error`. */
export function parseCheckTimeout(text: string): number {
  const limitMs = Math.round(Number(text) * 1000);
  if (text.trim() === '' || !Number.isFinite(limitMs) || limitMs < 1 || limitMs > MAX_CHECK_TIMEOUT_S * 1000) {
    throw new UserError(`Invalid --check-timeout "${text}": expected a number of seconds above 0, at most ${MAX_CHECK_TIMEOUT_S}`, { hint: 'For example --check-timeout 120.' });
  }
  return limitMs;
}

const MAX_CHECK_TIMEOUT_S = 86_400;

/** `--width N`: the columns the terminal table is laid out in. */
export function parseWidth(text: string): number {
  const width = Number(text);
  if (!/^\d+$/.test(text.trim()) || width < MIN_WIDTH || width > MAX_WIDTH) {
    throw new UserError(`Invalid --width "${text}": expected a whole number of columns from ${MIN_WIDTH} to ${MAX_WIDTH}`, { hint: 'For example --width 120; without it the table follows the terminal, or is 80 columns wide.' });
  }
  return width;
}

const MAX_WIDTH = 1000;

/** `--max-findings N|all`: findings listed per test by the table and Markdown; Infinity for all. */
export function parseMaxFindings(text: string): number {
  if (text.trim() === 'all') return Number.POSITIVE_INFINITY;
  if (!/^\d+$/.test(text.trim())) {
    throw new UserError(`Invalid --max-findings "${text}": expected a whole number or all`, { hint: 'For example --max-findings 20, or --max-findings all.' });
  }
  return Number(text);
}

/** Where the assessed moment came from: `--as-of`, the catalog's `as_of` (which pins every run), or the clock. */
export type AsOfSource = 'option' | 'catalog' | 'now';

/** The moment assessed: `--as-of DATE`, `--as-of now`, else the catalog's `as_of`, else now. */
export function resolveAsOf(option: string | undefined, catalog: Pick<LoadedCatalog, 'asOf'>, now: () => Date = () => new Date()): { asOf: Date; source: AsOfSource } {
  if (option === 'now') return { asOf: now(), source: 'now' };
  if (option !== undefined) return { asOf: parseAsOf(option), source: 'option' };
  if (catalog.asOf) return { asOf: catalog.asOf.date, source: 'catalog' };
  return { asOf: now(), source: 'now' };
}

/** The warning a catalog-pinned as-of deserves: a nightly CI run would otherwise assess the same day forever. */
export function pinnedAsOfWarning(catalog: Pick<LoadedCatalog, 'asOf' | 'document'>): UserError {
  return new UserError(`The catalog's as_of pins every run to ${catalog.document.as_of ?? ''}: ages of evidence, keys and exceptions are computed for that day, not today`, {
    ...(catalog.asOf ? { position: catalog.asOf.position } : {}),
    hint: 'Remove as_of from the catalog and pass --as-of when you mean a fixed day (--as-of now for today).',
  });
}

/** `--scope NAME`: the account, region or unit a run covers, as `merge` and `diff` will name it. */
export function parseScope(text: string): string {
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._:@/+-]{0,99}$/u.test(text)) {
    throw new UserError(`Invalid --scope "${text}": expected a name of letters, digits and . _ : @ / + - (at most 100), starting with a letter or digit`, {
      hint: 'Name the account, region or unit: --scope 111111111111, --scope eu-west-1 or --scope finance.',
    });
  }
  return text;
}

const MAX_TREND_RUNS = 1000;

/** `trend --last N`: the newest N runs a trajectory is judged over. */
export function parseLast(text: string): number {
  const last = Number(text);
  if (!/^\d+$/.test(text.trim()) || last < 2 || last > MAX_TREND_RUNS) {
    throw new UserError(`Invalid --last "${text}": expected a whole number of runs from 2 to ${MAX_TREND_RUNS}`, { hint: 'A trajectory needs two runs at least: for example --last 5.' });
  }
  return last;
}
