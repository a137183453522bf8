import { z } from 'zod';
import { ACTION_FLAGS, ACTION_STATUSES, ASSURANCE, COVERAGE_STATUSES, SCENARIO_STATUSES, EVIDENCE_STATUSES, EXCEPTION_STATUSES, EXISTS, FUNCTIONS, RISKS, TEST_STATUSES, WORKS } from '../core/vocabulary.js';

export const REPORT_SCHEMA_ID = 'controlproof/report@2';

const counts = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.strictObject(Object.fromEntries(keys.map((key) => [key, z.int().nonnegative()])) as Record<T[number], z.ZodInt>);

export const findingSchema = z.strictObject({
  resource: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  /** Id of the active exception that covers this finding, if any. */
  excepted_by: z.string().optional(),
  /** Id of an expired exception that would have covered it: the finding counts as a failure again. */
  expired_exception: z.string().optional(),
});

export const metricResultSchema = z.strictObject({
  value: z.number(),
  min: z.number().optional(),
  max: z.number().optional(),
  passed: z.boolean().optional(),
});

export const testResultSchema = z.strictObject({
  check: z.string(),
  /** Each input of the check → the catalog sources the test bound to it. */
  inputs: z.record(z.string(), z.array(z.string())),
  title: z.string().optional(),
  status: z.enum(TEST_STATUSES),
  examined: z.int().nonnegative(),
  excepted: z.int().nonnegative(),
  findings: z.array(findingSchema),
  metrics: z.record(z.string(), metricResultSchema),
  /** What the check saw that is not a failure, as it reported it. */
  details: z.record(z.string(), z.unknown()).optional(),
  /** What to do next, from the check's documentation; present when the test failed. */
  remediation: z.string().optional(),
  error: z.string().optional(),
  /** Where the test is written in the catalog (report.catalog.path). */
  position: z.strictObject({ line: z.int().positive(), col: z.int().positive() }),
  /** The account, region or business unit the test's data came from: `run --scope`, or set by `merge`. */
  scope: z.string().optional(),
});

export const evidenceResultSchema = z.strictObject({
  kind: z.enum(['document', 'record', 'attestation']),
  title: z.string(),
  status: z.enum(EVIDENCE_STATUSES),
  date: z.string().optional(),
  max_age: z.string(),
  /** When the item goes stale (date + max_age). */
  fresh_until: z.string().optional(),
  path: z.string().optional(),
  sha256: z.string().optional(),
  ref: z.string().optional(),
  by: z.string().optional(),
  reason: z.string().optional(),
});

export const actionResultSchema = z.strictObject({
  what: z.string(),
  owner: z.string(),
  due: z.string(),
  ticket: z.string().optional(),
  closed: z.string().optional(),
  status: z.enum(ACTION_STATUSES),
  /** Days past `due` at as-of, for an overdue action. */
  days_overdue: z.int().positive().optional(),
});

export const controlResultSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  owner: z.string(),
  risk: z.enum(RISKS),
  function: z.enum(FUNCTIONS),
  mappings: z.record(z.string(), z.array(z.string())),
  exists: z.enum(EXISTS),
  works: z.enum(WORKS),
  assurance: z.enum(ASSURANCE),
  evidence: z.array(evidenceResultSchema),
  tests: z.array(testResultSchema),
  /** The catalog's corrective actions on the control, with their status at as-of; absent when it declares none. */
  actions: z.array(actionResultSchema).optional(),
  /** What the report asks of its actions (ACTION_FLAGS); absent when nothing. */
  action_flags: z.array(z.enum(ACTION_FLAGS)).optional(),
});

export const exceptionResultSchema = z.strictObject({
  id: z.string(),
  control: z.string(),
  status: z.enum(EXCEPTION_STATUSES),
  risk: z.enum(RISKS),
  owner: z.string(),
  approved_by: z.string(),
  approved: z.string(),
  expires: z.string(),
  reason: z.string(),
  ticket: z.string().optional(),
  resources: z.array(z.string()).optional(),
  file: z.string(),
  age_days: z.int(),
  /** Negative when overdue. */
  days_to_expiry: z.int(),
  /** Resources this exception excepted in this run (or, once expired, would have). */
  matched: z.array(z.string()),
  control_exists: z.enum(EXISTS).optional(),
  control_works: z.enum(WORKS).optional(),
});

