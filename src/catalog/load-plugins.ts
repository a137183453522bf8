import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { UserError, errorMessage, type Position } from '../core/errors.js';
import type { Check } from '../checks/define-check.js';
import type { AnyCheck, StreamCheck } from '../checks/define-stream-check.js';

/** A check a plugin exports, with the module it came from (stream-pass workers import it there). */
export interface PluginCheck {
  check: AnyCheck;
  module: string;
}

/**
 * Imports each plugin module named by the catalog (paths relative to it) and validates that its default
 * export is a check or an array of checks. Plugins run only from paths the catalog names.
 */
export async function loadPlugins(
  entries: readonly string[],
  catalogDir: string,
  positionOf: (index: number) => Position,
): Promise<PluginCheck[]> {
  const checks: PluginCheck[] = [];
  for (const [index, entry] of entries.entries()) {
    const position = positionOf(index);
    const absolute = path.resolve(catalogDir, entry);
    const isFile = await stat(absolute).then((s) => s.isFile(), () => false);
    if (!isFile) {
      throw new UserError(`Plugin file not found: ${entry}`, {
        position,
        hint: `Plugin paths are relative to the catalog; looked for ${absolute}.`,
      });
    }
    let module: unknown;
    try {
      module = await import(pathToFileURL(absolute).href);
    } catch (cause) {
      throw new UserError(`Cannot load plugin ${entry}: ${errorMessage(cause)}`, {
        position,
        hint: 'A plugin is an ES module (.js or .mjs) whose default export is a check or an array of checks.',
        cause,
      });
    }
    const exported = module !== null && typeof module === 'object' && 'default' in module ? module.default : undefined;
    const candidates = Array.isArray(exported) ? exported : [exported];
    if (exported === undefined || candidates.length === 0) {
      throw new UserError(`Plugin ${entry} has no default export`, {
        position,
        hint: 'Export the check: `export default defineCheck({ ... })` or an array of checks.',
      });
    }
    for (const candidate of candidates) checks.push({ check: asCheck(candidate, entry, position), module: absolute });
  }
  return checks;
}

/** Validates the shape of a plugin's export; a plugin is untrusted input until it passes. */
function asCheck(value: unknown, entry: string, position: Position): AnyCheck {
  const problems: string[] = [];
  if (value === null || typeof value !== 'object') {
    throw new UserError(`Plugin ${entry} exports ${value === null ? 'null' : typeof value}, not a check`, {
      position,
      hint: 'Export the check: `export default defineCheck({ ... })` or an array of checks.',
    });
  }
  const field = (name: string): unknown => (name in value ? Reflect.get(value, name) : undefined);
  for (const name of ['id', 'title', 'description', 'remediation']) {
    if (typeof field(name) !== 'string' || String(field(name)).trim() === '') problems.push(`"${name}" must be a non-empty string`);
  }
  const sources = field('sources');
  if (!Array.isArray(sources) || sources.length === 0 || !sources.every((s) => typeof s === 'string')) {
    problems.push('"sources" must be a non-empty array of source types');
  }
  const isStream = field('kind') === 'stream';
  const hooks = isStream ? ['init', 'visit', 'merge', 'finish'] : ['run'];
  for (const hook of hooks) if (typeof field(hook) !== 'function') problems.push(`"${hook}" must be a function`);
  const params = field('params');
  if (params !== undefined && !isZodLike(params)) problems.push('"params" must be a zod schema');
  const id = field('id');
  if (problems.length > 0) {
    throw new UserError(`Plugin ${entry} exports an invalid check${typeof id === 'string' ? ` "${id}"` : ''}: ${problems.join('; ')}`, {
      position,
      hint: 'Build checks with defineCheck({ id, title, description, sources, params, remediation, run }).',
    });
  }
  // Shape validated above; defaults fill what a hand-written (non-defineCheck) plugin may omit.
  const defaults = { params: z.strictObject({}), metrics: {}, criteria: {} };
  if (isStream) return { ...defaults, ...(value as Partial<StreamCheck>) } as StreamCheck;
  return { ...defaults, ...(value as Partial<Check>) } as Check;
}

function isZodLike(value: unknown): boolean {
  return value !== null && typeof value === 'object' && typeof Reflect.get(value, 'safeParse') === 'function';
}
