import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { BatchCheck, Check, CheckResult, Finding } from '../kit/define-check.js';
import { parseDate } from '../core/time.js';
import { parseCheckResult } from '../kit/check-result.js';
import { testFramework } from './test-framework.js';

/** The as-of every case uses unless it sets its own. */
export const DEFAULT_AS_OF = '2026-11-01T00:00:00Z';

/** A finding a fail case expects: the exact resource, and the exact message or a pattern it must match. */
export interface ExpectedFinding {
  resource: string;
  message: string | RegExp;
  /** When given, the finding's details must equal it. */
  details?: Record<string, unknown>;
}

interface CaseInput {
  /** Unique within the table; becomes the test's name. */
  name: string;
  /** The records of the check's only input, as its source yields them; frozen before the check sees them. */
  records?: readonly unknown[];
  /** Records per input, for a check with several inputs (instead of `records`). */
  inputs?: Readonly<Record<string, readonly unknown[]>>;
  /** Raw params, parsed through the check's schema like the catalog's. */
  params?: Record<string, unknown>;
  /** A date or ISO instant; default {@link DEFAULT_AS_OF}. */
  asOf?: string;
  /** When given, the result's metrics must equal it exactly (`{}` asserts that none are reported). */
  metrics?: Record<string, number>;
  /** When given, the result's details must equal it. */
  details?: Record<string, unknown>;
}

/** Records on which the check examines something and finds nothing. */
export interface PassCase extends CaseInput {
  examined?: number;
}

/** Records on which the check reports exactly `findings`, in order. */
export interface FailCase extends CaseInput {
  examined?: number;
  findings: readonly ExpectedFinding[];
}

/** Records on which the check examines nothing, so its test would be `vacuous`. */
export type VacuousCase = CaseInput;

export interface CheckTestTable {
  pass: readonly PassCase[];
  fail: readonly FailCase[];
  vacuous?: readonly VacuousCase[];
}

/** One case with its table column, as {@link caseProblems} takes it. */
export type TaggedCase = ({ kind: 'pass' } & PassCase) | ({ kind: 'fail' } & FailCase) | ({ kind: 'vacuous' } & VacuousCase);

const PLACEHOLDER = /\{\{[^}]*\}\}/;

/**
 * Runs a check over tables of pass, fail and vacuous cases, like ESLint's RuleTester:
 * one `describe(check.id)` with one `it` per case, in whichever test framework runs it (see {@link testFramework}).
 */
export class CheckTester {
  private readonly check: BatchCheck;

  constructor(check: Check) {
    if (check.kind !== 'batch') throw new Error(`${check.id} is a stream check: test it with StreamCheckTester`);
    this.check = check;
  }

  run(table: CheckTestTable): void {
    describeTable(this.check.id, table, (testCase) => caseProblems(this.check, testCase));
  }
}

/** One `describe(id)` with one `it` per case, each expecting no problems; `before` runs first, once. */
export function describeTable(id: string, table: CheckTestTable, problemsOf: (testCase: TaggedCase) => string[], before?: () => Promise<void>): void {
  const problems = tableProblems(table);
  if (problems.length > 0) throw new Error(`Invalid test table for ${id}:\n${problems.join('\n')}`);
  // Every case awaits the one setup, rather than relying on a framework's beforeAll.
  let ready: Promise<void> | undefined;
  const { describe, it } = testFramework();
  describe(id, () => {
    for (const testCase of taggedCases(table)) {
      it(`${testCase.kind}: ${testCase.name}`, async () => {
        await (ready ??= before?.());
        assert.deepEqual(problemsOf(testCase), []);
      });
    }
  });
}

/** Problems with the table itself: duplicate or empty case names. */
export function tableProblems(table: CheckTestTable): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const { name } of taggedCases(table)) {
    if (name.trim() === '') problems.push('a case has an empty name');
    else if (seen.has(name)) problems.push(`duplicate case name "${name}"`);
    seen.add(name);
  }
  return problems;
}

function taggedCases(table: CheckTestTable): TaggedCase[] {
  return [
    ...table.pass.map((testCase) => ({ kind: 'pass' as const, ...testCase })),
    ...table.fail.map((testCase) => ({ kind: 'fail' as const, ...testCase })),
    ...(table.vacuous ?? []).map((testCase) => ({ kind: 'vacuous' as const, ...testCase })),
  ];
}

/** Runs one case and returns what is wrong with the result; empty when the case holds. */
export function caseProblems(check: Check, testCase: TaggedCase): string[] {
  if (check.kind !== 'batch') return [`${check.id} is a stream check: test it with StreamCheckTester`];
  const params = check.params.safeParse(testCase.params ?? {});
  if (!params.success) return [`invalid params: ${z.prettifyError(params.error)}`];
  const asOfText = testCase.asOf ?? DEFAULT_AS_OF;
  const asOf = parseDate(asOfText);
  if (!asOf) return [`invalid asOf "${asOfText}": expected a date like 2026-11-01 or an ISO instant`];

  const inputs = caseInputs(check, testCase);
  if (typeof inputs === 'string') return [inputs];
  let returned: unknown;
  try {
    returned = check.run({ inputs: deepFreeze(structuredClone(inputs)), params: deepFreeze(params.data), asOf });
  } catch (error) {
    return [threwProblem(error)];
  }
  // The engine's contract first: a result it would refuse has no findings to compare.
  const result = parseCheckResult(returned);
  if ('problem' in result) return [`check returned ${result.problem}`];
  return [
    ...resultShapeProblems(check, result),
    ...kindProblems(testCase, result),
    ...(testCase.metrics === undefined ? [] : metricProblems(testCase.metrics, result.metrics ?? {})),
    ...(testCase.details === undefined || isDeepStrictEqual(testCase.details, result.details)
      ? []
      : [`expected details ${JSON.stringify(testCase.details)}, found ${JSON.stringify(result.details)}`]),
  ];
}

