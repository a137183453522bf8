import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCheck } from '../../src/kit/define-check.js';
import { caseProblems, CheckTester, tableProblems, type PassCase, type TaggedCase } from '../../src/testing/check-tester.js';

/** Rows whose `status` is not `ok` are findings; `min_score` is a param, `ok_pct` a metric. */
const statusCheck = defineCheck({
  id: 'test/status',
  title: 'Status is ok',
  description: 'Every row has status ok.',
  inputs: { records: 'csv' },
  params: z.strictObject({ min_score: z.number().int().default(0) }),
  metrics: { ok_pct: 'Share of rows that are ok.' },
  remediation: 'Fix the row.',
  run({ inputs: { records }, params, asOf }) {
    const findings = records
      .filter((row) => row.status !== 'ok' || Number(row.score ?? 0) < params.min_score)
      .map((row) => ({ resource: row.id ?? '?', message: `row ${row.id} has status ${row.status} on ${asOf.toISOString().slice(0, 10)}` }));
    const metrics: Record<string, number> = records.length === 0 ? {} : { ok_pct: (100 * (records.length - findings.length)) / records.length };
    return { examined: records.length, findings, metrics };
  },
});

const rows = [
  { id: 'r1', status: 'ok', score: '5' },
  { id: 'r2', status: 'broken', score: '9' },
];

function checkReturning(result: { examined: number; findings: { resource: string; message: string }[]; metrics?: Record<string, number> }) {
  return defineCheck({ id: 'test/fixed', title: 'Fixed', description: 'Returns a fixed result.', inputs: { records: 'csv' }, remediation: 'None.', run: () => result });
}

const pass = (records: readonly unknown[], extra: Partial<PassCase> = {}): TaggedCase => ({ kind: 'pass', name: 'case', records, ...extra });

