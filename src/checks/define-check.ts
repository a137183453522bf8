import { z } from 'zod';
import type { SourceRecordTypes, SourceType } from '../sources/define-adapter.js';

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
}

export interface CheckContext<R, P> {
  records: readonly R[];
  params: P;
  /** The moment the assessment is about; every age is computed against it. */
  asOf: Date;
}

/** Framework criteria a check can evidence: suggestions for catalog authors, shown in its docs. */
export type CriteriaSuggestions = Partial<Record<'soc2' | 'pci-dss-4' | 'iso27001-2022' | 'cis-aws-3', readonly string[]>>;

/** What every check declares, batch or stream. */
export interface CheckMetadata<S extends SourceType, P extends z.ZodType> {
  id: string;
  title: string;
  description: string;
  sources: readonly S[];
  params?: P;
  remediation: string;
  /** Metric name → what it measures. */
  metrics?: Record<string, string>;
  criteria?: CriteriaSuggestions;
  /** A resource id shaped like this check's findings (e.g. an IAM user ARN); exception globs that cannot match that shape are catalog errors. */
  resourceExample?: string;
}

export interface CheckDefinition<S extends SourceType, P extends z.ZodType> extends CheckMetadata<S, P> {
  run(context: CheckContext<SourceRecordTypes[S], z.output<P>>): CheckResult;
}

/** A check's metadata as the engine holds it: source types erased, defaults filled in. */
export interface CheckInfo {
  id: string;
  title: string;
  description: string;
  sources: readonly string[];
  params: z.ZodType;
  remediation: string;
  metrics: Record<string, string>;
  criteria: CriteriaSuggestions;
  /** A resource id of the shape this check's findings carry; absent when it has no fixed shape. */
  resourceExample?: string;
}

/** A check as the engine holds it, its record and params types erased. */
export interface Check extends CheckInfo {
  run(context: CheckContext<unknown, unknown>): CheckResult;
}

const noParams = z.strictObject({});

/** The engine's view of a check's metadata, shared by `defineCheck` and `defineStreamCheck`. */
export function checkInfo<S extends SourceType, P extends z.ZodType>(metadata: CheckMetadata<S, P>): CheckInfo {
  return {
    id: metadata.id,
    title: metadata.title,
    description: metadata.description,
    sources: metadata.sources,
    params: metadata.params ?? noParams,
    remediation: metadata.remediation,
    metrics: metadata.metrics ?? {},
    criteria: metadata.criteria ?? {},
    ...(metadata.resourceExample === undefined ? {} : { resourceExample: metadata.resourceExample }),
  };
}

/** Defines a check: the one place its typed `run` meets the engine's untyped records. */
export function defineCheck<S extends SourceType, P extends z.ZodType = typeof noParams>(
  definition: CheckDefinition<S, P>,
): Check {
  return {
    ...checkInfo(definition),
    // The engine only hands a check records of a source type it declared, with params parsed by its schema.
    run: (context) => definition.run(context as CheckContext<SourceRecordTypes[S], z.output<P>>),
  };
}
