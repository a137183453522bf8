import { z } from 'zod';
import type { FrameworkKey } from '../frameworks/index.js';
import type { CoveragePoint } from './define-source.js';
import type { RecordType, RecordTypes } from './record-types.js';

/** One resource for which a test failed. */
export interface Finding {
  /** Stable id of the resource, e.g. an ARN. */
  resource: string;
  /** What was expected and what was found, naming the resource. */
  message: string;
  details?: Record<string, unknown>;
}

export interface CheckResult {
  /** How many resources the check looked at; zero makes the test `vacuous`. */
  examined: number;
  findings: Finding[];
  metrics?: Record<string, number>;
  /** What the check saw that is not a failure but that a reviewer should see (e.g. changes judged harmless). */
  details?: Record<string, unknown>;
}

/** What one named input reads: a source type or a view (`identity/accounts`), or any of several. */
export type InputSpec = RecordType | readonly RecordType[];

/** A check's named inputs: input name → what it reads. A test binds each to one or more catalog sources. */
export type InputSpecs = { readonly [name: string]: InputSpec };

/** The record type an input spec yields. */
export type RecordOf<S> = S extends readonly (infer T)[] ? (T extends RecordType ? RecordTypes[T] : never) : S extends RecordType ? RecordTypes[S] : never;

/** Each input's records, from every source the test binds to it. */
export type InputRecords<I extends InputSpecs> = { readonly [K in keyof I]: readonly RecordOf<I[K]>[] };

export interface CheckContext<Inputs, P> {
  inputs: Inputs;
  params: P;
  /** The moment the assessment is about; every age is computed against it. */
  asOf: Date;
}

/** Framework criteria a check can evidence: suggestions for catalog authors, shown in its docs. */
export type CriteriaSuggestions = Partial<Record<FrameworkKey, readonly string[]>>;

/** What every check declares, batch or stream. */
export interface CheckMetadata<I extends InputSpecs, P extends z.ZodType> {
  /** Equal to the module's path: `aws/iam-console-mfa` is src/providers/aws/checks/iam-console-mfa.ts (`assert` for generic/). */
  id: string;
  title: string;
  description: string;
  inputs: I;
  /** Inputs a test may leave unbound: the check then gets no records for them. `source:` binds the one input that is not optional. */
  optionalInputs?: readonly (keyof I & string)[];
  params?: P;
  remediation: string;
  /** Metric name → what it measures. */
  metrics?: Record<string, string>;
  criteria?: CriteriaSuggestions;
  /** A resource id shaped like this check's findings (e.g. an IAM user ARN); exception globs that cannot match that shape are catalog errors. */
  resourceExample?: string;
}

/** A check over whole inputs: every record of every input at once. */
export interface BatchCheckDefinition<I extends InputSpecs, P extends z.ZodType> extends CheckMetadata<I, P> {
  run(context: CheckContext<InputRecords<I>, z.output<P>>): CheckResult;
}

/** What a visitor's hooks receive besides their state: the inputs that are not streamed (whole), params and as-of. */
export type StreamContext<I extends InputSpecs, K extends keyof I, P extends z.ZodType> = CheckContext<InputRecords<Omit<I, K>>, z.output<P>>;

/**
 * A check over a streamed input (logs), written as a visitor: one pass over the records serves every stream
 * check that reads the source, like one AST walk serves every ESLint rule.
 *
 * The pass splits the files across worker threads: each worker calls `init` and `visit` for the records of one
 * file, the main thread `merge`s the per-file states in file order and calls `finish` once. So `State` must
 * survive `structuredClone` (plain objects, arrays, Maps, Sets, numbers, strings: no functions, no class
 * instances), and `merge` must give the same result however the records were split.
 */
interface VisitorHooks<I extends InputSpecs, K extends keyof I, P extends z.ZodType, State> {
  /** The input whose records are visited; required only when the check has several inputs (the others arrive whole). */
  input?: K;
  init(context: StreamContext<I, K, P>): State;
  /** Called once for every file of the streamed input, before its records: the file as the pass read it. */
  visitFile?(state: State, file: StreamFile, context: StreamContext<I, K, P>): void;
  /** Combines two states; `a` holds records of earlier files than `b`. May reuse (mutate) `a`. */
  merge(a: State, b: State): State;
  /** The result, from the state of every record; `records` counts the streamed input's records in the window, visited or not, each once. */
  finish(state: State, context: StreamContext<I, K, P> & { records: number }): CheckResult;
}

