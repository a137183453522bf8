// What the run command tells formatters beyond the report: where the catalog is as the output's reader sees it
// (SARIF and GitHub annotation paths are relative to the repository root), and the documentation of the checks its tests use.
import { statSync } from 'node:fs';
import path from 'node:path';
import type { LoadedCatalog } from '../catalog/model.js';
import { UserError } from '../core/errors.js';
import type { CheckDocs, FormatOptions } from '../formatters/define-formatter.js';

/** `file` relative to `root`, `/`-separated; undefined when it is not under `root`. */
function relativeUnder(root: string, file: string): string | undefined {
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

function rootFolder(sarifRoot: string | undefined, cwd: string): string {
  if (sarifRoot === undefined) return cwd;
  const root = path.resolve(cwd, sarifRoot);
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UserError(`Invalid --sarif-root "${sarifRoot}": not a folder`, { hint: 'Name the folder SARIF paths are relative to: the repository root.' });
  }
  return root;
}

/** The checks the catalog's tests use, by id, as they document themselves. */
function checkDocs(catalog: Pick<LoadedCatalog, 'controls'>): Record<string, CheckDocs> {
  const checks = catalog.controls.flatMap((control) => control.tests.map((test) => test.check));
  return Object.fromEntries(checks.map((check) => [check.id, { title: check.title, description: check.description, remediation: check.remediation }]));
}

/**
 * The catalog path and check docs for every format of a run. A SARIF output needs the catalog under its root
 * (the working directory, or `--sarif-root`): code scanning cannot place a path outside the repository.
 */
export function formatContext(catalog: Pick<LoadedCatalog, 'file' | 'controls'>, options: { sarifRoot: string | undefined; cwd: string; formats: readonly string[] }): Pick<FormatOptions, 'catalogPath' | 'checks'> {
  const root = rootFolder(options.sarifRoot, options.cwd);
  const catalogPath = relativeUnder(root, catalog.file);
  if (catalogPath === undefined && (options.formats.includes('sarif') || options.sarifRoot !== undefined)) {
    throw new UserError(`The catalog is not under ${options.sarifRoot === undefined ? 'the working directory' : `--sarif-root ${options.sarifRoot}`}, so SARIF cannot locate its tests`, {
      position: { file: catalog.file },
      hint: 'Run from the repository root that holds the catalog, or pass --sarif-root with that folder.',
    });
  }
  return { ...(catalogPath === undefined ? {} : { catalogPath }), checks: checkDocs(catalog) };
}
