import { shownFrom } from '../core/errors.js';

/** How messages name a check: `check aws/iam-root-mfa`, or `check acme/x (plugin plugins/x.mjs)` for a plugin's. */
export function checkName(id: string, module: string | undefined, base: string | undefined): string {
  return module === undefined ? `check ${id}` : `check ${id} (plugin ${base === undefined ? module : shownFrom(module, base)})`;
}
