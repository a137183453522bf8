import { describe, expect, it } from 'vitest';
import { ageDays, dateStatus, daysToExpiry } from '../../src/exceptions/exception-status.js';
import { loadedException } from '../support/loaded-exception.js';

// EX-1 is approved 2026-10-01 and expires 2026-12-31: in force through that whole day.
const exception = loadedException();
const at = (text: string): Date => new Date(text);

describe('dateStatus', () => {
  it('is in force on the last valid day, to its last second', () => {
    expect(daysToExpiry(exception, at('2026-12-31T00:00:00Z'))).toBe(0);
    expect(dateStatus(exception, at('2026-12-31T00:00:00Z'), 30)).toBe('expiring');
    expect(dateStatus(exception, at('2026-12-31T23:59:59Z'), 30)).toBe('expiring');
    expect(dateStatus(exception, at('2026-12-31T23:59:59Z'), 0)).toBe('active');
  });

  it('is expired from the day after', () => {
    expect(daysToExpiry(exception, at('2027-01-01T00:00:00Z'))).toBe(-1);
    expect(dateStatus(exception, at('2027-01-01T00:00:00Z'), 30)).toBe('expired');
    expect(daysToExpiry(exception, at('2027-02-02T12:00:00Z'))).toBe(-33);
  });

  it('is expiring when it ends (2027-01-01T00:00Z) within --warn-days, active before', () => {
    expect(dateStatus(exception, at('2026-11-30T12:00:00Z'), 30)).toBe('active');
    expect(daysToExpiry(exception, at('2026-12-01T00:00:00Z'))).toBe(30);
    expect(dateStatus(exception, at('2026-12-01T00:00:00Z'), 30)).toBe('active');
    expect(dateStatus(exception, at('2026-12-02T00:00:00Z'), 30)).toBe('expiring');
    expect(dateStatus(exception, at('2026-12-02T00:00:00Z'), 29)).toBe('active');
  });
});

describe('ageDays', () => {
  it('counts calendar days from approval to as-of', () => {
    expect(ageDays(exception, at('2026-10-01T18:00:00Z'))).toBe(0);
    expect(ageDays(exception, at('2026-11-01T00:00:00Z'))).toBe(31);
    expect(ageDays(exception, at('2027-10-01T00:00:00Z'))).toBe(365);
  });
});
