import { UserError } from './errors.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** The one duration grammar: minutes, hours, days and weeks (decimals allowed), months and years (whole). */
const DURATION = /^(?:(\d+(?:\.\d+)?)(m|h|d|w)|(\d+)(mo|y))$/;
const FIXED_MS = { m: MINUTE_MS, h: 60 * MINUTE_MS, d: DAY_MS, w: 7 * DAY_MS } as const;

/** What a duration is written as, for messages: `30m`, `6h`, `90d`, `12w`, `6mo`, `1y`. */
export const DURATION_UNITS = 'm, h, d, w, mo or y';
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
/**
 * The one instant grammar: ISO 8601 with `T` (or the space Python's `str(datetime)` prints: boto3-based tools write
 * `2023-03-09 10:41:45+00:00`), seconds optional, any fraction, and a zone that is `Z` or an offset (`+00:00`, `+0000`,
 * `+00`). A time without a zone is not an instant: which clock it was read from is unknown.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[Tt ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?([0-5]\d))?)$/;

/** A length of time as written in a catalog or a check's params: `30m`, `6h`, `90d`, `12w`, `6mo`, `1y`. */
export interface Duration {
  amount: number;
  unit: 'm' | 'h' | 'd' | 'w' | 'mo' | 'y';
  text: string;
}

export function parseDuration(text: string): Duration | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const fixed = match[2];
  if (fixed === 'm' || fixed === 'h' || fixed === 'd' || fixed === 'w') return { amount: Number(match[1]), unit: fixed, text };
  const calendar = match[4];
  if (calendar === 'mo' || calendar === 'y') return { amount: Number(match[3]), unit: calendar, text };
  return undefined;
}

/** The length of a duration in milliseconds; undefined for months and years, whose length depends on the date. */
export function fixedDurationMs(duration: Duration): number | undefined {
  return duration.unit === 'mo' || duration.unit === 'y' ? undefined : duration.amount * FIXED_MS[duration.unit];
}

/**
 * `start` moved by `duration` (negative amounts move back), calendar-aware for months and years
 * in UTC: a month end stays in its month (2026-08-31 + 6mo is 2027-02-28, not March 3).
 */
export function addDuration(start: Date, duration: Duration): Date {
  switch (duration.unit) {
    case 'm':
    case 'h':
    case 'd':
    case 'w':
      return new Date(start.getTime() + duration.amount * FIXED_MS[duration.unit]);
    case 'mo':
      return addMonths(start, duration.amount);
    case 'y':
      return addMonths(start, duration.amount * 12);
  }
}

/** The moment `duration` before `end`, calendar-aware like `addDuration`. */
export function durationBefore(end: Date, duration: Duration): Date {
  return addDuration(end, { ...duration, amount: -duration.amount });
}

function addMonths(start: Date, months: number): Date {
  const target = new Date(start.getTime());
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return target;
}

/** Whether `since` is more than `duration` before `asOf`. */
export function isOlderThan(since: Date, duration: Duration, asOf: Date): boolean {
  return addDuration(since, duration).getTime() < asOf.getTime();
}

/**
 * A calendar date (`2026-11-01`, taken as 00:00 UTC) or an instant with a zone (see `parseInstant`).
 * Returns undefined for anything else, including impossible dates like 2026-02-30.
 */
export function parseDate(text: string): Date | undefined {
  const trimmed = text.trim();
  const dateOnly = DATE_ONLY.exec(trimmed);
  if (dateOnly) {
    const [year, month, day] = [Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3])];
    return isCalendarDate(year, month, day) ? new Date(Date.UTC(year, month - 1, day)) : undefined;
  }
  return parseInstant(trimmed);
}

/**
 * An instant as exports write it: a string in the one instant grammar (ISO 8601 with `T` or a space, any fraction,
 * `Z` or an offset), or a number of epoch seconds (AWS CLI v1). Computed from its fields, so no engine's lenient
 * `Date` parsing decides; fractions beyond milliseconds are truncated. Undefined for anything else, including
 * impossible dates (2026-02-31), hours past 23 and offsets past 23:59.
 */
export function parseInstant(value: unknown): Date | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? new Date(Math.round(value * 1000)) : undefined;
  if (typeof value !== 'string') return undefined;
  const fast = commonInstantMs(value);
  return fast === undefined ? parseGrammarInstant(value) : new Date(fast);
}

