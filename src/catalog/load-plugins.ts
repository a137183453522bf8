import { stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { UserError, errorMessage, type Position } from '../core/errors.js';
import { streamedInput, type BatchCheck, type Check, type CheckInfo, type Visitor } from '../kit/define-check.js';
import { providerIdOf, type Provider } from '../kit/define-provider.js';
import type { Source } from '../kit/define-source.js';
import { checkLoaders, providerLoaders, sourceLoaders } from '../providers/index.js';
import { importModule, type Contributed, type PluginContributions } from '../providers/registry.js';

/** How long a plugin module may take to load: its top-level code, awaits included. */
export const PLUGIN_LOAD_LIMIT_MS = 30_000;

const EXPORT_HINT = 'Export a check, a source or a provider: `export default defineCheck({ ... })`, `defineSource(...)`, `defineProvider(...)` or an array of them.';

/**
 * Imports each plugin module named by the catalog (paths relative to it) and validates its default export: a
 * check, a source, a provider (with its sources and checks), or an array of them. Plugins run only from paths
 * the catalog names, and are untrusted input until their exports pass.
 */
export async function loadPlugins(
  entries: readonly string[],
  catalogDir: string,
  positionOf: (index: number) => Position,
  loadLimitMs: number = PLUGIN_LOAD_LIMIT_MS,
): Promise<PluginContributions> {
  const checks: Contributed<Check>[] = [];
  const sources: Contributed<Source>[] = [];
  const providers: Contributed<Provider>[] = [];
  const taken = { check: new Set(Object.keys(checkLoaders)), source: new Set(Object.keys(sourceLoaders)), provider: new Set(Object.keys(providerLoaders)) };
  for (const [index, entry] of entries.entries()) {
    const position = positionOf(index);
    const plugin = { entry, position };
    const module = path.resolve(catalogDir, entry);
    const isFile = await stat(module).then((s) => s.isFile(), () => false);
    if (!isFile) throw new UserError(`Plugin file not found: ${entry}`, { position, hint: `Plugin paths are relative to the catalog; looked for ${module}.` });
    let namespace: unknown;
    try {
      namespace = await importSettling(module, loadLimitMs);
    } catch (cause) {
      if (cause instanceof NeverLoaded) throw new UserError(`Plugin ${entry} ${cause.message}`, { position, hint: 'A plugin must not wait at its top level for what may never come: load data when its checks run.' });
      throw new UserError(`Cannot load plugin ${entry}: ${errorMessage(cause)}`, { position, hint: `A plugin is an ES module (.js or .mjs). ${EXPORT_HINT}`, cause });
    }
    const exported = namespace !== null && typeof namespace === 'object' && 'default' in namespace ? namespace.default : undefined;
    const items = Array.isArray(exported) ? exported : [exported];
    if (exported === undefined || items.length === 0) throw new UserError(`Plugin ${entry} has no default export`, { position, hint: EXPORT_HINT });
    const claim = (what: keyof typeof taken, id: string): void => {
      if (taken[what].has(id)) {
        throw new UserError(`Plugin ${what} ${what === 'source' ? 'type' : 'id'} "${id}" is already taken by another ${what}`, {
          position,
          hint: 'Prefix plugin ids with your organisation, e.g. "acme/...".',
        });
      }
      taken[what].add(id);
    };
    for (const item of items) {
      if (isObject(item) && 'type' in item && !('id' in item)) {
        const source = asSource(item, plugin);
        claim('source', source.type);
        sources.push({ item: source, module });
      } else if (isObject(item) && !('kind' in item) && !('run' in item) && !('visitor' in item) && ('sources' in item || 'checks' in item || 'coverageScope' in item || 'resourceIds' in item)) {
        const provider = asProvider(item, plugin);
        claim('provider', provider.id);
        providers.push({ item: provider, module });
        for (const source of provider.sources ?? []) {
          const valid = asSource(source, plugin);
          claim('source', valid.type);
          sources.push({ item: valid, module });
        }
        for (const check of provider.checks ?? []) {
          const valid = asCheck(check, plugin);
          claim('check', valid.id);
          checks.push({ item: valid, module });
        }
      } else {
        const check = asCheck(item, plugin);
        claim('check', check.id);
        checks.push({ item: check, module });
      }
    }
  }
  return { checks, sources, providers };
}

class NeverLoaded extends Error {}

/**
 * The module's namespace, or `NeverLoaded` when it does not finish loading within the limit, or at once when
 * nothing is left that could finish it (a top-level await that never settles): Node would otherwise wait, or
 * exit silently with code 13 once its event loop is empty.
 */
function importSettling(module: string, limitMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const settle = (done: () => void): void => {
      clearTimeout(timer);
      process.off('beforeExit', onIdle);
      done();
    };
    const onIdle = (): void => settle(() => reject(new NeverLoaded('never finishes loading: its top-level code awaits something that never settles')));
    const timer = setTimeout(() => settle(() => reject(new NeverLoaded(`did not finish loading within ${limitMs / 1000} s`))), limitMs);
    // Unreferenced, so an import waiting on nothing empties the event loop and 'beforeExit' says so at once.
    timer.unref();
    process.once('beforeExit', onIdle);
    importModule(module).then(
      (namespace) => settle(() => resolve(namespace)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}

interface PluginAt {
  entry: string;
  position: Position;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}

function invalid(what: string, { entry, position }: PluginAt, id: unknown, problems: readonly string[], hint: string): UserError {
  return new UserError(`Plugin ${entry} exports an invalid ${what}${typeof id === 'string' ? ` "${id}"` : ''}: ${problems.join('; ')}`, { position, hint });
}

function nonEmptyStrings(value: Record<string, unknown>, names: readonly string[]): string[] {
  return names.filter((name) => typeof value[name] !== 'string' || String(value[name]).trim() === '').map((name) => `"${name}" must be a non-empty string`);
}

/** Validates a plugin's check; a hand-written one (not made by defineCheck) gets the defaults defineCheck fills in. */
function asCheck(value: unknown, plugin: PluginAt): Check {
  if (!isObject(value)) {
    throw new UserError(`Plugin ${plugin.entry} exports ${value === null ? 'null' : typeof value}, not a check`, { position: plugin.position, hint: EXPORT_HINT });
  }
  const problems = nonEmptyStrings(value, ['id', 'title', 'description', 'remediation']);
  const inputs = value.inputs;
  const inputsValid =
    isObject(inputs) &&
    Object.keys(inputs).length > 0 &&
    Object.values(inputs).every((spec) => typeof spec === 'string' || (Array.isArray(spec) && spec.length > 0 && spec.every((type) => typeof type === 'string')));
  if (!inputsValid) problems.push('"inputs" must map each input name to a source type or view (or a list of them)');
  const visitor = value.visitor;
  if (visitor === undefined) {
    if (typeof value.run !== 'function') problems.push('"run" must be a function (or "visitor" an object of init, visit, merge and finish)');
  } else {
    for (const hook of ['init', 'merge', 'finish']) if (!isObject(visitor) || typeof visitor[hook] !== 'function') problems.push(`"visitor.${hook}" must be a function`);
    if (isObject(visitor) && typeof visitor.visit !== 'function' && typeof visitor.visitCoverage !== 'function') problems.push('"visitor.visit" (or "visitor.visitCoverage") must be a function');
    if (isObject(visitor) && visitor.mentions !== undefined && !(Array.isArray(visitor.mentions) && visitor.mentions.every((mention) => typeof mention === 'string'))) problems.push('"visitor.mentions" must be a list of strings');
  }
  if (value.params !== undefined && !(isObject(value.params) && typeof value.params.safeParse === 'function')) problems.push('"params" must be a zod schema');
  if (problems.length > 0) throw invalid('check', plugin, value.id, problems, 'Build checks with defineCheck({ id, title, description, inputs, params, remediation, run }).');
  // Shape validated above.
  const check = value as unknown as CheckInfo;
  const normalised: CheckInfo = {
    ...check,
    inputs: Object.fromEntries(Object.entries(check.inputs).map(([name, spec]) => [name, typeof spec === 'string' ? [spec] : spec])),
    optionalInputs: Array.isArray(check.optionalInputs) ? check.optionalInputs : [],
    params: check.params ?? z.strictObject({}),
    metrics: check.metrics ?? {},
    criteria: check.criteria ?? {},
  };
  if (visitor === undefined) return { ...normalised, kind: 'batch', run: value.run as BatchCheck['run'] };
  const hooks = visitor as Record<string, unknown>;
  const named = typeof value.stream === 'string' ? value.stream : typeof hooks.input === 'string' ? hooks.input : undefined;
  let stream: string;
  try {
    stream = streamedInput(check.id, Object.keys(normalised.inputs), named);
  } catch (error) {
    throw invalid('check', plugin, check.id, [errorMessage(error)], 'Name the streamed input in visitor.input.');
  }
  // Hooks validated above.
  const erased = visitor as unknown as Visitor;
  const visitCoverage = typeof hooks.visit === 'function' ? undefined : erased.visitCoverage;
  return {
    ...normalised,
    kind: 'stream',
    stream,
    visitor: {
      visits: Array.isArray(hooks.visits) ? erased.visits : undefined,
      mentions: Array.isArray(hooks.mentions) ? erased.mentions : undefined,
      init: erased.init,
      visitFile: typeof hooks.visitFile === 'function' ? erased.visitFile : undefined,
      visit: visitCoverage ? undefined : erased.visit,
      visitCoverage,
      merge: erased.merge,
      finish: erased.finish,
    },
  };
}

function asSource(value: unknown, plugin: PluginAt): Source {
  if (!isObject(value)) throw new UserError(`Plugin ${plugin.entry} exports ${value === null ? 'null' : typeof value}, not a source`, { position: plugin.position, hint: EXPORT_HINT });
  const problems = nonEmptyStrings(value, ['type', 'description']);
  if (value.kind === 'batch') {
    if (typeof value.read !== 'function') problems.push('"read" must be a function');
    if (value.params !== undefined && !(isObject(value.params) && typeof value.params.safeParse === 'function')) problems.push('"params" must be a zod schema');
  } else if (value.kind === 'stream') {
    if (typeof value.readFile !== 'function') problems.push('"readFile" must be a function');
  } else problems.push('"kind" must be "batch" or "stream"');
  if (value.views !== undefined && !(isObject(value.views) && Object.values(value.views).every((view) => typeof view === 'function'))) {
    problems.push('"views" must map view ids to functions');
  }
  if (problems.length > 0) throw invalid('source', plugin, value.type, problems, 'Build sources with defineSource({ type, kind, description, read }) or, for logs, { kind: "stream", readFile }.');
  // Shape validated above.
  return value as unknown as Source;
}

function asProvider(value: Record<string, unknown>, plugin: PluginAt): Provider {
  const problems = nonEmptyStrings(value, ['id', 'title', 'description']);
  for (const list of ['sources', 'checks']) if (value[list] !== undefined && !Array.isArray(value[list])) problems.push(`"${list}" must be an array`);
  if (value.coverageScope !== undefined && !(Array.isArray(value.coverageScope) && value.coverageScope.every((name) => typeof name === 'string'))) {
    problems.push('"coverageScope" must be an array of names');
  }
  const resourceIds = value.resourceIds;
  if (resourceIds !== undefined && !(isObject(resourceIds) && typeof resourceIds.prefixOf === 'function' && typeof resourceIds.canStartWith === 'function')) {
    problems.push('"resourceIds" must have prefixOf and canStartWith functions');
  }
  if (problems.length === 0) {
    const id = String(value.id);
    const foreign = [...((value.sources as { type?: unknown }[] | undefined) ?? []).map((source) => source.type), ...((value.checks as { id?: unknown }[] | undefined) ?? []).map((check) => check.id)]
      .filter((item): item is string => typeof item === 'string' && providerIdOf(item) !== id);
    if (foreign.length > 0) problems.push(`its source types and check ids must start with "${id}/", found ${foreign.map((item) => `"${item}"`).join(', ')}`);
  }
  if (problems.length > 0) throw invalid('provider', plugin, value.id, problems, 'Build providers with defineProvider({ id, title, description, sources, checks }).');
  // Shape validated above.
  return value as unknown as Provider;
}
