import { describe, expect, it } from 'vitest';
import { PROGRESS_DELAY_MS, PROGRESS_INTERVAL_MS, progressReporter, progressText } from '../../src/cli/progress.js';
import type { CliIo } from '../../src/cli/io.js';

const CLEAR = '\r\u001b[2K';

/** A terminal whose clock moves only when told, recording what was written to it raw. */
function fakeTerminal(isTty = true): Pick<CliIo, 'stderrIsTty' | 'stderrRaw' | 'now'> & { written: string[]; tick: (ms: number) => void } {
  let time = 0;
  const written: string[] = [];
  return { stderrIsTty: isTty, stderrRaw: (text) => void written.push(text), now: () => time, written, tick: (ms) => void (time += ms) };
}

describe('progressText', () => {
  it('counts files and records, with thousands separated and singulars', () => {
    expect(progressText({ files: 12, records: 34_567 })).toBe('controlproof: read 12 files, 34,567 records…');
    expect(progressText({ files: 1, records: 1 })).toBe('controlproof: read 1 file, 1 record…');
  });
});

describe('progressReporter', () => {
  it('shows nothing for a run shorter than a second', () => {
    const terminal = fakeTerminal();
    const progress = progressReporter(terminal);
    terminal.tick(PROGRESS_DELAY_MS - 1);
    progress.update({ files: 3, records: 300 });
    progress.end();
    expect(terminal.written).toEqual([]);
  });

  it('after a second, redraws one line in place at most every interval, and clears it at the end', () => {
    const terminal = fakeTerminal();
    const progress = progressReporter(terminal);
    terminal.tick(PROGRESS_DELAY_MS);
    progress.update({ files: 1, records: 10 });
    terminal.tick(PROGRESS_INTERVAL_MS - 1);
    progress.update({ files: 2, records: 20 });
    terminal.tick(1);
    progress.update({ files: 3, records: 30 });
    progress.end();
    expect(terminal.written).toEqual([`${CLEAR}controlproof: read 1 file, 10 records…`, `${CLEAR}controlproof: read 3 files, 30 records…`, CLEAR]);
    expect(terminal.written.join('')).not.toContain('\n');
  });

  it('never writes when stderr is not a terminal', () => {
    const terminal = fakeTerminal(false);
    const progress = progressReporter(terminal);
    terminal.tick(10 * PROGRESS_DELAY_MS);
    progress.update({ files: 1, records: 1 });
    progress.end();
    expect(terminal.written).toEqual([]);
  });

  it('clears only once, and not at all when it never drew', () => {
    const terminal = fakeTerminal();
    const progress = progressReporter(terminal);
    progress.end();
    terminal.tick(PROGRESS_DELAY_MS);
    progress.update({ files: 1, records: 1 });
    progress.end();
    progress.end();
    expect(terminal.written).toEqual([`${CLEAR}controlproof: read 1 file, 1 record…`, CLEAR]);
  });
});