/** A visitor of whole records. */
export interface RecordVisitorDefinition<I extends InputSpecs, K extends keyof I, P extends z.ZodType, State> extends VisitorHooks<I, K, P, State> {
  /**
   * The records this check needs, by the source's dispatch key (for `aws/cloudtrail-logs`, the event name): the
   * pass calls `visit` only for those, like ESLint calls a rule only for the node types it names, and parses only
   * those in full. Only a hint: a check must give the same result when it visits every record. Omitted: every record.
   */
  visits?: readonly string[];
  /**
   * Strings a record this check can match holds (as a JSON string value or key: `Root` for `userIdentity.type:
   * "Root"`), for a check no dispatch key describes: the pass may skip records that mention none of them without
   * parsing them. Only a hint, like `visits`.
   */
  mentions?: readonly string[];
  /**
   * Called for every record in the source's assessment window; updates `state` in place. A record delivered in
   * several files is visited once per delivery: count events by their id. Records are shared by every check:
   * never mutate them.
   */
  visit(state: State, record: RecordOf<I[K]>, context: StreamContext<I, K, P>): void;
}

/** A visitor of where and when each record happened only (the source's coverage point), which the pass takes without parsing records. */
export interface CoverageVisitorDefinition<I extends InputSpecs, K extends keyof I, P extends z.ZodType, State> extends VisitorHooks<I, K, P, State> {
  /** Called for every record in the window that has a coverage point, once per delivery, instead of `visit`. */
  visitCoverage(state: State, point: CoveragePoint, context: StreamContext<I, K, P>): void;
}

/**
 * A check over a streamed input (logs), written as a visitor: one pass over the records serves every stream
 * check that reads the source, like one AST walk serves every ESLint rule.
 *
 * The pass splits the files across worker threads: each worker calls `init` and `visit` for the records of one
 * file, the main thread `merge`s the per-file states in file order and calls `finish` once. So `State` must
 * survive `structuredClone` (plain objects, arrays, Maps, Sets, numbers, strings: no functions, no class
 * instances), and `merge` must give the same result however the records were split.
 */
export type VisitorDefinition<I extends InputSpecs, K extends keyof I, P extends z.ZodType, State> = RecordVisitorDefinition<I, K, P, State> | CoverageVisitorDefinition<I, K, P, State>;

/** One file of a streamed input, as `visitFile` sees it. */
export interface StreamFile {
  /** Relative to the catalog's folder, with `/`. */
  path: string;
  /** Hex SHA-256 of the file as stored (gzip and all). */
  sha256: string;
  /** Hex SHA-256 of its content after decompression (the same as `sha256` for a file that is not gzip). */
  contentSha256: string;
}

export interface StreamCheckDefinition<I extends InputSpecs, K extends keyof I, P extends z.ZodType, State> extends CheckMetadata<I, P> {
  visitor: VisitorDefinition<I, K, P, State>;
}

/** A check's metadata as the engine holds it: every input as a list of what it reads, defaults filled in. */
export interface CheckInfo {
  id: string;
  title: string;
  description: string;
  inputs: Readonly<Record<string, readonly string[]>>;
  /** Inputs a test may leave unbound (they arrive as no records). */
  optionalInputs: readonly string[];
  params: z.ZodType;
  remediation: string;
  metrics: Record<string, string>;
  criteria: CriteriaSuggestions;
  /** A resource id of the shape this check's findings carry; absent when it has no fixed shape. */
  resourceExample?: string;
}

type ErasedContext = CheckContext<Readonly<Record<string, readonly unknown[]>>, unknown>;

export interface BatchCheck extends CheckInfo {
  kind: 'batch';
  run(context: ErasedContext): CheckResult;
}

