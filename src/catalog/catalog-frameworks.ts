import { compareText } from '../core/compare.js';
import type { Criterion, Framework } from '../frameworks/define-framework.js';
import { frameworks } from '../frameworks/index.js';
import type { CatalogDocument } from './schema.js';

/** A framework a catalog can map to, and whether it is built in or declared under the catalog's `frameworks:`. */
export interface CatalogFramework extends Omit<Framework, 'criteria'> {
  /** Declared criteria have no group. */
  criteria: readonly (Omit<Criterion, 'group'> & { group?: string })[];
  origin: 'built-in' | 'catalog';
}

/** Every framework a catalog's mappings may name, by key: the built-in ones, and those it declares (a declared key replaces a built-in one). */
export function catalogFrameworks(document: Pick<CatalogDocument, 'frameworks'>): Map<string, CatalogFramework> {
  return new Map<string, CatalogFramework>([
    ...Object.values(frameworks).map((framework): [string, CatalogFramework] => [framework.key, { ...framework, origin: 'built-in' }]),
    ...Object.entries(document.frameworks).map(([key, declared]): [string, CatalogFramework] => [key, { key, ...declared, origin: 'catalog' }]),
  ]);
}

/**
 * The frameworks a coverage matrix covers, by key: only `framework` when one is selected, else every one the catalog's
 * controls map to or the catalog declares (a declared framework nothing maps to is all gaps, and shown as such).
 */
export function frameworksInScope(
  document: Pick<CatalogDocument, 'frameworks'> & { controls: readonly { mappings: Readonly<Record<string, readonly string[]>> }[] },
  framework?: string,
): CatalogFramework[] {
  const known = catalogFrameworks(document);
  const keys = framework === undefined ? [...document.controls.flatMap((control) => Object.keys(control.mappings)), ...Object.keys(document.frameworks)] : [framework];
  return [...new Set(keys)].sort(compareText).flatMap((key) => known.get(key) ?? []);
}
