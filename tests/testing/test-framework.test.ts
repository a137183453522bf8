import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineCheck } from '../../src/kit/define-check.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { testFramework, useTestFramework, type TestFramework } from '../../src/testing/test-framework.js';

const check = defineCheck({
  id: 'test/ok',
  title: 'Rows are ok',
  description: 'Every row has ok true.',
  inputs: { rows: 'csv' },
  remediation: 'Fix the row.',
  run: ({ inputs: { rows } }) => ({ examined: rows.length, findings: rows.filter((row) => row.ok !== 'true').map((row) => ({ resource: row.id ?? '?', message: `row ${row.id} is not ok` })) }),
});

/** A framework that records what is registered and keeps each case's body to run by hand. */
function recorder(): TestFramework & { names: string[]; bodies: (() => Promise<void>)[] } {
  const names: string[] = [];
  const bodies: (() => Promise<void>)[] = [];
  return {
    names,
    bodies,
    describe: (name, body) => {
      names.push(name);
      body();
    },
    it: (name, body) => {
      names.push(name);
      bodies.push(body);
    },
  };
}

afterEach(() => {
  useTestFramework({ describe, it });
  vi.unstubAllGlobals();
});

describe('testFramework', () => {
  it('registers the cases with the framework given, and a case that does not hold throws an assertion error', async () => {
    const framework = recorder();
    useTestFramework(framework);
    new CheckTester(check).run({
      pass: [{ name: 'ok', records: [{ id: 'a', ok: 'true' }] }],
      fail: [{ name: 'wrong message', records: [{ id: 'b', ok: 'false' }], findings: [{ resource: 'b', message: 'row b is fine' }] }],
    });
    expect(framework.names).toEqual(['test/ok', 'pass: ok', 'fail: wrong message']);
    await expect(framework.bodies[0]?.()).resolves.toBeUndefined();
    await expect(framework.bodies[1]?.()).rejects.toThrow(/finding 1: expected message "row b is fine", found "row b is not ok"/);
  });

  it('uses the global describe and it when none is given (jest, mocha, vitest with globals)', () => {
    const framework = recorder();
    // A fresh module state: nothing chosen.
    vi.stubGlobal('describe', framework.describe);
    vi.stubGlobal('it', framework.it);
    return import('../../src/testing/test-framework.js?fresh-globals' as string).then((fresh: { testFramework: typeof testFramework }) => {
      fresh.testFramework().describe('suite', () => undefined);
      expect(framework.names).toEqual(['suite']);
    });
  });

  it('refuses, naming the fix, to fall back to node:test under vitest without globals', () => {
    return import('../../src/testing/test-framework.js?fresh-none' as string).then((fresh: { testFramework: typeof testFramework }) => {
      expect(() => fresh.testFramework()).toThrow('call useTestFramework({ describe, it })');
    });
  });
});
