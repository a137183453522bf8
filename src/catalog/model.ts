// What a catalog is once it passed schema and reference validation: every name resolved, every position kept.
import type { Position, UserError } from '../core/errors.js';
import type { Check } from '../kit/define-check.js';
import type { Source } from '../kit/define-source.js';
import type { ReadLimits } from '../kit/files/read-file.js';
import type { Registry } from '../providers/registry.js';
import type { CatalogDocument, ControlSpec, ExceptionSpec, SourceSpec, TestSpec } from './schema.js';

export interface LoadedSource extends SourceSpec {
  name: string;
  patterns: string[];
  /** The source type's definition: whether it is read whole or streamed, and how. */
  definition: Source;
  position: Position;
  /** Where the source's `path:` is written, for "no file matches" errors. */
  pathPosition: Position;
  /** `params:` parsed by the source type's schema (defaults applied); undefined for a type that takes none. */
  readParams: unknown;
}

/** A source as declared, before its type is known to exist. */
export type DeclaredSource = Omit<LoadedSource, 'definition'> & { definition: Source | undefined };

/** One catalog source bound to a check's input: its records as they are, or in the shape of a view it offers. */
export interface BoundSource {
  source: string;
  view?: string;
}

/** A check's input and the catalog sources a test binds to it, in the order the catalog lists them. */
export interface InputBinding {
  input: string;
  sources: readonly BoundSource[];
}

export interface LoadedTest {
  spec: TestSpec;
  check: Check;
  /** Params parsed by the check's schema (defaults applied). */
  params: unknown;
  /** One binding per input of the check, in the check's order. */
  bindings: readonly InputBinding[];
  position: Position;
}

export interface LoadedControl {
  spec: ControlSpec;
  tests: LoadedTest[];
}

/** An exception with its parsed dates and where it was declared. */
export interface LoadedException {
  spec: ExceptionSpec;
  /** File that declares it (the catalog or an exceptions file), as shown to users. */
  file: string;
  position: Position;
  approved: Date;
  expires: Date;
  /** Where a key (or a deeper path, e.g. `'resources', 0`) of this exception is. */
  positionOf(...path: PropertyKey[]): Position;
}

/** A catalog that passed schema and reference validation, with everything resolved. */
export interface LoadedCatalog {
  /** Absolute; what errors and reports show is relative to where they are read (the working directory, the catalog's folder). */
  file: string;
  dir: string;
  sha256: string;
  document: CatalogDocument;
  /** The catalog's own `as_of`, which pins every run that does not pass --as-of; the schema proved it parses. */
  asOf: { date: Date; position: Position } | undefined;
  evidenceRoot: string;
  /** The catalog's `limits`, with the defaults filled in. */
  limits: ReadLimits;
  sources: Map<string, LoadedSource>;
  controls: LoadedControl[];
  exceptions: LoadedException[];
  /** The exceptions files the catalog's globs matched, absolute, whether or not they hold an exception. */
  exceptionFiles: string[];
  /** Built-in checks and sources, and what the catalog's plugins add. */
  registry: Registry;
  /** Problems that do not stop a run (e.g. an exception valid for longer than max_exception_days). */
  warnings: UserError[];
}