export const exceptionTierSchema = z.strictObject({
  risk: z.enum(RISKS),
  count: z.int().nonnegative(),
  median_age_days: z.number().nullable(),
  oldest_age_days: z.int().nullable(),
  expired: z.int().nonnegative(),
  expiring: z.int().nonnegative(),
  active: z.int().nonnegative(),
  unused: z.int().nonnegative(),
});

export const sourceResultSchema = z.strictObject({
  name: z.string(),
  type: z.string(),
  status: z.enum(['ok', 'error', 'unused']),
  files: z.array(z.strictObject({ path: z.string(), bytes: z.int().nonnegative(), sha256: z.string() })),
  /** Records judged: for logs, those in the window, each counted once however many files delivered it. */
  records: z.int().nonnegative(),
  /** For logs whose records have a time: the assessment window (both ends included, `to` is as-of); records outside it were counted, never judged. */
  window: z
    .strictObject({ from: z.string(), to: z.string(), length: z.string(), records_before: z.int().nonnegative(), records_after: z.int().nonnegative() })
    .optional(),
  /** For logs whose records have an id (CloudTrail's eventID): deliveries of a record another file already held, dropped. */
  duplicates: z.int().nonnegative().optional(),
  /** For logs: first and last event per scope (for AWS, per account and region), and gaps longer than the threshold. */
  coverage: z
    .array(
      z.strictObject({
        /** The provider's coverage scope, e.g. `{ account, region }` for AWS. */
        scope: z.record(z.string(), z.string()),
        events: z.int().nonnegative(),
        first: z.string(),
        last: z.string(),
        gaps: z.array(z.strictObject({ from: z.string(), to: z.string(), hours: z.number() })),
      }),
    )
    .optional(),
  error: z.string().optional(),
  /** The account, region or business unit whose export this is: `run --scope`, or set by `merge`. */
  scope: z.string().optional(),
});

/** One report a merged report was made from. */
export const mergedInputSchema = z.strictObject({
  scope: z.string(),
  tool: z.strictObject({ name: z.literal('controlproof'), version: z.string() }),
  catalog: z.strictObject({ path: z.string(), name: z.string(), sha256: z.string() }),
  as_of: z.string(),
});

export const summarySchema = z.strictObject({
  controls: z.int().nonnegative(),
  exists: counts(EXISTS),
  works: counts(WORKS),
  assurance: counts(ASSURANCE),
  /** exists → works → number of controls. */
  matrix: z.record(z.enum(EXISTS), counts(WORKS)),
  /** works lens per control function: where a programme is strong on prevention and weak on detection. */
  by_function: z.record(z.enum(FUNCTIONS), counts(WORKS)),
  tests: counts(TEST_STATUSES),
  exceptions: counts(EXCEPTION_STATUSES),
  exception_tiers: z.array(exceptionTierSchema),
  /** Controls per action flag; absent in reports written before corrective actions. */
  action_flags: counts(ACTION_FLAGS).optional(),
});

/** A control mapped to a criterion, with both lenses side by side. */
export const coveringControlSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  owner: z.string(),
  exists: z.enum(EXISTS),
  works: z.enum(WORKS),
  assurance: z.enum(ASSURANCE),
});

export const criterionCoverageSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  /** The framework's section; declared frameworks have none. */
  group: z.string().optional(),
  /** CIS profile level, where the framework has them. */
  level: z.int().optional(),
  /** `assured`: at least one mapped control is assured; `unassured`: controls are mapped, none assured; `gap`: no control is mapped. */
  status: z.enum(COVERAGE_STATUSES),
  /** The controls mapped to it, in catalog order. */
  controls: z.array(coveringControlSchema),
});

/** One framework's criteria, in its registry's order, × the controls mapped to each × both lenses. */
export const frameworkCoverageSchema = z.strictObject({
  key: z.string(),
  title: z.string(),
  /** Built into controlproof, or declared under the catalog's `frameworks:`. */
  origin: z.enum(['built-in', 'catalog']),
  summary: z.strictObject({
    criteria: z.int().nonnegative(),
    /** Criteria per coverage status; `gap` counts the criteria no control is mapped to. */
    ...Object.fromEntries(COVERAGE_STATUSES.map((status) => [status, z.int().nonnegative()])) as Record<(typeof COVERAGE_STATUSES)[number], z.ZodInt>,
    /** The controls mapped to any of its criteria, and their assurance. */
    controls: z.int().nonnegative(),
    assurance: counts(ASSURANCE),
  }),
  criteria: z.array(criterionCoverageSchema),
});

