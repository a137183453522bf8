import path from 'node:path';
import type { LoadedSource } from '../catalog/load-catalog.js';
import { errorMessage } from '../errors.js';
import type { SourceResult } from '../report/model.js';
import { adapters } from '../sources/index.js';
import { readMatchedFiles } from '../sources/read-files.js';

/** One source after reading: its records, or why it could not be read. */
export interface SourceData {
  result: SourceResult;
  records: readonly unknown[];
}

/**
 * Reads each named source once, however many tests use it. A source that cannot be read becomes
 * `status: error` with the reason and position; it never stops the other sources.
 */
export async function readSources(sources: readonly LoadedSource[], catalogDir: string): Promise<Map<string, SourceData>> {
  const entries = await Promise.all(sources.map(async (source) => [source.name, await readSource(source, catalogDir)] as const));
  return new Map(entries);
}

async function readSource(source: LoadedSource, catalogDir: string): Promise<SourceData> {
  const result: SourceResult = { name: source.name, type: source.type, status: 'ok', files: [], records: 0 };
  try {
    const adapter = adapters.find((candidate) => candidate.type === source.type);
    if (!adapter) throw new Error(`No adapter for source type "${source.type}"`);
    const files = await readMatchedFiles(source.patterns, catalogDir, catalogDir);
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
