// A worker thread of the stream pass: reads the batches of files the main thread sends, one file at a time,
// runs every test's visitor over their records and posts back the batch's per-file outcomes. Runs only from
// dist/ (compiled JS).
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { isStreamCheck, type StreamCheck } from '../checks/define-stream-check.js';
import type { StreamAdapter } from '../sources/define-adapter.js';
import { processFile, serializeError, type FileOutcome, type FromWorker, type ToWorker, type Visitor, type WorkerSetup } from './stream-pass.js';

/** A check id or source type is also its module's path under checks/ or sources/ (`aws/ct-root-activity`). */
const MODULE_ID = /^[a-z0-9][a-z0-9-]*(?:\/[a-z0-9][a-z0-9-]*)*$/;

/**
 * Imports the module named like `id` under `folder` (so a worker loads only the checks and the adapter it runs,
 * not every registered one), or nothing when there is no such module.
 */
async function importById(folder: 'checks' | 'sources', id: string): Promise<unknown[]> {
  if (!MODULE_ID.test(id)) return [];
  const url = new URL(`../${folder}/${id}.js`, import.meta.url);
  if (!existsSync(url)) return [];
  return exportedValues(await import(url.href));
}

async function prepare(config: WorkerSetup): Promise<{ adapter: StreamAdapter; visitors: Visitor[] }> {
  const adapters = [...(await importById('sources', config.adapterType))];
  if (!adapters.some(isStreamAdapter)) adapters.push(...(await import('../sources/index.js')).streamAdapters);
  const adapter = adapters.find((candidate): candidate is StreamAdapter => isStreamAdapter(candidate) && candidate.type === config.adapterType);
  if (!adapter) throw new Error(`No streamed adapter for source type "${config.adapterType}"`);
  const asOf = new Date(config.asOf);
  const visitors = await Promise.all(
    config.tests.map(async (test, index) => ({
      key: String(index),
      check: await findCheck(test.checkId, test.module),
      context: { params: test.params, asOf },
    })),
  );
  return { adapter, visitors };
}

async function findCheck(id: string, module: string | undefined): Promise<StreamCheck> {
  const matches = (candidates: readonly unknown[]): StreamCheck | undefined =>
    candidates.find((candidate): candidate is StreamCheck => isCheckLike(candidate) && candidate.id === id && isStreamCheck(candidate));
  const check =
    module === undefined
      ? (matches(await importById('checks', id)) ?? matches((await import('../checks/index.js')).builtinChecks))
      : matches(exportedValues(await import(pathToFileURL(module).href)));
  if (!check) throw new Error(`No stream check "${id}" in ${module ?? 'the built-in checks'}`);
  return check;
}

/** A plugin module's exports: the default export (a check or an array of checks) and named exports. */
function exportedValues(module: unknown): unknown[] {
  if (module === null || typeof module !== 'object') return [];
  return Object.values(module).flatMap((value: unknown) => (Array.isArray(value) ? value : [value]));
}

function isStreamAdapter(value: unknown): value is StreamAdapter {
  return value !== null && typeof value === 'object' && 'type' in value && 'streamFile' in value && typeof value.streamFile === 'function';
}

function isCheckLike(value: unknown): value is StreamCheck {
  return value !== null && typeof value === 'object' && 'id' in value && 'kind' in value;
}

const port = parentPort;
const setup: WorkerSetup = workerData;

if (port) {
  const send = (message: FromWorker): void => port.postMessage(message);
  const ready = prepare(setup);
  ready.catch((error: unknown) => send({ type: 'setup-error', error: serializeError(error) }));
  // Files are processed strictly one after another, so at most one is in memory at a time.
  let queue: Promise<unknown> = ready;
  port.on('message', (message: ToWorker) => {
    queue = queue.then(async () => {
      const { adapter, visitors } = await ready;
      const outcomes: FileOutcome[] = [];
      for (const file of message.files) {
        try {
          outcomes.push(processFile(adapter, visitors, file.path, file.index, setup.gapMs));
        } catch (error) {
          return send({ type: 'files', outcomes, sourceError: { index: file.index, error: serializeError(error) } });
        }
      }
      send({ type: 'files', outcomes });
    });
    queue.catch(() => undefined);
  });
}