/** A visitor as the engine holds it, its record, params and state types erased. */
export interface Visitor {
  /** Dispatch keys of the records to visit; undefined: every record. */
  visits: readonly string[] | undefined;
  /** Strings one of which every record it can match mentions; undefined: any record may match. */
  mentions: readonly string[] | undefined;
  init(context: ErasedContext): unknown;
  visitFile: ((state: unknown, file: StreamFile, context: ErasedContext) => void) | undefined;
  /** Exactly one of `visit` and `visitCoverage` is set. */
  visit: ((state: unknown, record: unknown, context: ErasedContext) => void) | undefined;
  visitCoverage: ((state: unknown, point: CoveragePoint, context: ErasedContext) => void) | undefined;
  merge(a: unknown, b: unknown): unknown;
  finish(state: unknown, context: ErasedContext & { records: number }): CheckResult;
}

export interface StreamCheck extends CheckInfo {
  kind: 'stream';
  /** The input whose records are streamed through the visitor. */
  stream: string;
  visitor: Visitor;
}

/** Any check the engine can run: over whole inputs, or a visitor over a streamed one. */
export type Check = BatchCheck | StreamCheck;

const noParams = z.strictObject({});
type NoParams = typeof noParams;

/**
 * Defines a check: the one place its typed hooks meet the engine's untyped records. With `run` it reads its
 * inputs whole; with `visitor` it visits a streamed input record by record.
 */
export function defineCheck<I extends InputSpecs, P extends z.ZodType = NoParams>(definition: BatchCheckDefinition<I, P>): Check;
export function defineCheck<I extends InputSpecs, State, K extends keyof I & string = keyof I & string, P extends z.ZodType = NoParams>(
  definition: StreamCheckDefinition<I, K, P, State>,
): Check;
export function defineCheck(definition: BatchCheckDefinition<InputSpecs, z.ZodType> | StreamCheckDefinition<InputSpecs, string, z.ZodType, unknown>): Check {
  const info = checkInfo(definition);
  // The engine hands a check only records of the types its inputs declare, params parsed by its schema, and
  // states that its own init and merge produced: the erased signatures are the typed ones.
  if ('run' in definition) return { ...info, kind: 'batch', run: definition.run as BatchCheck['run'] };
  const { visitor } = definition;
  return {
    ...info,
    kind: 'stream',
    stream: streamedInput(definition.id, Object.keys(info.inputs), visitor.input),
    visitor: {
      visits: 'visit' in visitor ? visitor.visits : undefined,
      mentions: 'visit' in visitor ? visitor.mentions : undefined,
      init: visitor.init as Visitor['init'],
      visitFile: visitor.visitFile as Visitor['visitFile'],
      visit: 'visit' in visitor ? (visitor.visit as Visitor['visit']) : undefined,
      visitCoverage: 'visitCoverage' in visitor ? (visitor.visitCoverage as Visitor['visitCoverage']) : undefined,
      merge: visitor.merge as Visitor['merge'],
      finish: visitor.finish as Visitor['finish'],
    },
  };
}

/** The engine's view of a check's metadata. */
export function checkInfo(metadata: CheckMetadata<InputSpecs, z.ZodType>): CheckInfo {
  return {
    id: metadata.id,
    title: metadata.title,
    description: metadata.description,
    inputs: Object.fromEntries(Object.entries(metadata.inputs).map(([name, spec]) => [name, typeof spec === 'string' ? [spec] : [...spec]])),
    optionalInputs: [...(metadata.optionalInputs ?? [])],
    params: metadata.params ?? noParams,
    remediation: metadata.remediation,
    metrics: metadata.metrics ?? {},
    criteria: metadata.criteria ?? {},
    ...(metadata.resourceExample === undefined ? {} : { resourceExample: metadata.resourceExample }),
  };
}

/** The streamed input: the one named, or the only input there is. */
export function streamedInput(id: string, inputs: readonly string[], named: string | undefined): string {
  if (named !== undefined) {
    if (!inputs.includes(named)) throw new Error(`check ${id}: visitor.input "${named}" is not one of its inputs (${inputs.join(', ')})`);
    return named;
  }
  const [only, ...more] = inputs;
  if (only === undefined || more.length > 0) throw new Error(`check ${id}: a visitor over several inputs must name the streamed one in visitor.input`);
  return only;
}

/** Every source type or view an input of the check can read, for listings: `aws/cloudtrail-logs`, `json, csv`. */
export function inputTypes(check: Pick<CheckInfo, 'inputs'>): string[] {
  return [...new Set(Object.values(check.inputs).flat())];
}
