import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    // One worker per core (vitest leaves one free by default). Test files run in process and share each worker's
    // module graph: importing the sources once per worker instead of once per file is most of the suite's time.
    // Files still run one after another in a worker, so module state (temp dirs, caches) never crosses two at once.
    maxWorkers: os.availableParallelism(),
    pool: 'threads',
    isolate: false,
    restoreMocks: true,
    setupFiles: ['tests/support/test-framework.ts'],
  },
});
