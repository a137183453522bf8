import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { addDuration, daysBetween, fixedDurationMs, formatDate, isOlderThan, parseAsOf, parseDate, parseDuration, parseInstant, parseInstantMs, startOfDay } from '../../src/core/time.js';

const at = (text: string): Date => new Date(text);

describe('parseDuration: the one grammar for catalogs and params', () => {
  it('reads minutes, hours, days and weeks (decimals allowed), months and years (whole)', () => {
    expect(['30m', '1.5h', '90d', '12w', '6mo', '1y', ' 2d '].map((text) => parseDuration(text))).toEqual([
      { amount: 30, unit: 'm', text: '30m' },
      { amount: 1.5, unit: 'h', text: '1.5h' },
      { amount: 90, unit: 'd', text: '90d' },
      { amount: 12, unit: 'w', text: '12w' },
      { amount: 6, unit: 'mo', text: '6mo' },
      { amount: 1, unit: 'y', text: '1y' },
      { amount: 2, unit: 'd', text: ' 2d ' },
    ]);
  });

  it('rejects anything else: no unit, unknown units, fractions of months, signs, spaces inside', () => {
    for (const text of ['6', 'h6', '6 h', '1.5mo', '2.5y', '-1d', '1s', '1dd', '', 'mo']) expect(parseDuration(text), text).toBeUndefined();
  });

  it('gives the length of fixed units only', () => {
    const ms = (text: string) => {
      const duration = parseDuration(text);
      return duration === undefined ? 'invalid' : fixedDurationMs(duration);
    };
    expect(['30m', '6h', '1.5h', '2d', '1w', '0h', '1mo', '1y'].map(ms)).toEqual([1_800_000, 21_600_000, 5_400_000, 172_800_000, 604_800_000, 0, undefined, undefined]);
  });
});

describe('addDuration and isOlderThan', () => {
  it('adds fixed units exactly and keeps month ends in their month', () => {
    const start = at('2026-08-31T00:00:00Z');
    const add = (text: string) => addDuration(start, parseDuration(text) ?? { amount: 0, unit: 'd', text }).toISOString();
    expect(add('90m')).toBe('2026-08-31T01:30:00.000Z');
    expect(add('6h')).toBe('2026-08-31T06:00:00.000Z');
    expect(add('1w')).toBe('2026-09-07T00:00:00.000Z');
    expect(add('6mo')).toBe('2027-02-28T00:00:00.000Z');
    expect(add('1y')).toBe('2027-08-31T00:00:00.000Z');
    expect(addDuration(at('2028-02-29T00:00:00Z'), { amount: 1, unit: 'y', text: '1y' }).toISOString()).toBe('2029-02-28T00:00:00.000Z');
    expect(addDuration(at('2026-03-31T12:00:00Z'), { amount: -1, unit: 'mo', text: '-1mo' }).toISOString()).toBe('2026-02-28T12:00:00.000Z');
  });

  it('is older only strictly past the duration', () => {
    const ninety = { amount: 90, unit: 'd', text: '90d' } as const;
    expect(isOlderThan(at('2026-08-03T00:00:00Z'), ninety, at('2026-11-01T00:00:00Z'))).toBe(false);
    expect(isOlderThan(at('2026-08-02T23:59:59Z'), ninety, at('2026-11-01T00:00:00Z'))).toBe(true);
  });
});

