import { describe, expect, it } from 'vitest';
import { parseMaxFindings, parseWidth } from '../../src/cli/options.js';
import { thrownUserError } from '../support/errors.js';

describe('parseWidth', () => {
  it('takes a whole number of columns from 40 to 1000', () => {
    expect(parseWidth('40')).toBe(40);
    expect(parseWidth('120')).toBe(120);
    expect(parseWidth(' 1000 ')).toBe(1000);
  });

  it.each(['', 'wide', '39', '1001', '80.5', '-80', '1e2', '0x50'])('refuses %j with what it expected and an example', (text) => {
    const error = thrownUserError(() => parseWidth(text));
    expect(error.message).toBe(`Invalid --width "${text}": expected a whole number of columns from 40 to 1000`);
    expect(error.hint).toBe('For example --width 120; without it the table follows the terminal, or is 80 columns wide.');
  });
});

describe('parseMaxFindings', () => {
  it('takes a whole number, 0 included, or all', () => {
    expect(parseMaxFindings('0')).toBe(0);
    expect(parseMaxFindings('12')).toBe(12);
    expect(parseMaxFindings('all')).toBe(Number.POSITIVE_INFINITY);
  });

  it.each(['', 'none', '-1', '2.5', 'ALL', '1e3'])('refuses %j', (text) => {
    const error = thrownUserError(() => parseMaxFindings(text));
    expect(error.message).toBe(`Invalid --max-findings "${text}": expected a whole number or all`);
    expect(error.hint).toBe('For example --max-findings 20, or --max-findings all.');
  });
});
