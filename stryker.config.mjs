// Mutation testing of the engine and the pure modules beside it (`npm run mutate`; not part of `npm test`).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  // worker.ts runs only inside worker threads, where per-test coverage cannot see it: its mutants would all count as
  // uncovered. The stream pass tests run it through real threads (tests/engine/stream/pass.test.ts).
  mutate: ['src/engine/**/*.ts', 'src/exceptions/**/*.ts', 'src/evidence/**/*.ts', 'src/report/**/*.ts', '!src/engine/stream/worker.ts'],
  coverageAnalysis: 'perTest',
  // `// @ts-nocheck` only in the mutated files: tests/generated.test.ts compares the generated sources byte for byte.
  disableTypeChecks: 'src/{engine,exceptions,evidence,report}/**/*.ts',
  // Only mutants of changed code, or covered by changed tests, run again; the rest come from the last report.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  // The machine's two cores are shared: one test runner by default (`npm run mutate -- --concurrency 2` on a free machine).
  concurrency: 1,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, reportTests: false, logTests: false },
  thresholds: { high: 90, low: 80, break: 80 },
  // Local data is never copied into the sandbox; dist/ is (premutate builds it): plugin fixtures import 'controlproof'.
  ignorePatterns: ['bench-data', 'out', 'reports'],
  tempDirName: '.stryker-tmp',
};
