import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { UserError } from '../core/errors.js';
import type { Source } from '../kit/define-source.js';
import { testFramework } from './test-framework.js';

interface SourceCase {
  /** Unique within the table; becomes the test's name. */
  name: string;
  /** The export file's text, as the tool wrote it (after gunzip). */
  text: string;
  /** The path the file is shown as; folders may carry meaning (`210987654321/eu-west-1/kms-keys.json`). Default `export`. */
  file?: string;
  /** The catalog source's `params:`, parsed by the source type's schema (a batch source that takes params). */
  params?: Record<string, unknown>;
}

/** A file the source reads: exactly these records. */
export interface ReadCase extends SourceCase {
  records: readonly unknown[];
}

/** A file the source rejects: a `UserError` with this message (or matching it), at this line and column. */
export interface RejectCase extends SourceCase {
  error: string | RegExp;
  line?: number;
  col?: number;
}

export interface SourceTestTable {
  read: readonly ReadCase[];
  reject: readonly RejectCase[];
}

/**
 * Runs a source over tables of files it must read and files it must reject, the way CheckTester runs a check:
 * one `describe(source.type)` with one `it` per case. Rejections must be located `UserError`s, the
 * errors a user can act on, never another exception.
 */
export class SourceTester {
  constructor(private readonly source: Source) {}

  run(table: SourceTestTable): void {
    const names = [...table.read, ...table.reject].map((testCase) => testCase.name);
    const duplicate = names.find((name, index) => names.indexOf(name) !== index);
    if (duplicate !== undefined) throw new Error(`Invalid test table for ${this.source.type}: duplicate case name "${duplicate}"`);
    const { describe, it } = testFramework();
    describe(this.source.type, () => {
      for (const testCase of table.read) it(`read: ${testCase.name}`, async () => assert.deepEqual(readProblems(this.source, testCase), []));
      for (const testCase of table.reject) it(`reject: ${testCase.name}`, async () => assert.deepEqual(rejectProblems(this.source, testCase), []));
    });
  }
}

/** Every record the source reads from one file, whole or streamed. */
export function readText(source: Source, text: string, file = 'export', params: Record<string, unknown> = {}): unknown[] {
  const input = { display: file, text };
  return source.kind === 'batch' ? source.read([input], source.params?.parse(params)) : [...source.readFile(input)];
}

export function readProblems(source: Source, testCase: ReadCase): string[] {
  let records: unknown[];
  try {
    records = readText(source, testCase.text, testCase.file, testCase.params);
  } catch (error) {
    return [`expected records, but it threw: ${error instanceof UserError ? error.located : String(error)}`];
  }
  if (isDeepStrictEqual(records, testCase.records)) return [];
  return [`expected ${JSON.stringify(testCase.records)}, read ${JSON.stringify(records)}`];
}

export function rejectProblems(source: Source, testCase: RejectCase): string[] {
  try {
    readText(source, testCase.text, testCase.file, testCase.params);
  } catch (error) {
    if (!(error instanceof UserError)) return [`expected a UserError, it threw ${String(error)}`];
    const problems: string[] = [];
    const matches = typeof testCase.error === 'string' ? error.message === testCase.error : testCase.error.test(error.message);
    if (!matches) problems.push(`expected the message ${String(testCase.error)}, found "${error.message}"`);
    if (testCase.line !== undefined && error.position?.line !== testCase.line) problems.push(`expected line ${testCase.line}, found ${error.position?.line}`);
    if (testCase.col !== undefined && error.position?.col !== testCase.col) problems.push(`expected column ${testCase.col}, found ${error.position?.col}`);
    if (error.hint === undefined) problems.push('the error has no hint');
    return problems;
  }
  return ['expected a UserError, but the file was read'];
}
