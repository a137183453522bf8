import { describe, expect, it } from 'vitest';
import type { StreamCheck } from '../../../src/kit/define-check.js';
import { defineCheck } from '../../../src/kit/define-check.js';
import { OutcomeMerger } from '../../../src/engine/stream/merge.js';
import type { FileOutcome, ThreadTest } from '../../../src/engine/stream/process-file.js';

interface Seen {
  files: number[];
}

/** Lists the files it merged, in order; spends `ms` in each merge, or never ends on the file `endlessOn`. */
function mergingCheck(id: string, ms: number, endlessOn?: number): ThreadTest {
  const check = defineCheck({
    id,
    title: 'Merging check',
    description: 'Takes its time to merge.',
    // Any registered record type: the records are never looked at.
    inputs: { records: 'aws/cloudtrail-logs' },
    remediation: 'None.',
    visitor: {
      init: (): Seen => ({ files: [] }),
      visit: () => undefined,
      merge(a: Seen, b: Seen) {
        if (b.files[0] === endlessOn) for (;;);
        const until = performance.now() + ms;
        while (performance.now() < until);
        return { files: [...a.files, ...b.files] };
      },
      finish: (state: Seen) => ({ examined: state.files.length, findings: [] }),
    },
  }) as StreamCheck;
  return { check, name: `check ${id}`, context: { inputs: {}, params: {}, asOf: new Date('2026-11-01T00:00:00Z') }, view: undefined };
}

function outcome(index: number, tests: number): FileOutcome {
  return {
    index,
    info: { path: `file-${index}.json`, bytes: 1, sha256: '' },
    records: 1,
    outside: { before: 0, after: 0 },
    ids: null,
    viewRecords: {},
    viewIds: {},
    coverage: null,
    tests: Array.from({ length: tests }, () => ({ ok: true as const, state: { files: [index] } })),
  };
}

function mergedFiles(merger: OutcomeMerger, test: number): unknown {
  const state = merger.finish().states[test];
  return state?.ok ? (state.state as Seen).files : state?.error.message;
}

describe('OutcomeMerger', () => {
  it('folds outcomes in file order, whatever order they arrive in', () => {
    const merger = new OutcomeMerger([mergingCheck('test/a', 0)], null, []);
    merger.add([outcome(2, 1), outcome(0, 1)]);
    merger.add([outcome(3, 1)]);
    merger.add([outcome(1, 1)]);
    expect(mergedFiles(merger, 0)).toEqual([0, 1, 2, 3]);
    expect(merger.finish().records).toBe(4);
  });

  it('counts a record delivered twice once, in the records and in each view, whether or not the view has every record', () => {
    const merger = new OutcomeMerger([], null, []);
    const file = (index: number, ids: string, viewIds: string): FileOutcome => ({
      ...outcome(index, 0),
      records: ids.split('\n').length,
      ids,
      viewRecords: { 'identity/sign-ins': viewIds === '' ? 0 : viewIds.split('\n').length },
      viewIds: { 'identity/sign-ins': viewIds },
    });
    // The view has every record of the first two files, then only some, then every record again.
    merger.add([file(0, 'a\nb', 'a\nb'), file(1, 'b\nc', 'b\nc'), file(2, 'c\nd', 'd'), file(3, 'd\ne', 'd\ne')]);
    const merged = merger.finish();
    expect([merged.records, merged.duplicates]).toEqual([5, 3]);
    const views = new OutcomeMerger([{ ...mergingCheck('test/view', 0), view: 'identity/sign-ins' }], null, []);
    views.add([file(0, 'a\nb', 'a\nb'), file(1, 'b\nc', 'b\nc'), file(2, 'c\nd', 'd'), file(3, 'd\ne', 'd\ne')].map((part) => ({ ...part, tests: [{ ok: true as const, state: { files: [part.index] } }] })));
    expect(views.finish().states[0]).toMatchObject({ ok: true, records: 5 });
  });

  it('gives each merge the whole time limit: merges that together take longer than one limit all finish', () => {
    // Eight merges of 30 ms: 240 ms, where the limit is 100 ms.
    const merger = new OutcomeMerger([mergingCheck('test/slow', 30)], null, [], 100);
    merger.add(Array.from({ length: 9 }, (_, index) => outcome(index, 1)));
    expect(mergedFiles(merger, 0)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('stops a merge that does not end, as an error for its test only, and goes on with the others and the files after', () => {
    const merger = new OutcomeMerger([mergingCheck('test/endless', 0, 2), mergingCheck('test/fine', 0)], null, [], 100);
    merger.add([0, 1, 2, 3, 4].map((index) => outcome(index, 2)));
    expect(mergedFiles(merger, 0)).toBe('check test/endless did not finish within 0.1 s in merge');
    expect(mergedFiles(merger, 1)).toEqual([0, 1, 2, 3, 4]);
    expect(merger.finish().files.map((file) => file.path)).toEqual(['file-0.json', 'file-1.json', 'file-2.json', 'file-3.json', 'file-4.json']);
  });
});
