import { z } from 'zod';
import type { SourceRecordTypes, SourceType } from '../sources/define-adapter.js';
import { checkInfo, type Check, type CheckInfo, type CheckMetadata, type CheckResult } from './define-check.js';

/** What a stream check's hooks receive besides their state: params parsed by its schema, and as-of. */
export interface StreamCheckContext<P> {
  params: P;
  /** The moment the assessment is about; every age is computed against it. */
  asOf: Date;
}

/** What `finish` receives besides the state: also how many records the source held, visited or not. */
export interface StreamFinishContext<P> extends StreamCheckContext<P> {
  records: number;
}

/**
 * A check over a streamed source (logs), written as a visitor: one pass over the records serves every
 * stream check that reads the source, like one AST walk serves every ESLint rule.
 *
 * The pass splits the files across worker threads: each worker calls `init` and `visit` for the records of
 * one file, the main thread `merge`s the per-file states in file order and calls `finish` once. So `State`
 * must survive `structuredClone` (plain objects, arrays, Maps, Sets, numbers, strings: no functions, no
 * class instances), and `merge` must give the same result however the records were split.
 */
export interface StreamCheckDefinition<S extends SourceType, P extends z.ZodType, State> extends CheckMetadata<S, P> {
  /**
   * The records this check needs, by the source's dispatch key (for `aws/cloudtrail-logs`, the event name):
   * the pass calls `visit` only for those, like ESLint calls a rule only for the node types it names.
   * Omitted: every record. A check that reports on the absence of something can count every record from
   * `finish`'s `records`.
   */
  visits?: readonly string[];
  init(context: StreamCheckContext<z.output<P>>): State;
  /** Called for every record; updates `state` in place. Records are shared by every check: never mutate them. */
  visit(state: State, record: SourceRecordTypes[S], context: StreamCheckContext<z.output<P>>): void;
  /** Combines two states; `a` holds records of earlier files than `b`. May reuse (mutate) `a`. */
  merge(a: State, b: State): State;
  /** The result, from the state of every record; findings in a stable order (e.g. by time, then event id). */
  finish(state: State, context: StreamFinishContext<z.output<P>>): CheckResult;
}

/** A stream check as the engine holds it, its record, params and state types erased. */
export interface StreamCheck extends CheckInfo {
  /** Tells stream checks from batch checks (`Check` has no `kind`). */
  kind: 'stream';
  /** Dispatch keys of the records to visit; undefined: every record. */
  visits: readonly string[] | undefined;
  init(context: StreamCheckContext<unknown>): unknown;
  visit(state: unknown, record: unknown, context: StreamCheckContext<unknown>): void;
  merge(a: unknown, b: unknown): unknown;
  finish(state: unknown, context: StreamFinishContext<unknown>): CheckResult;
}

/** Any check the engine can run: a batch check over all records, or a visitor over a streamed source. */
export type AnyCheck = Check | StreamCheck;

export function isStreamCheck(check: AnyCheck): check is StreamCheck {
  return 'kind' in check && check.kind === 'stream';
}

const noParams = z.strictObject({});

/** Defines a stream check: the one place its typed hooks meet the engine's untyped records and states. */
export function defineStreamCheck<S extends SourceType, State, P extends z.ZodType = typeof noParams>(
  definition: StreamCheckDefinition<S, P, State>,
): StreamCheck {
  type Context = StreamCheckContext<z.output<P>>;
  // The engine hands a check only records of a source type it declared, params parsed by its schema,
  // and states that this check's own init/merge produced.
  const context = (value: StreamCheckContext<unknown>) => value as Context;
  const finishContext = (value: StreamFinishContext<unknown>) => value as StreamFinishContext<z.output<P>>;
  const state = (value: unknown) => value as State;
  return {
    ...checkInfo(definition),
    kind: 'stream',
    visits: definition.visits,
    init: (ctx) => definition.init(context(ctx)),
    visit: (current, record, ctx) => definition.visit(state(current), record as SourceRecordTypes[S], context(ctx)),
    merge: (a, b) => definition.merge(state(a), state(b)),
    finish: (current, ctx) => definition.finish(state(current), finishContext(ctx)),
  };
}
