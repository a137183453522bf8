import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError, UserErrors, type Position } from '../core/errors.js';
import type { AnyCheck } from '../checks/define-stream-check.js';
import { builtinChecks } from '../checks/index.js';
import { displayPath, stripBom } from '../kit/files/read-file.js';
import { parseDate } from '../core/time.js';
import { loadExceptions, type LoadedException } from './load-exceptions.js';
import { loadPlugins, type PluginCheck } from './load-plugins.js';
import { catalogSchema, type CatalogDocument, type ControlSpec, type SourceSpec, type TestSpec } from './schema.js';
import { schemaErrors } from './schema-errors.js';
import { validateReferences } from './validate-references.js';
import { parseYamlFile, type YamlFile } from '../kit/formats/yaml.js';

export interface LoadedTest {
  spec: TestSpec;
  check: AnyCheck;
  /** Params parsed by the check's schema (defaults applied). */
  params: unknown;
  /** Absolute path of the plugin module that defines the check; stream-pass workers import it from there. */
  module?: string;
  position: Position;
}

export interface LoadedControl {
  spec: ControlSpec;
  tests: LoadedTest[];
}

export interface LoadedSource extends SourceSpec {
  name: string;
  patterns: string[];
  position: Position;
  /** Where the source's `path:` is written, for "no file matches" errors. */
  pathPosition: Position;
}

/** A catalog that passed schema and reference validation, with everything resolved. */
export interface LoadedCatalog {
  file: string;
  display: string;
  dir: string;
  sha256: string;
  document: CatalogDocument;
  asOf: Date | undefined;
  evidenceRoot: string;
  sources: Map<string, LoadedSource>;
  controls: LoadedControl[];
  exceptions: LoadedException[];
  checks: Map<string, AnyCheck>;
  /** Problems that do not stop a run (e.g. an exception valid for longer than max_exception_days). */
  warnings: UserError[];
}

/**
 * Reads, parses and validates a catalog: schema, plugins, exception files and every reference
 * (checks, sources, params, frameworks, controls). Reads no source data. Throws `UserErrors`
 * listing every problem found, each at its file:line:col.
 */
export async function loadCatalog(file: string): Promise<LoadedCatalog> {
  const absolute = path.resolve(file);
  const display = displayPath(absolute);
  const raw = await readFile(absolute).catch((cause: unknown) => {
    throw new UserError(`Cannot read catalog: ${cause instanceof Error ? cause.message : String(cause)}`, {
      position: { file: display },
      hint: 'Pass the path of a catalog (controls.yaml), or run `controlproof init` to write a starter one.',
      cause,
    });
  });
  const yaml = parseYamlFile(stripBom(raw.toString('utf8')), display);
  const parsed = catalogSchema.safeParse(yaml.value);
  if (!parsed.success) throw new UserErrors(schemaErrors(parsed.error.issues, yaml, catalogSchema));
  const document = parsed.data;
  const dir = path.dirname(absolute);

  const plugins = await loadPlugins(document.plugins, dir, (index) => yaml.positionOf(['plugins', index]));
  const checks = checkRegistry(plugins, yaml);
  const { exceptions, errors: exceptionErrors } = await loadExceptions(document.exceptions, yaml, dir);
  const sources = new Map(
    Object.entries(document.sources).map(([name, spec]) => [
      name,
      { ...spec, name, patterns: typeof spec.path === 'string' ? [spec.path] : spec.path, position: yaml.positionOf(['sources', name]), pathPosition: yaml.positionOf(['sources', name, 'path']) },
    ]),
  );
  const pluginModules = new Map(plugins.map((plugin) => [plugin.check.id, plugin.module]));
  const { controls, errors, warnings } = validateReferences({ document, yaml, checks, pluginModules, sources, exceptions });
  const all = [...exceptionErrors, ...errors];
  if (all.length > 0) throw new UserErrors(sortByPosition(all));

  return {
    file: absolute,
    display,
    dir,
    sha256: createHash('sha256').update(raw).digest('hex'),
    document,
    asOf: document.as_of === undefined ? undefined : parseDate(document.as_of),
    evidenceRoot: path.resolve(dir, document.evidence_root),
    sources,
    controls,
    exceptions,
    checks,
    warnings,
  };
}

function checkRegistry(plugins: readonly PluginCheck[], yaml: YamlFile): Map<string, AnyCheck> {
  const checks = new Map<string, AnyCheck>(builtinChecks.map((check) => [check.id, check]));
  for (const [index, { check: plugin }] of plugins.entries()) {
    if (checks.has(plugin.id)) {
      throw new UserError(`Plugin check id "${plugin.id}" is already taken by another check`, {
        position: yaml.positionOf(['plugins', index]),
        hint: 'Prefix plugin check ids with your organisation, e.g. "acme/...".',
      });
    }
    checks.set(plugin.id, plugin);
  }
  return checks;
}

function sortByPosition(errors: readonly UserError[]): UserError[] {
  return [...errors].sort(
    (a, b) =>
      (a.position?.file ?? '').localeCompare(b.position?.file ?? '') ||
      (a.position?.line ?? 0) - (b.position?.line ?? 0) ||
      (a.position?.col ?? 0) - (b.position?.col ?? 0),
  );
}
