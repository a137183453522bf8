import path from 'node:path';
import { UserError, type Position } from '../core/errors.js';
import type { LoadedException } from './model.js';
import { matchFiles } from '../kit/files/match-files.js';
import type { SizeCap } from '../kit/files/open-input.js';
import { readTextFile, relativeTo } from '../kit/files/read-file.js';
import { parseDate } from '../core/time.js';
import { exceptionSchema } from './schema.js';
import { schemaErrors } from './schema-errors.js';
import { MAX_YAML_BYTES, parseYamlFile, type YamlFile } from '../kit/formats/yaml.js';

const EXCEPTIONS_FILE: SizeCap = { bytes: MAX_YAML_BYTES, what: 'an exceptions file', hint: 'Split the exceptions into several files, e.g. one per team.' };

/**
 * Collects exceptions from the catalog's `exceptions:` list: inline objects, and strings naming
 * exception files or globs (relative to the catalog) that hold a YAML list or `{ exceptions: [...] }`.
 */
export async function loadExceptions(
  entries: readonly unknown[],
  catalog: YamlFile,
  catalogDir: string,
): Promise<{ exceptions: LoadedException[]; files: string[]; errors: UserError[] }> {
  const exceptions: LoadedException[] = [];
  const errors: UserError[] = [];
  const read: string[] = [];
  for (const [index, entry] of entries.entries()) {
    if (typeof entry !== 'string') {
      collect(catalog, ['exceptions', index], entry, exceptions, errors);
      continue;
    }
    const files = await matchFiles([entry], catalogDir);
    if (files.length === 0) {
      errors.push(
        new UserError(`No exceptions file matches "${entry}"`, {
          position: catalog.positionOf(['exceptions', index]),
          hint: 'Exception file paths and globs are relative to the catalog.',
        }),
      );
    }
    for (const file of files) {
      read.push(file);
      const yaml = parseYamlFile(await readTextFile(file, EXCEPTIONS_FILE), file);
      const list = exceptionList(yaml);
      if (!list) {
        errors.push(
          new UserError('Expected a list of exceptions, or a mapping with one key "exceptions" holding that list', {
            position: yaml.positionOf([]),
            hint: 'Start the file with "- id: EX-1" or "exceptions:".',
          }),
        );
        continue;
      }
      list.items.forEach((item, itemIndex) => collect(yaml, [...list.path, itemIndex], item, exceptions, errors));
    }
  }
  return { exceptions, files: read, errors: [...errors, ...duplicateIdErrors(exceptions)] };
}

function exceptionList(yaml: YamlFile): { items: unknown[]; path: string[] } | undefined {
  if (Array.isArray(yaml.value)) return { items: yaml.value, path: [] };
  const value = yaml.value;
  if (value !== null && typeof value === 'object' && Object.keys(value).length === 1 && 'exceptions' in value && Array.isArray(value.exceptions)) {
    return { items: value.exceptions, path: ['exceptions'] };
  }
  return undefined;
}

function collect(yaml: YamlFile, at: PropertyKey[], value: unknown, into: LoadedException[], errors: UserError[]): void {
  const parsed = exceptionSchema.safeParse(value);
  if (!parsed.success) {
    errors.push(...schemaErrors(parsed.error.issues, yaml, exceptionSchema, at));
    return;
  }
  const spec = parsed.data;
  // The schema already proved both dates parse.
  const approved = parseDate(spec.approved) ?? new Date(NaN);
  const expires = parseDate(spec.expires) ?? new Date(NaN);
  const positionOf = (...path: PropertyKey[]): Position => yaml.positionOf([...at, ...path]);
  if (expires.getTime() < approved.getTime()) {
    errors.push(
      new UserError(`Exception ${spec.id} expires (${spec.expires}) before it was approved (${spec.approved})`, {
        position: positionOf('expires'),
        hint: 'Check the dates: expires must be on or after approved.',
      }),
    );
    return;
  }
  into.push({ spec, file: yaml.file, position: yaml.positionOf(at), approved, expires, positionOf });
}

function duplicateIdErrors(exceptions: readonly LoadedException[]): UserError[] {
  const first = new Map<string, LoadedException>();
  const errors: UserError[] = [];
  for (const exception of exceptions) {
    const earlier = first.get(exception.spec.id);
    if (!earlier) {
      first.set(exception.spec.id, exception);
      continue;
    }
    // Named from the later file's folder: the message stands next to that file's path, and stays the same wherever a run starts.
    const where = `${relativeTo(path.dirname(exception.file), earlier.file)}:${earlier.position.line ?? 1}`;
    errors.push(
      new UserError(`Duplicate exception id "${exception.spec.id}" (first declared at ${where})`, {
        position: exception.positionOf('id'),
        hint: `Exception ids must be unique across ${path.basename(earlier.file)} and ${path.basename(exception.file)}; rename one.`,
      }),
    );
  }
  return errors;
}
