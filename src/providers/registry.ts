// Where checks, sources, views and providers are found: the built-in ones by lazy loader (only what a catalog
// uses is ever imported), plus what a catalog's plugins contribute. Light on purpose: stream workers use it.
import { pathToFileURL } from 'node:url';
import type { Check } from '../kit/define-check.js';
import { providerIdOf, type Provider } from '../kit/define-provider.js';
import type { Source } from '../kit/define-source.js';
import type { ViewDefinition } from '../kit/define-view.js';
import { views as builtinViews } from '../kit/views/index.js';
import { checkLoaders, providerLoaders, sourceLoaders, type Loader } from './index.js';

/** A check, source or provider a plugin module contributes, with the module's absolute path (workers import it there). */
export interface Contributed<T> {
  item: T;
  module: string;
}

export interface PluginContributions {
  checks: readonly Contributed<Check>[];
  sources: readonly Contributed<Source>[];
  providers: readonly Contributed<Provider>[];
}

const NO_PLUGINS: PluginContributions = { checks: [], sources: [], providers: [] };

function loaderOf<T>(loaders: Readonly<Record<string, Loader<T>>>, id: string): Loader<T> | undefined {
  return Object.hasOwn(loaders, id) ? loaders[id] : undefined;
}

export class Registry {
  private readonly pluginChecks: ReadonlyMap<string, Contributed<Check>>;
  private readonly pluginSources: ReadonlyMap<string, Contributed<Source>>;
  private readonly pluginProviders: ReadonlyMap<string, Contributed<Provider>>;

  constructor(readonly plugins: PluginContributions = NO_PLUGINS) {
    this.pluginChecks = new Map(plugins.checks.map((entry) => [entry.item.id, entry]));
    this.pluginSources = new Map(plugins.sources.map((entry) => [entry.item.type, entry]));
    this.pluginProviders = new Map(plugins.providers.map((entry) => [entry.item.id, entry]));
  }

  /** Every known check id, sorted. */
  checkIds(): string[] {
    return [...new Set([...Object.keys(checkLoaders), ...this.pluginChecks.keys()])].sort();
  }

  /** Every known source type, sorted. */
  sourceTypes(): string[] {
    return [...new Set([...Object.keys(sourceLoaders), ...this.pluginSources.keys()])].sort();
  }

  viewIds(): string[] {
    return builtinViews.map((view) => view.id);
  }

  view(id: string): ViewDefinition | undefined {
    return builtinViews.find((view) => view.id === id);
  }

  async check(id: string): Promise<Check | undefined> {
    const plugin = this.pluginChecks.get(id);
    if (plugin) return plugin.item;
    return (await loaderOf<Check>(checkLoaders, id)?.())?.default;
  }

  async source(type: string): Promise<Source | undefined> {
    const plugin = this.pluginSources.get(type);
    if (plugin) return plugin.item;
    return (await loaderOf<Source>(sourceLoaders, type)?.())?.default;
  }

  /** The provider an id (check or source type) belongs to, if it is known. */
  async providerOf(id: string): Promise<Provider | undefined> {
    const providerId = providerIdOf(id);
    const plugin = this.pluginProviders.get(providerId);
    if (plugin) return plugin.item;
    return (await loaderOf<Provider>(providerLoaders, providerId)?.())?.default;
  }

  /** The plugin module that defines a check, for stream workers; undefined for a built-in check. */
  checkModule(id: string): string | undefined {
    return this.pluginChecks.get(id)?.module;
  }

  sourceModule(type: string): string | undefined {
    return this.pluginSources.get(type)?.module;
  }
}

/** Imports a plugin module by absolute path. */
export async function importModule(absolute: string): Promise<unknown> {
  return import(pathToFileURL(absolute).href);
}
