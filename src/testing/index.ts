// Helpers for testing checks and sources, for built-ins and plugin authors alike.
export { CheckTester, DEFAULT_AS_OF } from './check-tester.js';
export type { CheckTestTable, ExpectedFinding, FailCase, PassCase, VacuousCase } from './check-tester.js';
export { StreamCheckTester } from './stream-check-tester.js';
export { SourceTester } from './source-tester.js';
export type { ReadCase, RejectCase, SourceTestTable } from './source-tester.js';
export { useTestFramework } from './test-framework.js';
export type { TestFramework } from './test-framework.js';
