import type { LoadedCatalog, LoadedSource, LoadedTest } from '../catalog/model.js';
import { errorMessage } from '../core/errors.js';
import type { StreamCheck } from '../kit/define-check.js';
import { requireMatches } from '../kit/files/match-files.js';
import type { SourceResult } from '../report/model.js';
import type { WholeInputs, StreamedSource } from './outcomes.js';
import type { PlannedTest } from './plan.js';
import { parseDuration } from '../core/time.js';
import { assessmentWindow, DEFAULT_WINDOW, runStreamPass, type StreamTest } from './stream/pass.js';

/**
 * Runs one pass over each streamed (log) source for every stream test that reads it. A source that cannot be
 * read becomes `status: error` for its tests only.
 */
export async function streamSources(
  catalog: LoadedCatalog,
  sources: readonly LoadedSource[],
  tests: readonly PlannedTest[],
  inputs: ReadonlyMap<string, WholeInputs>,
  options: { asOf: Date; workers?: number; timeLimitMs?: number; strict?: boolean; onFile?: (records: number) => void },
): Promise<Map<string, StreamedSource>> {
  const streamed = new Map<string, StreamedSource>();
  for (const source of sources) {
    if (source.definition.kind !== 'stream') continue;
    const passTests = tests.flatMap(({ key, test }): StreamTest[] => {
      const check = test.check;
      if (check.kind !== 'stream') return [];
      const bound = test.bindings.find((binding) => binding.input === check.stream)?.sources.find((candidate) => candidate.source === source.name);
      const whole = bound ? inputs.get(key) : undefined;
      if (!bound || whole === undefined || 'error' in whole) return [];
      return [streamTest(catalog, key, check, test, whole.inputs, bound.view)];
    });
    const result: SourceResult = { name: source.name, type: source.type, status: 'ok', files: [], records: 0 };
    try {
      const window = (source.window === undefined ? undefined : parseDuration(source.window)) ?? DEFAULT_WINDOW;
      const bounds = assessmentWindow(source.definition, options.asOf, window);
      const files = await requireMatches(source.patterns, catalog.dir, source.pathPosition);
      const provider = await catalog.registry.providerOf(source.type);
      const module = catalog.registry.sourceModule(source.type);
      const pass = await runStreamPass({
        source: source.definition,
        ...(module === undefined ? {} : { sourceModule: module }),
        files,
        tests: passTests,
        asOf: options.asOf,
        ...(provider?.coverageScope === undefined ? {} : { coverageScope: provider.coverageScope }),
        ...(options.workers === undefined ? {} : { workers: options.workers }),
        ...(options.timeLimitMs === undefined ? {} : { timeLimitMs: options.timeLimitMs }),
        ...(options.onFile === undefined ? {} : { onFile: options.onFile }),
        ...(options.strict ? { strict: true } : {}),
        base: catalog.dir,
        fileBytes: catalog.limits.fileBytes,
        window,
      });
      result.files = pass.files;
      result.records = pass.records;
      if (bounds) {
        result.window = { from: new Date(bounds.from).toISOString(), to: new Date(bounds.to).toISOString(), length: window.text, records_before: pass.outside.before, records_after: pass.outside.after };
      }
      if (source.definition.recordId) result.duplicates = pass.duplicates;
      result.coverage = pass.coverage;
      streamed.set(source.name, { result, states: pass.states });
    } catch (error) {
      streamed.set(source.name, { result: { ...result, status: 'error', error: errorMessage(error, catalog.dir) }, states: new Map() });
    }
  }
  return streamed;
}

function streamTest(catalog: LoadedCatalog, key: string, check: StreamCheck, test: LoadedTest, inputs: Record<string, readonly unknown[]>, view: string | undefined): StreamTest {
  const module = catalog.registry.checkModule(check.id);
  return { key, check, params: test.params, inputs, ...(view === undefined ? {} : { view }), ...(module === undefined ? {} : { module }) };
}
