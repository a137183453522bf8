import { describe, expect, it } from 'vitest';
import { defineStreamCheck } from '../../src/checks/define-stream-check.js';
import { caseProblems } from '../../src/testing/check-tester.js';
import { asBatchCheck, StreamCheckTester } from '../../src/testing/stream-check-tester.js';

const base = { title: 'Test', description: 'Test check.', sources: ['json' as const], remediation: 'None.' };

interface Seen {
  seen: number;
  bad: string[];
}

/** Finds records with `bad: true`; a correct visitor. */
const findsBad = defineStreamCheck({
  ...base,
  id: 'test/finds-bad',
  init: (): Seen => ({ seen: 0, bad: [] }),
  visit(state, record) {
    state.seen += 1;
    if (record !== null && typeof record === 'object' && 'bad' in record && record.bad === true && 'id' in record) state.bad.push(String(record.id));
  },
  merge: (a, b) => ({ seen: a.seen + b.seen, bad: [...a.bad, ...b.bad] }),
  finish: (state) => ({ examined: state.seen, findings: state.bad.map((id) => ({ resource: id, message: `record ${id} is bad` })) }),
});

/** Forgets the second state's findings when merging: only a split run can show it. */
const losesOnMerge = defineStreamCheck({
  ...findsBad,
  ...base,
  id: 'test/loses-on-merge',
  init: (): Seen => ({ seen: 0, bad: [] }),
  visit(state, record) {
    state.seen += 1;
    if (record !== null && typeof record === 'object' && 'id' in record) state.bad.push(String(record.id));
  },
  merge: (a, b) => ({ seen: a.seen + b.seen, bad: a.bad }),
  finish: (state) => ({ examined: state.seen, findings: state.bad.map((id) => ({ resource: id, message: `record ${id} is bad` })) }),
});

/** Keeps a function in its state, which cannot cross a worker thread. */
const unclonable = defineStreamCheck({
  ...base,
  id: 'test/unclonable',
  init: () => ({ seen: 0, format: (n: number) => String(n) }),
  visit(state) {
    state.seen += 1;
  },
  merge: (a, b) => ({ seen: a.seen + b.seen, format: a.format }),
  finish: (state) => ({ examined: state.seen, findings: [] }),
});

new StreamCheckTester(findsBad).run({
  pass: [{ name: 'nothing bad', records: [{ id: 'a' }, { id: 'b' }], examined: 2 }],
  fail: [{ name: 'one bad of three', records: [{ id: 'a' }, { id: 'b', bad: true }, { id: 'c' }], findings: [{ resource: 'b', message: 'record b is bad' }] }],
  vacuous: [{ name: 'no records', records: [] }],
});

describe('StreamCheckTester', () => {
  it('fails a case whose merge loses data', () => {
    const problems = caseProblems(asBatchCheck(losesOnMerge), { kind: 'fail', name: 'x', records: [{ id: 'a' }, { id: 'b' }], findings: [{ resource: 'a', message: 'record a is bad' }] });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^check threw: merge is not consistent: records read as one file gave .*"resource":"b".*, read as two halves gave /);
  });

  it('fails a case whose state cannot cross a worker thread', () => {
    const problems = caseProblems(asBatchCheck(unclonable), { kind: 'pass', name: 'x', records: [{ id: 'a' }] });
    expect(problems).toEqual([expect.stringMatching(/^check threw: state cannot cross a worker thread \(structuredClone failed: /)]);
  });

  it('keeps the stream check metadata', () => {
    const batch = asBatchCheck(findsBad);
    expect([batch.id, batch.title, batch.sources, batch.metrics]).toEqual(['test/finds-bad', 'Test', ['json'], {}]);
    expect('kind' in batch).toBe(false);
  });
});
