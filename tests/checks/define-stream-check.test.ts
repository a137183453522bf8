import { describe, expect, it } from 'vitest';
import { defineCheck } from '../../src/checks/define-check.js';
import { defineStreamCheck, isStreamCheck } from '../../src/checks/define-stream-check.js';

const base = { id: 'test/x', title: 'X', description: 'X.', sources: ['json' as const], remediation: 'None.' };

describe('defineStreamCheck', () => {
  const stream = defineStreamCheck({
    ...base,
    init: () => ({ count: 0 }),
    visit(state) {
      state.count += 1;
    },
    merge: (a, b) => ({ count: a.count + b.count }),
    finish: (state) => ({ examined: state.count, findings: [] }),
  });

  it('tells stream checks from batch checks', () => {
    expect(isStreamCheck(stream)).toBe(true);
    expect(isStreamCheck(defineCheck({ ...base, run: () => ({ examined: 0, findings: [] }) }))).toBe(false);
  });

  it('fills defaults: no params (a strict empty object), no metrics, no criteria', () => {
    expect([stream.kind, stream.metrics, stream.criteria]).toEqual(['stream', {}, {}]);
    expect(stream.params.safeParse({}).success).toBe(true);
    expect(stream.params.safeParse({ unexpected: 1 }).success).toBe(false);
  });

  it('runs the typed hooks through the erased interface', () => {
    const context = { params: {}, asOf: new Date('2026-11-01T00:00:00Z') };
    const a = stream.init(context);
    stream.visit(a, {}, context);
    const b = stream.init(context);
    stream.visit(b, {}, context);
    stream.visit(b, {}, context);
    expect(stream.finish(stream.merge(a, b), { ...context, records: 3 })).toEqual({ examined: 3, findings: [] });
  });
});