/** The case's records by input: `records` for a check with one input, `inputs` naming every input otherwise. */
export function caseInputs(check: Pick<Check, 'id' | 'inputs' | 'optionalInputs'>, testCase: Pick<CaseInput, 'records' | 'inputs'>): Record<string, readonly unknown[]> | string {
  const names = Object.keys(check.inputs);
  if (testCase.records !== undefined && testCase.inputs !== undefined) return 'a case gives either records or inputs, not both';
  if (testCase.records !== undefined) {
    const [only, ...more] = names.filter((name) => !check.optionalInputs.includes(name));
    if (only === undefined || more.length > 0) return `${check.id} has several inputs (${names.join(', ')}): give the case's records under inputs`;
    return { ...Object.fromEntries(names.map((name) => [name, []])), [only]: testCase.records };
  }
  const given = testCase.inputs ?? {};
  const unknown = Object.keys(given).filter((name) => !names.includes(name));
  if (unknown.length > 0) return `unknown input ${unknown.map((name) => `"${name}"`).join(', ')}: ${check.id} reads ${names.join(', ')}`;
  return Object.fromEntries(names.map((name) => [name, given[name] ?? []]));
}

function threwProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Records and params are frozen, so a check that writes to its input throws a TypeError here.
  const hint = error instanceof TypeError ? ' (records and params are frozen: a check must not mutate its input)' : '';
  return `check threw: ${message}${hint}`;
}

function resultShapeProblems(check: Pick<Check, 'metrics'>, result: CheckResult): string[] {
  const problems: string[] = [];
  for (const finding of result.findings) {
    if (PLACEHOLDER.test(finding.message)) problems.push(`unfilled placeholder in message "${finding.message}"`);
    if (finding.resource === '') problems.push(`finding with an empty resource: "${finding.message}"`);
  }
  for (const name of Object.keys(result.metrics ?? {})) {
    if (!(name in check.metrics)) problems.push(`metric "${name}" is not declared in the check's metrics`);
  }
  return problems;
}

function kindProblems(testCase: TaggedCase, result: CheckResult): string[] {
  switch (testCase.kind) {
    case 'pass':
      return [
        ...(result.findings.length > 0 ? [`expected no findings, found ${result.findings.length}:\n${listFindings(result.findings)}`] : []),
        ...(result.examined === 0 ? ['examined 0 resources: a pass case must examine something (put empty input under vacuous)'] : []),
        ...examinedProblems(testCase.examined, result.examined),
      ];
    case 'fail':
      return [
        ...(testCase.findings.length === 0 ? ['a fail case must list at least one expected finding'] : []),
        ...findingProblems(testCase.findings, result.findings),
        ...examinedProblems(testCase.examined, result.examined),
      ];
    case 'vacuous':
      return [
        ...(result.findings.length > 0 ? [`expected no findings, found ${result.findings.length}:\n${listFindings(result.findings)}`] : []),
        ...examinedProblems(0, result.examined),
      ];
  }
}

function examinedProblems(expected: number | undefined, actual: number): string[] {
  return expected === undefined || expected === actual ? [] : [`expected examined ${expected}, found ${actual}`];
}

function findingProblems(expected: readonly ExpectedFinding[], actual: readonly Finding[]): string[] {
  const problems: string[] = [];
  if (expected.length !== actual.length) {
    problems.push(`expected ${expected.length} findings, found ${actual.length}:\n${listFindings(actual)}`);
  }
  for (let index = 0; index < Math.min(expected.length, actual.length); index++) {
    const want = expected[index];
    const got = actual[index];
    if (!want || !got) continue;
    if (want.resource !== got.resource) {
      problems.push(`finding ${index + 1}: expected resource "${want.resource}", found "${got.resource}"`);
    }
    if (!messageMatches(want.message, got.message)) {
      problems.push(`finding ${index + 1}: expected message ${describeMessage(want.message)}, found "${got.message}"`);
    }
    if (want.details !== undefined && !isDeepStrictEqual(want.details, got.details)) {
      problems.push(`finding ${index + 1}: expected details ${JSON.stringify(want.details)}, found ${JSON.stringify(got.details)}`);
    }
  }
  return problems;
}

function messageMatches(expected: string | RegExp, actual: string): boolean {
  return typeof expected === 'string' ? expected === actual : expected.test(actual);
}

function describeMessage(expected: string | RegExp): string {
  return typeof expected === 'string' ? `"${expected}"` : `matching ${String(expected)}`;
}

function metricProblems(expected: Record<string, number>, actual: Record<string, number>): string[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return names.flatMap((name) => {
    const [want, got] = [expected[name], actual[name]];
    if (want === got) return [];
    if (want === undefined) return [`unexpected metric ${name} = ${got}`];
    if (got === undefined) return [`expected metric ${name} = ${want}, but it was not reported`];
    return [`expected metric ${name} = ${want}, found ${got}`];
  });
}

function listFindings(findings: readonly Finding[]): string {
  return findings.map((finding) => `  ${finding.resource}: ${finding.message}`).join('\n');
}

/** Freezes `value` and everything reachable from it, in place. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze(Reflect.get(value, key));
  }
  return value;
}
