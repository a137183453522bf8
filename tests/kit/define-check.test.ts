import { describe, expect, it } from 'vitest';
import { defineCheck, inputTypes, streamedInput } from '../../src/kit/define-check.js';

const base = { id: 'test/x', title: 'X', description: 'X.', inputs: { records: 'json' as const }, remediation: 'None.' };
const context = { inputs: {}, params: {}, asOf: new Date('2026-11-01T00:00:00Z') };

describe('defineCheck', () => {
  const stream = defineCheck({
    ...base,
    visitor: {
      visits: ['ConsoleLogin'],
      init: () => ({ count: 0 }),
      visit(state) {
        state.count += 1;
      },
      merge: (a, b) => ({ count: a.count + b.count }),
      finish: (state, { records }) => ({ examined: state.count, findings: [], metrics: { records } }),
    },
  });
  const batch = defineCheck({ ...base, run: ({ inputs: { records } }) => ({ examined: records.length, findings: [] }) });

  it('declares the kind once: run makes a batch check, visitor a stream check over its only input', () => {
    expect(batch.kind).toBe('batch');
    expect(stream.kind).toBe('stream');
    expect(stream.kind === 'stream' && [stream.stream, stream.visitor.visits]).toEqual(['records', ['ConsoleLogin']]);
  });

  it('fills defaults: every input a list, no params (a strict empty object), no metrics, no criteria', () => {
    expect([stream.inputs, stream.metrics, stream.criteria]).toEqual([{ records: ['json'] }, {}, {}]);
    expect(stream.params.safeParse({}).success).toBe(true);
    expect(stream.params.safeParse({ unexpected: 1 }).success).toBe(false);
  });

  it('runs the typed hooks through the erased interface', () => {
    if (stream.kind !== 'stream') throw new Error('expected a stream check');
    const { visitor } = stream;
    const a = visitor.init(context);
    visitor.visit?.(a, {}, context);
    const b = visitor.init(context);
    visitor.visit?.(b, {}, context);
    visitor.visit?.(b, {}, context);
    expect(visitor.finish(visitor.merge(a, b), { ...context, records: 5 })).toEqual({ examined: 3, findings: [], metrics: { records: 5 } });
    if (batch.kind !== 'batch') throw new Error('expected a batch check');
    expect(batch.run({ ...context, inputs: { records: [1, 2] } })).toEqual({ examined: 2, findings: [] });
  });

  it('a visitor over several inputs must name the streamed one', () => {
    const hooks = { init: () => 0, visit: () => undefined, merge: (a: number) => a, finish: () => ({ examined: 0, findings: [] }) };
    const inputs = { leavers: 'csv', events: 'aws/cloudtrail-logs' } as const;
    expect(() => defineCheck({ ...base, inputs, visitor: hooks })).toThrow('check test/x: a visitor over several inputs must name the streamed one in visitor.input');
    const named = defineCheck({ ...base, inputs, visitor: { ...hooks, input: 'events' } });
    expect(named.kind === 'stream' && named.stream).toBe('events');
    expect(inputTypes(named)).toEqual(['csv', 'aws/cloudtrail-logs']);
  });
});

describe('streamedInput', () => {
  it('is the named input, or the only one', () => {
    expect(streamedInput('c', ['a'], undefined)).toBe('a');
    expect(streamedInput('c', ['a', 'b'], 'b')).toBe('b');
    expect(() => streamedInput('c', ['a', 'b'], 'z')).toThrow('check c: visitor.input "z" is not one of its inputs (a, b)');
  });
});
