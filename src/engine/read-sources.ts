import path from 'node:path';
import type { LoadedSource } from '../catalog/load-catalog.js';
import { errorMessage } from '../core/errors.js';
import type { SourceResult } from '../report/model.js';
import type { CheckResult } from '../checks/define-check.js';
import { isStreamCheck } from '../checks/define-stream-check.js';
import type { LoadedControl } from '../catalog/load-catalog.js';
import { adapters, streamAdapters } from '../sources/index.js';
import { readMatchedFiles, requireMatches } from '../kit/files/match-files.js';
import { runStreamPass } from './stream-pass.js';

/** One source after reading: its records, or why it could not be read. */
export interface SourceData {
  result: SourceResult;
  records: readonly unknown[];
}

/** Key of a test in a run: its control's and its own position in the catalog. */
export const testKey = (controlIndex: number, testIndex: number): string => `${controlIndex}/${testIndex}`;

/** Results of the stream checks over one streamed source, computed in its single pass. */
export interface StreamedSource {
  result: SourceResult;
  /** Test key → result, or the error its check threw. */
  outcomes: ReadonlyMap<string, CheckResult | Error>;
}

/**
 * Runs one pass over each streamed (log) source for every stream-check test that reads it. A source
 * that cannot be read becomes `status: error` for its tests only.
 */
export async function streamSources(
  sources: readonly LoadedSource[],
  controls: readonly LoadedControl[],
  catalogDir: string,
  asOf: Date,
): Promise<Map<string, StreamedSource>> {
  const streamed = new Map<string, StreamedSource>();
  for (const source of sources) {
    const adapter = streamAdapters.find((candidate) => candidate.type === source.type);
    if (!adapter) continue;
    const tests = controls.flatMap((control, controlIndex) =>
      control.tests.flatMap((test, testIndex) =>
        test.spec.source === source.name && isStreamCheck(test.check)
          ? [{ key: testKey(controlIndex, testIndex), check: test.check, params: test.params, ...(test.module ? { module: test.module } : {}) }]
          : [],
      ),
    );
    const result: SourceResult = { name: source.name, type: source.type, status: 'ok', files: [], records: 0 };
    try {
      const files = await requireMatches(source.patterns, catalogDir, source.pathPosition);
      const pass = await runStreamPass({ adapter, files, tests, asOf });
      result.files = pass.files.map((info) => ({ ...info, path: relativePath(catalogDir, path.resolve(info.path)) }));
      result.records = pass.records;
      result.coverage = pass.coverage;
      streamed.set(source.name, { result, outcomes: pass.results });
    } catch (error) {
      streamed.set(source.name, { result: { ...result, status: 'error', error: errorMessage(error) }, outcomes: new Map() });
    }
  }
  return streamed;
}

/**
 * Reads each named source once, however many tests use it. A source that cannot be read becomes
 * `status: error` with the reason and position; it never stops the other sources.
 */
export async function readSources(sources: readonly LoadedSource[], catalogDir: string): Promise<Map<string, SourceData>> {
  const wholeFile = sources.filter((source) => !streamAdapters.some((adapter) => adapter.type === source.type));
  const entries = await Promise.all(wholeFile.map(async (source) => [source.name, await readSource(source, catalogDir)] as const));
  return new Map(entries);
}

async function readSource(source: LoadedSource, catalogDir: string): Promise<SourceData> {
  const result: SourceResult = { name: source.name, type: source.type, status: 'ok', files: [], records: 0 };
  try {
    const adapter = adapters.find((candidate) => candidate.type === source.type);
    if (!adapter) throw new Error(`No whole-file adapter for source type "${source.type}"`);
    const files = await readMatchedFiles(source.patterns, catalogDir, source.pathPosition);
    // Report paths relative to the catalog, so reports do not depend on the working directory.
    result.files = files.infos.map((info, index) => ({ ...info, path: relativePath(catalogDir, files.absolute[index] ?? info.path) }));
    const records = adapter.read(files.texts);
    result.records = records.length;
    return { result, records };
  } catch (error) {
    return { result: { ...result, status: 'error', error: errorMessage(error) }, records: [] };
  }
}

function relativePath(from: string, absolute: string): string {
  return path.relative(from, absolute).split(path.sep).join('/');
}
