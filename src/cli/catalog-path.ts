import { existsSync } from 'node:fs';
import { UserError } from '../core/errors.js';

/** The catalog argument, else ./controls.yaml, else the embedded ./controls.example.yaml. */
export function resolveCatalogPath(argument: string | undefined): string {
  if (argument !== undefined) return argument;
  for (const candidate of ['controls.yaml', 'controls.example.yaml']) if (existsSync(candidate)) return candidate;
  throw new UserError('No catalog given and no controls.yaml in this directory', {
    hint: 'Pass a catalog path, or run `controlproof init` to write a starter controls.yaml.',
  });
}
