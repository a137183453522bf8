import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '../catalog/load-catalog.js';
import type { LoadedCatalog } from '../catalog/model.js';
import { UserError } from '../core/errors.js';
import type { CliIo } from './io.js';

/** The catalog argument, else ./controls.yaml, else the embedded ./controls.example.yaml (relative to `cwd`). */
export function resolveCatalogPath(argument: string | undefined, cwd: string): string {
  if (argument !== undefined) return argument;
  for (const candidate of ['controls.yaml', 'controls.example.yaml']) if (existsSync(path.resolve(cwd, candidate))) return candidate;
  throw new UserError('No catalog given and no controls.yaml in this directory', {
    hint: 'Pass a catalog path, or run `controlproof init` to write a starter controls.yaml here.',
  });
}

/** The catalog a command was given (or the default one), loaded and validated relative to the command's directory. */
export function loadCatalogArgument(argument: string | undefined, io: CliIo): Promise<LoadedCatalog> {
  return loadCatalog(resolveCatalogPath(argument, io.cwd), { cwd: io.cwd });
}
