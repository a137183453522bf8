import { createRequire } from 'node:module';

/** What the testers need of a test framework: vitest, jest, mocha and node:test all have both. */
export interface TestFramework {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void>): unknown;
}

let chosen: TestFramework | undefined;

/**
 * Registers the testers' cases with `framework` from now on. Needed only under vitest without `test.globals`:
 * `useTestFramework({ describe, it })` with vitest's own, in a setup file or at the top of the test file.
 */
export function useTestFramework(framework: TestFramework): void {
  chosen = framework;
}

/** The framework given to {@link useTestFramework}, else the global `describe` and `it` (jest, mocha, vitest with globals), else node:test. */
export function testFramework(): TestFramework {
  if (chosen !== undefined) return chosen;
  const { describe, it } = globalThis as { describe?: unknown; it?: unknown };
  if (typeof describe === 'function' && typeof it === 'function') {
    return { describe: (name, body) => describe(name, body), it: (name, body) => it(name, body) };
  }
  // node:test would run the cases on its own, outside vitest's report: a silent pass at best.
  if (process.env.VITEST !== undefined) {
    throw new Error('controlproof/testing: vitest runs without globals; call useTestFramework({ describe, it }) with vitest\'s own first, or set test.globals: true');
  }
  // Built into Node, and loaded only here, so `node --test` needs no framework installed at all.
  const nodeTest: unknown = createRequire(import.meta.url)('node:test');
  return nodeTest as TestFramework;
}
