import { describe, expect, it } from 'vitest';
import { defineCheck, type Check, type StreamCheck } from '../../src/kit/define-check.js';
import { caseProblems, CheckTester } from '../../src/testing/check-tester.js';
import { asBatchCheck, StreamCheckTester } from '../../src/testing/stream-check-tester.js';

const base = { title: 'Test', description: 'Test check.', inputs: { records: 'json' as const }, remediation: 'None.' };

interface Seen {
  seen: number;
  bad: string[];
}

/** Finds records with `bad: true`; a correct visitor. */
const findsBad = defineCheck({
  ...base,
  id: 'test/finds-bad',
  visitor: {
    init: (): Seen => ({ seen: 0, bad: [] }),
    visit(state, record) {
      state.seen += 1;
      if (record !== null && typeof record === 'object' && 'bad' in record && record.bad === true && 'id' in record) state.bad.push(String(record.id));
    },
    merge: (a, b) => ({ seen: a.seen + b.seen, bad: [...a.bad, ...b.bad] }),
    finish: (state) => ({ examined: state.seen, findings: state.bad.map((id) => ({ resource: id, message: `record ${id} is bad` })) }),
  },
});

/** Forgets the second state's findings when merging: only a split run can show it. */
const losesOnMerge = defineCheck({
  ...base,
  id: 'test/loses-on-merge',
  visitor: {
    init: (): Seen => ({ seen: 0, bad: [] }),
    visit(state, record) {
      state.seen += 1;
      if (record !== null && typeof record === 'object' && 'id' in record) state.bad.push(String(record.id));
    },
    merge: (a, b) => ({ seen: a.seen + b.seen, bad: a.bad }),
    finish: (state) => ({ examined: state.seen, findings: state.bad.map((id) => ({ resource: id, message: `record ${id} is bad` })) }),
  },
});

/** Keeps a function in its state, which cannot cross a worker thread. */
const unclonable = defineCheck({
  ...base,
  id: 'test/unclonable',
  visitor: {
    init: () => ({ seen: 0, format: (n: number) => String(n) }),
    visit(state) {
      state.seen += 1;
    },
    merge: (a, b) => ({ seen: a.seen + b.seen, format: a.format }),
    finish: (state) => ({ examined: state.seen, findings: [] }),
  },
});

new StreamCheckTester(findsBad).run({
  pass: [{ name: 'nothing bad', records: [{ id: 'a' }, { id: 'b' }], examined: 2 }],
  fail: [{ name: 'one bad of three', records: [{ id: 'a' }, { id: 'b', bad: true }, { id: 'c' }], findings: [{ resource: 'b', message: 'record b is bad' }] }],
  vacuous: [{ name: 'no records', records: [] }],
});

/** `check` erased to a stream check, as the tester takes it. */
function streamCheck(check: Check): StreamCheck {
  if (check.kind !== 'stream') throw new Error(`${check.id} is not a stream check`);
  return check;
}

const everyRecord = (): boolean => true;

describe('StreamCheckTester', () => {
  it('fails a case whose merge loses data', () => {
    const problems = caseProblems(asBatchCheck(streamCheck(losesOnMerge), everyRecord), { kind: 'fail', name: 'x', records: [{ id: 'a' }, { id: 'b' }], findings: [{ resource: 'a', message: 'record a is bad' }] });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^check threw: merge is not consistent: records read as one file gave .*"resource":"b".*, read as two halves gave /);
  });

  it('fails a case whose state cannot cross a worker thread', () => {
    const problems = caseProblems(asBatchCheck(streamCheck(unclonable), everyRecord), { kind: 'pass', name: 'x', records: [{ id: 'a' }] });
    expect(problems).toEqual([expect.stringMatching(/^check threw: state cannot cross a worker thread \(structuredClone failed: /)]);
  });

  it('keeps the stream check metadata', () => {
    const batch = asBatchCheck(streamCheck(findsBad), everyRecord);
    expect([batch.id, batch.title, batch.inputs, batch.metrics, batch.kind]).toEqual(['test/finds-bad', 'Test', { records: ['json'] }, {}, 'batch']);
  });

  it('refuses a batch check, and CheckTester a stream check', () => {
    const batch = defineCheck({ ...base, id: 'test/batch', run: () => ({ examined: 0, findings: [] }) });
    expect(() => new StreamCheckTester(batch)).toThrow('test/batch reads its inputs whole: test it with CheckTester');
    expect(() => new CheckTester(findsBad)).toThrow('test/finds-bad is a stream check: test it with StreamCheckTester');
  });
});
