import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StreamCheck } from '../../../src/kit/define-check.js';
import { defineCheck } from '../../../src/kit/define-check.js';
import type { SourceText, StreamSource } from '../../../src/kit/define-source.js';
import { processFiles, type FileSettings, type OutOfTime, type PassFile, type ThreadTest } from '../../../src/engine/stream/process-file.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'process-file-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Each line of a file is a record; a file holding `broken` is malformed. */
const lines: StreamSource = {
  type: 'test/lines',
  kind: 'stream',
  description: 'Lines.',
  readFile(file: SourceText) {
    if (file.text.includes('broken')) throw new Error(`${file.display} is malformed`);
    return file.text.split('\n').filter((line) => line !== '');
  },
};

/** Spends `ms` on every record it visits, so that files take a known time each. */
function slowCheck(ms: number): StreamCheck {
  const check = defineCheck({
    id: 'test/slow',
    title: 'Slow check',
    description: 'Takes its time.',
    // Any registered record type: the records are never looked at.
    inputs: { records: 'aws/cloudtrail-logs' },
    remediation: 'None.',
    visitor: {
      init: () => ({ records: 0 }),
      visit(state: { records: number }) {
        const until = performance.now() + ms;
        while (performance.now() < until);
        state.records += 1;
      },
      merge: (a: { records: number }, b: { records: number }) => ({ records: a.records + b.records }),
      finish: (state: { records: number }) => ({ examined: state.records, findings: [] }),
    },
  });
  if (check.kind !== 'stream') throw new Error('expected a stream check');
  return check;
}

function threadTest(check: StreamCheck): ThreadTest {
  return { check, name: `check ${check.id}`, context: { inputs: {}, params: {}, asOf: new Date('2026-11-01T00:00:00Z') }, view: undefined };
}

function files(contents: readonly string[]): PassFile[] {
  return contents.map((text, index) => {
    const file = path.join(tmp, `${String(index).padStart(3, '0')}-${Math.random().toString(36).slice(2)}.txt`);
    writeFileSync(file, text);
    return { index, path: file };
  });
}

const settings = (timeLimitMs: number): FileSettings => ({ gapMs: null, read: { base: tmp, timeLimitMs }, window: null });

describe('processFiles', () => {
  it('gives each file a time limit of its own: files that together take longer than one limit all finish', () => {
    // Six files of 60 ms each: 360 ms under one watchdog of 150 ms, so it fires and the batch goes on.
    const read = processFiles(lines, [threadTest(slowCheck(60))], files(Array.from({ length: 6 }, () => 'a\n')), settings(150));
    expect(read.failed).toBeUndefined();
    expect(read.outcomes.map((outcome) => outcome.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(read.outcomes.map((outcome) => outcome.tests[0]?.ok)).toEqual([true, true, true, true, true, true]);
    expect(read.outcomes.map((outcome) => outcome.records)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('stops a check that alone exceeds the limit on one file, and skips it on the files after', () => {
    const outOfTime: OutOfTime = new Map();
    // 45 ms a record: the limit falls inside the third record of the second file, not between two.
    const read = processFiles(lines, [threadTest(slowCheck(45))], files(['a\n', 'a\nb\nc\nd\ne\n', 'a\n']), settings(120), outOfTime);
    expect(read.failed).toBeUndefined();
    const [first, slow, after] = read.outcomes.map((outcome) => outcome.tests[0]);
    expect(first?.ok).toBe(true);
    expect(slow?.ok === false && slow.error.message).toMatch(/^check test\/slow did not finish within 0.12 s on .*001-/);
    expect(after).toBe(slow);
    expect(outOfTime.size).toBe(1);
  });

  it('ends at the first file the source cannot read, with the outcomes of the files before it', () => {
    const read = processFiles(lines, [threadTest(slowCheck(0))], files(['a\n', 'b\n', 'broken\n', 'c\n']), settings(1000));
    expect(read.outcomes.map((outcome) => outcome.index)).toEqual([0, 1]);
    expect(read.failed?.index).toBe(2);
    expect(String(read.failed?.error)).toMatch(/002-.* is malformed/);
  });

  it('reads only as many files as it is given, pulling each from the iterable once', () => {
    const given = files(['a\n', 'b\n', 'c\n']);
    const pulled: number[] = [];
    const iterable = (function* () {
      for (const file of given) {
        pulled.push(file.index);
        yield file;
      }
    })();
    const read = processFiles(lines, [threadTest(slowCheck(0))], iterable, settings(1000));
    expect(pulled).toEqual([0, 1, 2]);
    expect(read.outcomes).toHaveLength(3);
  });
});
