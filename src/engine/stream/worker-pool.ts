// Spreads the files of one pass over worker threads and the calling thread, in batches.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { StreamSource } from '../../kit/define-source.js';
import { deserializeError, serializeError, type SerializedError } from './thread-errors.js';
import { processFiles, type FileOutcome, type FileSettings, type OutOfTime, type PassFile, type ThreadTest } from './process-file.js';

/** What the pass sends each worker at start-up: enough to load the source and checks, rebuild the visitors and read files as the pass does. */
export interface WorkerSetup extends FileSettings {
  source: { type: string; module?: string };
  tests: { checkId: string; name: string; module?: string; params: unknown; inputs: Readonly<Record<string, readonly unknown[]>>; view?: string }[];
  asOf: number;
}

/** A batch of files for one worker, each with its position in the pass. */
export type ToWorker = { type: 'files'; files: { index: number; path: string }[] };

/** The outcomes of a batch, in order; a source error ends the batch at the file that caused it. */
export type FromWorker =
  | { type: 'files'; outcomes: FileOutcome[]; sourceError?: { index: number; error: SerializedError }; /** Time the batch took. */ ms: number }
  | { type: 'setup-error'; error: SerializedError };

/** Batches handed to a worker ahead of time, so it never waits for the main thread between batches. */
const IN_FLIGHT_PER_WORKER = 2;
/** Files in a batch before the pass knows how long a file takes. */
const FIRST_BATCH = 16;
/**
 * How long a batch should keep a worker busy: longer than the calling thread's turn (a worker's next batch waits
 * for that turn to end), short enough that the progress display moves and the load balances at the end.
 */
const BATCH_MS = 40;
const MAX_BATCH = 1024;

/**
 * Batches of about `BATCH_MS` of work (by `msPerFile`, the time a worker took per file so far) while many files
 * remain, single files at the end so no worker idles while another finishes.
 */
export function batchSize(remaining: number, workers: number, msPerFile?: number): number {
  const byTime = msPerFile === undefined ? FIRST_BATCH : Math.floor(BATCH_MS / Math.max(msPerFile, BATCH_MS / MAX_BATCH));
  return Math.max(1, Math.min(MAX_BATCH, byTime, Math.floor(remaining / (workers * IN_FLIGHT_PER_WORKER * 4))));
}

/** How long the calling thread reads files before it answers the workers (and the run's signals) again. */
const TURN_MS = 10;

/** The files `claimFile` hands out until a turn's time is spent: at least one, unless none is left. */
export function* filesForATurn(claimFile: () => PassFile | undefined, turnMs = TURN_MS): Generator<PassFile> {
  const started = performance.now();
  do {
    const file = claimFile();
    if (file === undefined) return;
    yield file;
  } while (performance.now() - started < turnMs);
}

export interface WorkerRun {
  setup: WorkerSetup;
  source: StreamSource;
  files: readonly string[];
  visitors: readonly ThreadTest[];
  workers: number;
}

/**
 * A worker running the worker script beside this module: the compiled JavaScript when this runs from dist/, the
 * TypeScript source through tsx (a dev dependency) when it runs from src/ in tests, so a worker always runs the
 * code under test. No inherited execArgv: a loader the parent runs under would only slow every worker's start-up.
 */
export function startWorker(setup: WorkerSetup): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url), { workerData: setup, execArgv: [] });
  // tsx's ESM entry sits beside the CommonJS one that require.resolve finds.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const script = new URL('./worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: setup, execArgv: [] });
}

/**
 * Hands batches of files to `workers` worker threads and reads single files on the calling thread between their
 * messages, until every file is read. Outcomes arrive in any order, a batch at a time; `onOutcomes` puts them in order.
 */
export async function runInWorkers({ setup, source, files, visitors, workers: count }: WorkerRun, onOutcomes: (outcomes: readonly FileOutcome[]) => void): Promise<void> {
  const pool = Array.from({ length: count }, () => startWorker(setup));
  try {
    await new Promise<void>((resolve, reject) => {
      let dispatched = 0;
      let inFlight = 0;
      const workerMs = { ms: 0, files: 0 };
      let sourceError: { index: number; error: SerializedError } | undefined;
      let settled = false;
      const fail = (error: Error): void => {
        if (settled) return;
        settled = true;
        reject(error);
      };
      const dispatch = (worker: Worker): void => {
        if (sourceError || dispatched >= files.length) return;
        const end = Math.min(files.length, dispatched + batchSize(files.length - dispatched, count + 1, workerMs.files > 0 ? workerMs.ms / workerMs.files : undefined));
        const message: ToWorker = { type: 'files', files: files.slice(dispatched, end).map((file, offset) => ({ index: dispatched + offset, path: file })) };
        dispatched = end;
        inFlight += 1;
        worker.postMessage(message);
      };
      const settleIfDone = (): void => {
        if (settled || inFlight > 0 || (dispatched < files.length && !sourceError)) return;
        settled = true;
        if (sourceError) reject(deserializeError(sourceError.error));
        else resolve();
      };
      const noteSourceError = (failed: { index: number; error: SerializedError }): void => {
        if (!sourceError || failed.index < sourceError.index) sourceError = failed;
      };
      const outOfTime: OutOfTime = new Map();
      const claimFile = (): PassFile | undefined => {
        if (settled || sourceError || dispatched >= files.length) return undefined;
        const index = dispatched;
        dispatched += 1;
        return { index, path: files[index] ?? '' };
      };
      // A turn's worth of files at a time, so the workers' messages are answered between turns.
      const readOnCallingThread = (): void => {
        const read = processFiles(source, visitors, filesForATurn(claimFile), setup, outOfTime);
        try {
          onOutcomes(read.outcomes);
        } catch (error) {
          return fail(error instanceof Error ? error : new Error(String(error)));
        }
        if (read.failed) noteSourceError({ index: read.failed.index, error: serializeError(read.failed.error) });
        if (settled || sourceError || dispatched >= files.length) return settleIfDone();
        setImmediate(readOnCallingThread);
      };
      for (const worker of pool) {
        worker.on('message', (message: FromWorker) => {
          if (message.type === 'setup-error') return fail(deserializeError(message.error));
          inFlight -= 1;
          workerMs.ms += message.ms;
          workerMs.files += message.outcomes.length;
          if (message.sourceError) noteSourceError(message.sourceError);
          try {
            onOutcomes(message.outcomes);
          } catch (error) {
            return fail(error instanceof Error ? error : new Error(String(error)));
          }
          dispatch(worker);
          settleIfDone();
        });
        worker.on('error', (error) => fail(error));
        worker.on('exit', (code) => {
          if (!settled) fail(new Error(`stream worker stopped unexpectedly (exit code ${code})`));
        });
        for (let slot = 0; slot < IN_FLIGHT_PER_WORKER; slot++) dispatch(worker);
      }
      setImmediate(readOnCallingThread);
    });
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}
