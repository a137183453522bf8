import { describe, expect, it } from 'vitest';
import { tableWidth } from '../../src/cli/io.js';

describe('tableWidth', () => {
  it('follows the terminal when the table goes to a stdout that is one', () => {
    expect(tableWidth({ stdoutIsTty: true, stdoutColumns: 132 }, undefined, true)).toBe(132);
  });

  it('is 80 off a terminal, into a file, or when the terminal does not say its width', () => {
    expect(tableWidth({ stdoutIsTty: false, stdoutColumns: 132 }, undefined, true)).toBe(80);
    expect(tableWidth({ stdoutIsTty: true, stdoutColumns: 132 }, undefined, false)).toBe(80);
    expect(tableWidth({ stdoutIsTty: true }, undefined, true)).toBe(80);
    expect(tableWidth({ stdoutIsTty: true, stdoutColumns: 0 }, undefined, true)).toBe(80);
  });

  it('takes --width over everything, and no narrower a terminal than the layout keeps to', () => {
    expect(tableWidth({ stdoutIsTty: true, stdoutColumns: 132 }, 100, true)).toBe(100);
    expect(tableWidth({ stdoutIsTty: false }, 100, false)).toBe(100);
    expect(tableWidth({ stdoutIsTty: true, stdoutColumns: 20 }, undefined, true)).toBe(40);
  });
});