describe('parseInstant', () => {
  it.each([
    ['Z', '2026-11-01T10:30:00Z', '2026-11-01T10:30:00.000Z'],
    ['lower-case t and z', '2026-11-01t10:30:00z', '2026-11-01T10:30:00.000Z'],
    ['an offset with a colon', '2026-11-01T12:30:00+02:00', '2026-11-01T10:30:00.000Z'],
    ['an offset without a colon', '2026-11-01T05:00:00-0530', '2026-11-01T10:30:00.000Z'],
    ['an offset in hours', '2026-11-01T11:30:00+01', '2026-11-01T10:30:00.000Z'],
    ['no seconds', '2026-11-01T10:30Z', '2026-11-01T10:30:00.000Z'],
    ['milliseconds', '2026-11-01T10:30:00.250Z', '2026-11-01T10:30:00.250Z'],
    ['nanoseconds, truncated', '2026-11-01T10:30:00.123456789Z', '2026-11-01T10:30:00.123Z'],
    ['one digit of fraction', '2026-11-01T10:30:00.5Z', '2026-11-01T10:30:00.500Z'],
    ['a comma before the fraction', '2026-11-01T10:30:00,5Z', '2026-11-01T10:30:00.500Z'],
    ["Python's str(datetime)", '2023-03-09 10:41:45+00:00', '2023-03-09T10:41:45.000Z'],
    ["Python's str(datetime) with microseconds", '2023-03-09 10:41:45.000120+00:00', '2023-03-09T10:41:45.000Z'],
    ['a leap day', '2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['the offset crosses the day', '2026-12-31T23:30:00-01:00', '2027-01-01T00:30:00.000Z'],
    ['epoch seconds (AWS CLI v1)', 1600721892, '2020-09-21T20:58:12.000Z'],
    ['epoch seconds with a fraction', 1600721892.929, '2020-09-21T20:58:12.929Z'],
  ])('reads %s', (_name, value, iso) => {
    expect(parseInstant(value)?.toISOString()).toBe(iso);
  });

  it.each([
    ['no zone', '2026-11-01T10:30:00'],
    ['a naive Python datetime', '2026-11-01 10:30:00'],
    ['a date only', '2026-11-01'],
    ['an impossible day', '2026-02-29T00:00:00Z'],
    ['hour 24', '2026-11-01T24:00:00Z'],
    ['a leap second', '2016-12-31T23:59:60Z'],
    ['an offset past 23 hours', '2026-11-01T10:30:00+24:00'],
    ['offset minutes past 59', '2026-11-01T10:30:00+01:60'],
    ['leading space', ' 2026-11-01T10:30:00Z'],
    ['two spaces', '2026-11-01  10:30:00Z'],
    ['a US date', '11/01/2026 10:30'],
    ['a negative epoch', -1],
    ['an infinite epoch', Number.POSITIVE_INFINITY],
    ['null', null],
  ])('refuses %s', (_name, value) => {
    expect(parseInstant(value)).toBeUndefined();
  });

  // The two common shapes are read digit by digit; with a fraction added, the same text goes through the grammar.
  it('reads the common shapes exactly as the grammar does, for any character in any place', () => {
    const bases = ['2024-02-29T23:59:59Z', '2026-12-31t00:00:00+23:59', '1999-01-31 12:30:45-05:30'];
    const replacements = ['0', '1', '2', '3', '5', '6', '9', ':', '-', '+', 'T', 't', ' ', 'Z', 'z', '.', 'x', '\u0660'];
    let compared = 0;
    for (const base of bases) {
      for (let index = 0; index < base.length; index++) {
        for (const replacement of replacements) {
          const value = `${base.slice(0, index)}${replacement}${base.slice(index + 1)}`;
          const withFraction = `${value.slice(0, 19)}.0${value.slice(19)}`;
          expect(parseInstant(value)?.getTime(), value).toBe(parseInstant(withFraction)?.getTime());
          compared += 1;
        }
      }
    }
    expect(compared).toBe(1260);
    expect(parseInstant('0999-01-01T00:00:00Z')?.toISOString()).toBe('0999-01-01T00:00:00.000Z');
    expect(parseInstant('2100-02-29T00:00:00Z')).toBeUndefined();
    expect(parseInstant('2000-02-29T00:00:00Z')?.toISOString()).toBe('2000-02-29T00:00:00.000Z');
  });
});

describe('parseDate', () => {
  it('reads calendar dates as 00:00 UTC and instants with a zone', () => {
    expect(parseDate('2026-11-01')?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(parseDate('2026-11-01T12:30:00+02:00')?.toISOString()).toBe('2026-11-01T10:30:00.000Z');
    expect(parseDate('2026-11-01T12:30Z')?.toISOString()).toBe('2026-11-01T12:30:00.000Z');
    expect(parseDate('2026-11-01T12:30:00.250Z')?.toISOString()).toBe('2026-11-01T12:30:00.250Z');
  });

  it('rejects impossible dates and instants without a zone', () => {
    for (const text of ['2026-02-30', '2026-13-01', '2026-11-01T12:30:00', '01/11/2026', 'now', '']) expect(parseDate(text), text).toBeUndefined();
    // `Date` would roll these over into March, or to the next day.
    for (const text of ['2026-02-31T10:00:00Z', '2026-04-31T00:00:00+02:00', '2026-11-01T24:00:00Z']) expect(parseDate(text), text).toBeUndefined();
  });
});

describe('days and as-of', () => {
  it('counts whole days, floored, and formats calendar dates in UTC', () => {
    expect(daysBetween(at('2026-11-01T00:00:00Z'), at('2026-11-03T23:59:59Z'))).toBe(2);
    expect(daysBetween(at('2026-11-03T00:00:00Z'), at('2026-11-01T00:00:00Z'))).toBe(-2);
    expect(startOfDay(at('2026-11-01T23:59:59Z')).toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(formatDate(at('2026-11-01T23:59:59Z'))).toBe('2026-11-01');
  });

  it('defaults as-of to now and rejects what is not a date', () => {
    const now = at('2026-12-02T10:00:00Z');
    expect(parseAsOf(undefined, () => now)).toBe(now);
    expect(parseAsOf('2026-11-01').toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(() => parseAsOf('yesterday')).toThrow(UserError);
  });
});

describe('parseInstant, the common UTC form read digit by digit', () => {
  it('reads whole seconds, milliseconds and longer fractions (truncated), leap days included', () => {
    expect(parseInstantMs('2026-10-31T07:58:12Z')).toBe(Date.UTC(2026, 9, 31, 7, 58, 12));
    expect(parseInstantMs('2026-10-31T07:58:12.5Z')).toBe(Date.UTC(2026, 9, 31, 7, 58, 12, 500));
    expect(parseInstantMs('2023-03-13T19:15:41.6195833Z')).toBe(Date.UTC(2023, 2, 13, 19, 15, 41, 619));
    expect(parseInstant('2024-02-29T23:59:59.999Z')?.toISOString()).toBe('2024-02-29T23:59:59.999Z');
  });

  it('refuses what the grammar refuses: impossible days, hours, minutes and seconds, an empty fraction, years before 100', () => {
    for (const text of ['2023-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-13-01T00:00:00Z', '2026-10-31T24:00:00Z', '2026-10-31T07:60:00Z', '2026-10-31T07:58:60Z', '2026-10-31T07:58:12.Z', '0099-01-01T00:00:00Z', '2026-1O-31T07:58:12Z']) {
      expect(parseInstant(text), text).toBeUndefined();
    }
  });

  it('leaves other forms to the grammar, which reads them as before', () => {
    expect(parseInstantMs('2026-10-31 09:58:12+02:00')).toBe(Date.UTC(2026, 9, 31, 7, 58, 12));
    expect(parseInstantMs('2026-10-31t07:58:12z')).toBe(Date.UTC(2026, 9, 31, 7, 58, 12));
    expect(parseInstantMs('2026-10-31T07:58:12,25Z')).toBe(Date.UTC(2026, 9, 31, 7, 58, 12, 250));
  });
});