/** `parseInstant` of a string, in epoch ms: for a reader that keeps the number. */
export function parseInstantMs(text: string): number | undefined {
  return commonInstantMs(text) ?? parseGrammarInstant(text)?.getTime();
}

/** Any instant of the grammar, by the regular expression. */
function parseGrammarInstant(value: string): Date | undefined {
  const match = INSTANT.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((index) => Number(match[index]));
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined) return undefined;
  if (!isCalendarDate(year, month, day)) return undefined;
  const second = Number(match[6] ?? 0);
  const millisecond = Number((match[7] ?? '').slice(0, 3).padEnd(3, '0'));
  const offsetHours = Number(match[10] ?? 0);
  if (offsetHours > 23) return undefined;
  const offsetMinutes = (offsetHours * 60 + Number(match[11] ?? 0)) * (match[9] === '-' ? -1 : 1);
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - offsetMinutes * MINUTE_MS);
}

/**
 * `parseInstant` of the shapes nearly every export writes (`2024-03-05T14:22:07Z`, `.512Z`, `.6195833Z`,
 * `+00:00`), read digit by digit (a credential report has a million of them); undefined for any other text, which
 * the grammar then decides. Years before 1000 are left to it too (`Date.UTC` reads 0-99 as 1900-1999).
 */
function commonInstantMs(value: string): number | undefined {
  if (value.length < 20) return undefined;
  const year = digits(value, 0, 4);
  const [month, day, hour, minute, second] = [digits(value, 5, 2), digits(value, 8, 2), digits(value, 11, 2), digits(value, 14, 2), digits(value, 17, 2)];
  const separator = value.charCodeAt(10);
  if (year < 1000 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45 || (separator !== 84 && separator !== 116 && separator !== 32)) return undefined;
  if (value.charCodeAt(13) !== 58 || value.charCodeAt(16) !== 58 || Math.min(hour, minute, second) < 0 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  let zoneAt = 19;
  let millisecond = 0;
  if (value.charCodeAt(19) === 46) {
    for (zoneAt = 20; zoneAt < value.length; zoneAt++) {
      const digit = value.charCodeAt(zoneAt) - 48;
      if (digit < 0 || digit > 9) break;
      if (zoneAt < 23) millisecond += digit * 10 ** (22 - zoneAt);
    }
    if (zoneAt === 20) return undefined;
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const zone = value.charCodeAt(zoneAt);
  if (zoneAt + 1 === value.length) return zone === 90 || zone === 122 ? utc : undefined;
  if (zoneAt + 6 !== value.length) return undefined;
  const [offsetHours, offsetMinutes] = [digits(value, zoneAt + 1, 2), digits(value, zoneAt + 4, 2)];
  if ((zone !== 43 && zone !== 45) || value.charCodeAt(zoneAt + 3) !== 58 || Math.min(offsetHours, offsetMinutes) < 0 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  return utc - (offsetHours * 60 + offsetMinutes) * MINUTE_MS * (zone === 45 ? -1 : 1);
}

/** The number written by `count` ASCII digits at `start`; -1 when one is not a digit. */
function digits(text: string, start: number, count: number): number {
  let number = 0;
  for (let index = start; index < start + count; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether the day exists: `Date` rolls 2026-02-30 over to March 2, and a value like that is damaged, not a date. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** 00:00 UTC of the calendar day `date` falls on. */
export function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** Whole days from `from` to `to` (negative when `to` is earlier), floored. */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `--as-of` / catalog `as_of`: a date or instant; defaults to now. */
export function parseAsOf(text: string | undefined, now: () => Date = () => new Date()): Date {
  if (text === undefined) return now();
  const date = parseDate(text);
  if (!date) {
    throw new UserError(`Invalid --as-of "${text}": expected a date like 2026-11-01 or an ISO instant`, {
      hint: 'Use YYYY-MM-DD (taken as 00:00 UTC) or a full timestamp such as 2026-11-01T12:00:00Z.',
    });
  }
  return date;
}

/** A span for messages: `5.5h` under two days, else `3.2 days`. */
export function formatSpan(ms: number): string {
  const hours = ms / 3_600_000;
  return hours < 48 ? `${Math.round(hours * 10) / 10}h` : `${Math.round((hours / 24) * 10) / 10} days`;
}
