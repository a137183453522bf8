import { createHash } from 'node:crypto';
import path from 'node:path';
import { UserError, UserErrors } from '../core/errors.js';
import { compareText } from '../core/compare.js';
import { parseDate } from '../core/time.js';
import type { Check } from '../kit/define-check.js';
import type { ResourceIdGrammar } from '../kit/define-provider.js';
import type { Source } from '../kit/define-source.js';
import { decodeText } from '../kit/files/decode-text.js';
import { DEFAULT_READ_LIMITS } from '../kit/files/read-file.js';
import { readRegularFile, type SizeCap } from '../kit/files/open-input.js';

import { MAX_YAML_BYTES, parseYamlFile } from '../kit/formats/yaml.js';
import { Registry } from '../providers/registry.js';
import { loadExceptions } from './load-exceptions.js';
import { loadPlugins } from './load-plugins.js';
import type { DeclaredSource, LoadedCatalog, LoadedSource } from './model.js';
import { catalogSchema, type CatalogDocument } from './schema.js';
import { schemaErrors } from './schema-errors.js';
import { validateReferences } from './validate-references.js';

export interface LoadOptions {
  /** The directory relative paths (the catalog argument) are resolved against and shown relative to. */
  cwd?: string;
}

/**
 * Reads, parses and validates a catalog: schema, plugins, exception files and every reference (checks, sources
 * and how they bind, params, frameworks, controls). Loads only the checks and source types it names, and reads
 * no source data. Throws `UserErrors` listing every problem found, each at its file:line:col.
 */
/** The catalog is YAML a person writes: a few hundred KiB at most. */
const CATALOG_FILE: SizeCap = {
  bytes: MAX_YAML_BYTES,
  what: 'the catalog',
  hint: 'Move exceptions into exceptions files (exceptions: [exceptions/*.yaml]), or split the catalog.',
  missingHint: 'Pass the path of a catalog (controls.yaml), or run `controlproof init` to write a starter one.',
};

export async function loadCatalog(file: string, options: LoadOptions = {}): Promise<LoadedCatalog> {
  const cwd = options.cwd ?? process.cwd();
  const absolute = path.resolve(cwd, file);
  const raw = await readRegularFile(absolute, CATALOG_FILE);
  const yaml = parseYamlFile(decodeText(raw, absolute), absolute);
  const parsed = catalogSchema.safeParse(yaml.value);
  if (!parsed.success) throw new UserErrors(schemaErrors(parsed.error.issues, yaml, catalogSchema));
  const document = parsed.data;
  const dir = path.dirname(absolute);

  const registry = new Registry(await loadPlugins(document.plugins, dir, (index) => yaml.positionOf(['plugins', index])));
  const { exceptions, files: exceptionFiles, errors: exceptionErrors } = await loadExceptions(document.exceptions, yaml, dir);
  const sources = new Map(
    await Promise.all(
      Object.entries(document.sources).map(async ([name, spec]): Promise<[string, DeclaredSource]> => [
        name,
        {
          ...spec,
          name,
          patterns: typeof spec.path === 'string' ? [spec.path] : spec.path,
          definition: await registry.source(spec.type),
          position: yaml.positionOf(['sources', name]),
          pathPosition: yaml.positionOf(['sources', name, 'path']),
          readParams: undefined,
        },
      ]),
    ),
  );
  const { checks, grammars } = await namedChecks(document, registry);
  const { controls, errors, warnings } = validateReferences({
    document,
    yaml,
    checks,
    checkIds: registry.checkIds(),
    sourceTypes: registry.sourceTypes(),
    sources,
    exceptions,
    grammars,
  });
  const all = [...exceptionErrors, ...errors];
  if (all.length > 0) throw new UserErrors(sortByPosition(all));

  return {
    file: absolute,
    dir,
    sha256: createHash('sha256').update(raw).digest('hex'),
    document,
    asOf: document.as_of === undefined ? undefined : { date: parseDate(document.as_of) ?? new Date(Number.NaN), position: yaml.positionOf(['as_of']) },
    evidenceRoot: path.resolve(dir, document.evidence_root),
    limits: {
      fileBytes: document.limits.file_size ?? DEFAULT_READ_LIMITS.fileBytes,
      totalBytes: document.limits.total_size ?? DEFAULT_READ_LIMITS.totalBytes,
    },
    // Validation passed, so every source's type resolved.
    sources: new Map(
      [...sources].flatMap(([name, source]) =>
        source.definition ? [[name, { ...source, definition: source.definition, readParams: sourceParams(source.definition, source.params) } satisfies LoadedSource]] : [],
      ),
    ),
    controls,
    exceptions,
    exceptionFiles,
    registry,
    warnings,
  };
}

/** The checks the catalog's tests name that exist, and the resource-id grammar of each one's provider. */
async function namedChecks(document: CatalogDocument, registry: Registry): Promise<{ checks: Map<string, Check>; grammars: Map<string, ResourceIdGrammar> }> {
  const ids = [...new Set(document.controls.flatMap((control) => control.tests.map((test) => test.check)))];
  const loaded = await Promise.all(
    ids.map(async (id) => {
      const check = await registry.check(id);
      return { id, check, grammar: check ? (await registry.providerOf(id))?.resourceIds : undefined };
    }),
  );
  return {
    checks: new Map(loaded.flatMap(({ id, check }) => (check ? [[id, check]] : []))),
    grammars: new Map(loaded.flatMap(({ id, grammar }) => (grammar ? [[id, grammar]] : []))),
  };
}

/** A source's params as its type parses them; validation has already reported any that do not parse. */
function sourceParams(definition: Source, params: Record<string, unknown> | undefined): unknown {
  return definition.kind === 'batch' ? definition.params?.parse(params ?? {}) : undefined;
}

function sortByPosition(errors: readonly UserError[]): UserError[] {
  return [...errors].sort(
    (a, b) =>
      compareText(a.position?.file ?? '', b.position?.file ?? '') ||
      (a.position?.line ?? 0) - (b.position?.line ?? 0) ||
      (a.position?.col ?? 0) - (b.position?.col ?? 0),
  );
}