describe('caseProblems', () => {
  it('accepts a pass case that holds', () => {
    expect(caseProblems(statusCheck, pass([rows[0]], { examined: 1, metrics: { ok_pct: 100 } }))).toEqual([]);
  });

  it('accepts a fail case with the exact findings, by string or pattern', () => {
    const testCase: TaggedCase = {
      kind: 'fail',
      name: 'case',
      records: [...rows, { id: 'r3', status: 'stale' }],
      findings: [
        { resource: 'r2', message: 'row r2 has status broken on 2026-11-01' },
        { resource: 'r3', message: /status stale/ },
      ],
      metrics: { ok_pct: 100 / 3 },
    };
    expect(caseProblems(statusCheck, testCase)).toEqual([]);
  });

  it('catches a check that mutates its records, without freezing the caller’s objects', () => {
    const mutating = defineCheck({
      id: 'test/mutating',
      title: 'Mutating',
      description: 'Marks rows it has seen.',
      inputs: { records: 'csv' },
      remediation: 'None.',
      run({ inputs: { records } }) {
        for (const row of records) row.seen = 'yes';
        return { examined: records.length, findings: [] };
      },
    });
    const record = { id: 'r1', status: 'ok' };
    expect(caseProblems(mutating, pass([record]))).toEqual([
      'check threw: Cannot add property seen, object is not extensible (records and params are frozen: a check must not mutate its input)',
    ]);
    expect(Object.isFrozen(record)).toBe(false);
  });

  it('catches a check that mutates its params', () => {
    const mutating = defineCheck({
      id: 'test/mutating-params',
      title: 'Mutating params',
      description: 'Fills in a default by writing to params.',
      inputs: { records: 'csv' },
      params: z.strictObject({ tags: z.array(z.string()).default([]) }),
      remediation: 'None.',
      run({ inputs: { records }, params }) {
        params.tags.push('default');
        return { examined: records.length, findings: [] };
      },
    });
    expect(caseProblems(mutating, pass([rows[0]]))).toEqual([
      'check threw: Cannot add property 0, object is not extensible (records and params are frozen: a check must not mutate its input)',
    ]);
  });

  it('fails a case whose params the schema rejects, with the zod message', () => {
    expect(caseProblems(statusCheck, pass([rows[0]], { params: { min_score: 'high' } }))).toEqual([
      'invalid params: ✖ Invalid input: expected number, received string\n  → at min_score',
    ]);
  });

  it('passes parsed params and the as-of to the check', () => {
    const testCase: TaggedCase = {
      kind: 'fail',
      name: 'case',
      records: [rows[0]],
      params: { min_score: 6 },
      asOf: '2027-01-15',
      findings: [{ resource: 'r1', message: 'row r1 has status ok on 2027-01-15' }],
    };
    expect(caseProblems(statusCheck, testCase)).toEqual([]);
  });

  it('rejects an invalid asOf', () => {
    expect(caseProblems(statusCheck, pass([rows[0]], { asOf: '2026-02-30' }))).toEqual([
      'invalid asOf "2026-02-30": expected a date like 2026-11-01 or an ISO instant',
    ]);
  });

  it('reports findings in a pass case and a pass case that examined nothing', () => {
    expect(caseProblems(statusCheck, pass(rows))).toEqual(['expected no findings, found 1:\n  r2: row r2 has status broken on 2026-11-01']);
    expect(caseProblems(statusCheck, pass([]))).toEqual([
      'examined 0 resources: a pass case must examine something (put empty input under vacuous)',
    ]);
  });

  it('reports a wrong count, resource, message and order of findings', () => {
    const base = { kind: 'fail' as const, name: 'case', records: [{ id: 'a', status: 'x' }, { id: 'b', status: 'y' }] };
    expect(caseProblems(statusCheck, { ...base, findings: [{ resource: 'a', message: /status x/ }] })).toEqual([
      'expected 1 findings, found 2:\n  a: row a has status x on 2026-11-01\n  b: row b has status y on 2026-11-01',
    ]);
    expect(
      caseProblems(statusCheck, {
        ...base,
        findings: [
          { resource: 'b', message: /status y/ },
          { resource: 'a', message: 'row a has status x' },
        ],
      }),
    ).toEqual([
      'finding 1: expected resource "b", found "a"',
      'finding 1: expected message matching /status y/, found "row a has status x on 2026-11-01"',
      'finding 2: expected resource "a", found "b"',
      'finding 2: expected message "row a has status x", found "row b has status y on 2026-11-01"',
    ]);
  });

  it('requires a fail case to list findings', () => {
    expect(caseProblems(statusCheck, { kind: 'fail', name: 'case', records: [rows[0]], findings: [] })).toEqual([
      'a fail case must list at least one expected finding',
    ]);
  });

  it('compares expected details', () => {
    const withDetails = checkReturning({ examined: 1, findings: [{ resource: 'a', message: 'm' }] });
    expect(caseProblems(withDetails, { kind: 'fail', name: 'case', records: [], findings: [{ resource: 'a', message: 'm', details: { age: 3 } }] })).toEqual([
      'finding 1: expected details {"age":3}, found undefined',
    ]);
  });

  it('requires a vacuous case to examine nothing', () => {
    expect(caseProblems(statusCheck, { kind: 'vacuous', name: 'case', records: [rows[0]] })).toEqual(['expected examined 0, found 1']);
    expect(caseProblems(statusCheck, { kind: 'vacuous', name: 'case', records: [], metrics: {} })).toEqual([]);
  });

  it('checks examined and metrics exactly when given', () => {
    expect(caseProblems(statusCheck, pass([rows[0]], { examined: 2, metrics: { ok_pct: 50 } }))).toEqual([
      'expected examined 2, found 1',
      'expected metric ok_pct = 50, found 100',
    ]);
    expect(caseProblems(statusCheck, pass([rows[0]], { metrics: {} }))).toEqual(['unexpected metric ok_pct = 100']);
    expect(caseProblems(statusCheck, { kind: 'vacuous', name: 'case', records: [], metrics: { ok_pct: 0 } })).toEqual([
      'expected metric ok_pct = 0, but it was not reported',
    ]);
  });

  it('rejects unfilled placeholders, empty resources and undeclared metrics', () => {
    const sloppy = checkReturning({
      examined: 1,
      findings: [{ resource: '', message: 'user {{ name }} has no MFA' }],
      metrics: { coverage: 50 },
    });
    expect(caseProblems(sloppy, { kind: 'fail', name: 'case', records: [], findings: [{ resource: '', message: /no MFA/ }] })).toEqual([
      'unfilled placeholder in message "user {{ name }} has no MFA"',
      'finding with an empty resource: "user {{ name }} has no MFA"',
      'metric "coverage" is not declared in the check\'s metrics',
    ]);
  });

  it('holds a result to the engine\'s contract: a malformed one is the only problem reported', () => {
    const fractional = checkReturning({ examined: 1.5, findings: [] });
    expect(caseProblems(fractional, pass([rows[0]]))).toEqual(['check returned examined: expected a whole number, 0 or more, found 1.5']);
    const noFindings = defineCheck({ id: 'test/no-findings', title: 'T', description: 'D.', inputs: { records: 'csv' }, remediation: 'R.', run: () => JSON.parse('{"examined": 1}') });
    expect(caseProblems(noFindings, pass([rows[0]]))).toEqual(['check returned findings: expected an array, found undefined']);
  });

  it('reports what a throwing check threw', () => {
    const throwing = defineCheck({
      id: 'test/throwing',
      title: 'Throwing',
      description: 'Always throws.',
      inputs: { records: 'csv' },
      remediation: 'None.',
      run() {
        throw new Error('source has no rows array');
      },
    });
    expect(caseProblems(throwing, pass([]))).toEqual(['check threw: source has no rows array']);
  });
});

describe('tableProblems', () => {
  it('rejects duplicate and empty case names across pass, fail and vacuous', () => {
    const table = {
      pass: [{ name: 'one', records: [] }],
      fail: [{ name: 'one', records: [], findings: [] }],
      vacuous: [{ name: ' ', records: [] }],
    };
    expect(tableProblems(table)).toEqual(['duplicate case name "one"', 'a case has an empty name']);
    expect(() => new CheckTester(statusCheck).run(table)).toThrow('Invalid test table for test/status:\nduplicate case name "one"\na case has an empty name');
  });

  it('accepts distinct names', () => {
    expect(tableProblems({ pass: [{ name: 'one', records: [] }], fail: [{ name: 'two', records: [], findings: [] }] })).toEqual([]);
  });
});

new CheckTester(statusCheck).run({
  pass: [{ name: 'an ok row', records: [rows[0]], examined: 1, metrics: { ok_pct: 100 } }],
  fail: [{ name: 'a broken row', records: rows, findings: [{ resource: 'r2', message: /broken/ }], metrics: { ok_pct: 50 } }],
  vacuous: [{ name: 'no rows', records: [], metrics: {} }],
});
