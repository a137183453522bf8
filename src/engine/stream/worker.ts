// A worker thread of the stream pass: reads the batches of files the main thread sends, one file after another, runs
// every test's visitor over their records and posts back the batch's per-file outcomes.
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { loadPlugins } from '../../catalog/load-plugins.js';
import type { StreamCheck } from '../../kit/define-check.js';
import type { StreamSource } from '../../kit/define-source.js';
import { Registry } from '../../providers/registry.js';
import { serializeError, unclonableState } from './thread-errors.js';
import { processFiles, type FileOutcome, type OutOfTime, type ThreadTest } from './process-file.js';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-pool.js';

const builtins = new Registry();
const plugins = new Map<string, Promise<Registry>>();

/** The built-ins, or a plugin module's checks and sources, validated and completed as the main thread loaded them. */
function registryOf(module: string | undefined): Promise<Registry> {
  if (module === undefined) return Promise.resolve(builtins);
  let registry = plugins.get(module);
  if (!registry) {
    registry = loadPlugins([module], path.dirname(module), () => ({ file: module })).then((contributions) => new Registry(contributions));
    plugins.set(module, registry);
  }
  return registry;
}

/** Imports only the source and the checks this pass runs: a built-in by its lazy loader, a plugin's from its module. */
async function prepare(config: WorkerSetup): Promise<{ source: StreamSource; visitors: ThreadTest[] }> {
  const { type, module } = config.source;
  const source = await (await registryOf(module)).source(type);
  if (source?.kind !== 'stream') throw new Error(`No stream source of type "${type}" in ${module ?? 'the built-in sources'}`);
  const asOf = new Date(config.asOf);
  const visitors = await Promise.all(
    config.tests.map(async (test): Promise<ThreadTest> => ({
      check: await findCheck(test.checkId, test.module),
      name: test.name,
      context: { inputs: test.inputs, params: test.params, asOf },
      view: test.view,
    })),
  );
  return { source, visitors };
}

async function findCheck(id: string, module: string | undefined): Promise<StreamCheck> {
  const check = await (await registryOf(module)).check(id);
  if (check?.kind !== 'stream') throw new Error(`No stream check "${id}" in ${module ?? 'the built-in checks'}`);
  return check;
}

const port = parentPort;
const setup: WorkerSetup = workerData;

/**
 * The outcomes with every state that structuredClone refuses replaced by its test's error: sent as they were, they
 * would fail to post at all (and the main thread would wait for them forever).
 */
function clonableOutcomes(outcomes: readonly FileOutcome[], visitors: readonly ThreadTest[]): FileOutcome[] {
  return outcomes.map((outcome) => ({
    ...outcome,
    tests: outcome.tests.map((test, index) => {
      const visitor = visitors[index];
      if (!test.ok || !visitor) return test;
      try {
        structuredClone(test.state);
        return test;
      } catch (error) {
        return { ok: false, error: serializeError(unclonableState(visitor, error)) };
      }
    }),
  }));
}

if (port) {
  const post = (message: FromWorker): void => port.postMessage(message);
  const ready = prepare(setup);
  ready.catch((error: unknown) => post({ type: 'setup-error', error: serializeError(error) }));
  // Files are processed strictly one after another, so at most one is in memory at a time.
  let queue: Promise<unknown> = ready;
  const outOfTime: OutOfTime = new Map();
  port.on('message', (message: ToWorker) => {
    queue = queue.then(async () => {
      const { source, visitors } = await ready;
      const send = (reply: Extract<FromWorker, { type: 'files' }>): void => {
        try {
          post(reply);
        } catch {
          post({ ...reply, outcomes: clonableOutcomes(reply.outcomes, visitors) });
        }
      };
      const started = performance.now();
      const { outcomes, failed } = processFiles(source, visitors, message.files, setup, outOfTime);
      send({ type: 'files', outcomes, ms: performance.now() - started, ...(failed ? { sourceError: { index: failed.index, error: serializeError(failed.error) } } : {}) });
    });
    // Anything else that goes wrong ends the pass with an error, rather than leaving the main thread waiting.
    queue.catch((error: unknown) => post({ type: 'setup-error', error: serializeError(error) }));
  });
}
