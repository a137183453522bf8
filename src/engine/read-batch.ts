// Reads each whole-file source once, however many tests use it, and its views once, however many tests read them.
import type { LoadedSource } from '../catalog/model.js';
import { errorMessage, UserError } from '../core/errors.js';
import type { BatchSource } from '../kit/define-source.js';
import { readMatchedFiles, requireMatches } from '../kit/files/match-files.js';
import { readExportFile, ReadBudget, type ReadLimits, type ReadOptions, type SourceFileInfo } from '../kit/files/read-file.js';
import { streamExportFile } from '../kit/files/stream-file.js';
import type { SourceResult } from '../report/model.js';

/** One source after reading: its records, or why it could not be read. */
export interface SourceData {
  result: SourceResult;
  records: readonly unknown[];
}

export interface ReadContext {
  /** The catalog's folder: source globs are relative to it, and so is every path the report shows. */
  dir: string;
  limits: ReadLimits;
}

/**
 * A source that cannot be read becomes `status: error` with the reason and position; it never stops the others.
 * They are read one after another in catalog order, sharing one budget for the bytes they hold, so the source
 * that crosses it is the same on every run.
 */
export async function readBatchSources(
  sources: readonly LoadedSource[],
  context: ReadContext,
  onRead?: (result: SourceResult) => void,
  budget: ReadBudget = new ReadBudget(context.limits.totalBytes),
): Promise<Map<string, SourceData>> {
  const read = new Map<string, SourceData>();
  for (const source of sources) {
    const data = await readBatchSource(source, context, budget);
    read.set(source.name, data);
    onRead?.(data.result);
  }
  return read;
}

async function readBatchSource(source: LoadedSource, { dir, limits }: ReadContext, budget: ReadBudget): Promise<SourceData> {
  const result: SourceResult = { name: source.name, type: source.type, status: 'ok', files: [], records: 0 };
  let held = 0;
  try {
    if (source.definition.kind !== 'batch') throw new Error(`source type "${source.type}" is streamed, not read whole`);
    const { definition } = source;
    if (definition.readChunks) {
      const chunked = await readInChunks(source, definition, { base: dir, fileBytes: limits.fileBytes }, budget);
      return { result: { ...result, files: chunked.infos, records: chunked.records.length }, records: chunked.records };
    }
    const files = await readMatchedFiles(source.patterns, dir, source.pathPosition, { fileBytes: limits.fileBytes, budget });
    held = files.size;
    result.files = files.infos;
    const records = definition.read(files.texts, source.readParams);
    result.records = records.length;
    return { result, records };
  } catch (error) {
    budget.release(held);
    return { result: { ...result, status: 'error', error: errorMessage(error, dir) }, records: [] };
  }
}

/**
 * A source that parses files from chunks of their bytes (no text is held, so none counts against the budget), one file
 * after another. A file whose chunked read throws a `UserError` is read again whole with `read`, whose error is
 * exact; when the file cannot be held as text at all, the chunked read's error stands.
 */
async function readInChunks(source: LoadedSource, definition: BatchSource, options: ReadOptions, budget: ReadBudget): Promise<{ infos: SourceFileInfo[]; records: unknown[]; size: number }> {
  const read: { infos: SourceFileInfo[]; records: unknown[]; size: number } = { infos: [], records: [], size: 0 };
  try {
    for (const file of await requireMatches(source.patterns, options.base ?? '.', source.pathPosition)) {
      let info: SourceFileInfo;
      let records: readonly unknown[];
      try {
        ({ info, result: records } = await streamExportFile(file, options, (chunked) => definition.readChunks?.(chunked, source.readParams) ?? Promise.resolve([])));
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        const whole = await readExportFile(file, options).catch(() => Promise.reject(error));
        budget.take(whole.size, whole.text.display);
        read.size += whole.size;
        info = whole.info;
        records = definition.read([whole.text], source.readParams);
      }
      read.infos.push(info);
      for (const record of records) read.records.push(record);
    }
  } catch (error) {
    budget.release(read.size);
    throw error;
  }
  return read;
}

/** Records of sources in the shape of their views, each computed once. */
export class ViewRecords {
  private readonly cache = new Map<string, readonly unknown[] | Error>();

  constructor(
    private readonly sources: ReadonlyMap<string, LoadedSource>,
    private readonly data: ReadonlyMap<string, SourceData>,
    private readonly dir: string,
  ) {}

  /** The records of `source` as `view`, or the error the view function threw. */
  of(source: string, view: string): readonly unknown[] | Error {
    const key = `${source}\u0000${view}`;
    let records = this.cache.get(key);
    if (records === undefined) {
      const definition = this.sources.get(source)?.definition;
      const toView = definition?.kind === 'batch' ? definition.views?.[view] : undefined;
      try {
        if (!toView) throw new Error(`source "${source}" offers no view ${view}`);
        records = toView(this.data.get(source)?.records ?? []);
      } catch (error) {
        records = new Error(`view ${view} of source "${source}" failed: ${errorMessage(error, this.dir)}`, { cause: error });
      }
      this.cache.set(key, records);
    }
    return records;
  }
}
