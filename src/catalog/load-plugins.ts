import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { UserError, errorMessage, type Position } from '../errors.js';
import type { Check } from '../checks/define-check.js';

/**
 * Imports each plugin module named by the catalog (paths relative to it) and validates that its default
 * export is a check or an array of checks. Plugins run only from paths the catalog names.
 */
export async function loadPlugins(
  entries: readonly string[],
  catalogDir: string,
  positionOf: (index: number) => Position,
): Promise<Check[]> {
  const checks: Check[] = [];
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
    for (const candidate of candidates) checks.push(asCheck(candidate, entry, position));
  }
  return checks;
}

/** Validates the shape of a plugin's export; a plugin is untrusted input until it passes. */
function asCheck(value: unknown, entry: string, position: Position): Check {
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
  if (typeof field('run') !== 'function') problems.push('"run" must be a function');
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
  const check = value as Partial<Check> & Pick<Check, 'id' | 'title' | 'description' | 'sources' | 'remediation' | 'run'>;
  return { ...check, params: check.params ?? z.strictObject({}), metrics: check.metrics ?? {}, criteria: check.criteria ?? {} };
}

function isZodLike(value: unknown): boolean {
  return value !== null && typeof value === 'object' && typeof Reflect.get(value, 'safeParse') === 'function';
}
