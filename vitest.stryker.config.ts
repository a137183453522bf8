// The suite as Stryker runs it: in process only. Tests that spawn a process (the compiled binary, the scaffold's
// typecheck, the benchmark) cannot see the active mutant and only slow every run.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ['tests/cli/binary.test.ts', 'tests/scripts/new.test.ts', 'tests/scripts/bench.test.ts', 'tests/providers/aws/export.test.ts', 'tests/package.test.ts'],
      setupFiles: ['tests/support/stryker-worker-threads.ts'],
    },
  }),
);