/** A control a scenario step names: its two lenses, or that the run's filters left it out. */
export const scenarioControlSchema = z.union([
  z.strictObject({
    id: z.string(),
    title: z.string(),
    function: z.enum(FUNCTIONS),
    exists: z.enum(EXISTS),
    works: z.enum(WORKS),
    assurance: z.enum(ASSURANCE),
  }),
  /** Not in this run (--control, --framework): neither counted as holding the step nor as leaving it open. */
  z.strictObject({ id: z.string(), filtered: z.literal(true) }),
]);

export const scenarioStepSchema = z.strictObject({
  title: z.string(),
  description: z.string().optional(),
  /** The strongest its controls give (see SCENARIO_STATUSES); `not-assessed` when every one was filtered out. */
  status: z.enum(SCENARIO_STATUSES),
  controls: z.array(scenarioControlSchema),
});

/** An attack path from the catalog's `scenarios:`, step by step, with where it is held and the risk that remains. */
export const scenarioResultSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  /** The strongest status of its assessed steps: the attacker has to get through every step, so one held step breaks the path. */
  status: z.enum(SCENARIO_STATUSES),
  /** One sentence: where the path is held, and which steps are not held by an assured control. */
  residual_risk: z.string(),
  steps: z.array(scenarioStepSchema),
});

export const warningSchema = z.strictObject({ message: z.string(), hint: z.string().optional() });

export const reportSchema = z.strictObject({
  schema: z.literal(REPORT_SCHEMA_ID),
  tool: z.strictObject({ name: z.literal('controlproof'), version: z.string() }),
  catalog: z.strictObject({ path: z.string(), name: z.string(), sha256: z.string() }),
  as_of: z.string(),
  /** Where as_of came from: --as-of, the catalog's own as_of (which pins every run), or the clock. */
  as_of_source: z.enum(['option', 'catalog', 'now']),
  warn_days: z.int().nonnegative(),
  /** The account, region or business unit this run covers (`run --scope`); absent in a merged report, whose tests carry theirs. */
  scope: z.string().optional(),
  /** For a report made by `merge`: the reports it combines, by scope. */
  merged_from: z.array(mergedInputSchema).optional(),
  /** The filters of the run (--control, --framework); empty when every control ran. */
  filters: z.strictObject({ controls: z.array(z.string()).optional(), framework: z.string().optional() }),
  summary: summarySchema,
  sources: z.array(sourceResultSchema),
  controls: z.array(controlResultSchema),
  exceptions: z.array(exceptionResultSchema),
  /** Per framework in scope: its criteria × the controls mapped to them × both lenses. Absent in reports written before it was added. */
  framework_coverage: z.array(frameworkCoverageSchema).optional(),
  /** The catalog's attack paths, in catalog order; absent when it declares none. */
  scenarios: z.array(scenarioResultSchema).optional(),
  warnings: z.array(warningSchema),
});

export type Report = z.infer<typeof reportSchema>;
export type ControlResult = z.infer<typeof controlResultSchema>;
export type ActionResult = z.infer<typeof actionResultSchema>;
export type TestResult = z.infer<typeof testResultSchema>;
export type MetricResult = z.infer<typeof metricResultSchema>;
export type FindingResult = z.infer<typeof findingSchema>;
export type EvidenceResult = z.infer<typeof evidenceResultSchema>;
export type ExceptionResult = z.infer<typeof exceptionResultSchema>;
export type ExceptionTier = z.infer<typeof exceptionTierSchema>;
export type SourceResult = z.infer<typeof sourceResultSchema>;
export type Summary = z.infer<typeof summarySchema>;
export type MergedInput = z.infer<typeof mergedInputSchema>;
export type ScenarioResult = z.infer<typeof scenarioResultSchema>;
export type ScenarioStep = z.infer<typeof scenarioStepSchema>;
export type ScenarioControl = z.infer<typeof scenarioControlSchema>;
export type Warning = z.infer<typeof warningSchema>;
export type FrameworkCoverage = z.infer<typeof frameworkCoverageSchema>;
export type CriterionCoverage = z.infer<typeof criterionCoverageSchema>;
export type CoveringControl = z.infer<typeof coveringControlSchema>;
