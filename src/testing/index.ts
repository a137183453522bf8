// Helpers for testing checks, for built-in checks and plugin authors alike.
export { CheckTester, DEFAULT_AS_OF } from './check-tester.js';
export type { CheckTestTable, ExpectedFinding, FailCase, PassCase, VacuousCase } from './check-tester.js';
export { StreamCheckTester } from './stream-check-tester.js';
