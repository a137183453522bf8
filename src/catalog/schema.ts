import { z } from 'zod';
import { FUNCTIONS, RISKS } from '../core/vocabulary.js';
import { parseSize, SIZE_UNITS } from '../core/size.js';
import { DURATION_UNITS, parseDate, parseDuration } from '../core/time.js';

const dateString = z
  .string({ error: 'Expected a date like 2026-11-01' })
  .refine((text) => parseDate(text) !== undefined, { message: 'Invalid date: expected YYYY-MM-DD or an ISO timestamp with a zone' });

const durationString = z
  .string({ error: 'Expected a duration like 90d, 12w, 6mo or 1y' })
  .refine((text) => parseDuration(text) !== undefined, { message: `Invalid duration: expected a number and a unit: ${DURATION_UNITS} (e.g. 90d, 12mo)` });

const sizeString = z
  .union([z.int().positive(), z.string()], { error: 'Expected a size like 256MiB or 1GiB' })
  .refine((size) => (typeof size === 'number' ? size : parseSize(size)) !== undefined, { message: `Invalid size: expected a whole number and a unit: ${SIZE_UNITS} (e.g. 512MiB)` })
  .transform((size) => (typeof size === 'number' ? size : (parseSize(size) ?? 0)));

const nonEmpty = z.string().trim().min(1, { message: 'Must not be empty' });
const identifier = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, {
  message: 'Expected an id of letters, digits, ".", "_", ":" or "-"',
});

export const riskSchema = z.enum(RISKS);

const evidenceCommon = {
  title: nonEmpty,
  /** Absent date: the item cannot be shown to exist (`missing`). */
  date: dateString.optional(),
  max_age: durationString,
  notes: z.string().optional(),
};

export const evidenceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('document'), path: nonEmpty, ...evidenceCommon }),
  z.strictObject({ kind: z.literal('record'), ref: nonEmpty, ...evidenceCommon }),
  z.strictObject({ kind: z.literal('attestation'), by: nonEmpty, ...evidenceCommon }),
]);

const metricThreshold = z
  .strictObject({ min: z.number().optional(), max: z.number().optional() })
  .refine((threshold) => threshold.min !== undefined || threshold.max !== undefined, { message: 'Expected min and/or max' });

/** One catalog source, or a list of them whose records are read together. */
const sourceNames = z.union([nonEmpty, z.array(nonEmpty).min(1)]);

export const testSchema = z.strictObject({
  check: nonEmpty,
  /** Binds the check's only input; a check with several inputs binds each under `inputs`. */
  source: sourceNames.optional(),
  inputs: z.record(z.string(), sourceNames).optional(),
  title: z.string().optional(),
  params: z.record(z.string(), z.unknown()).default({}),
  metrics: z.record(z.string(), metricThreshold).default({}),
});

/** A corrective action planned on a control: what, who, by when, and when it was done. */
export const actionSchema = z.strictObject({
  what: nonEmpty,
  owner: nonEmpty,
  due: dateString,
  ticket: z.string().optional(),
  /** Absent: still open. */
  closed: dateString.optional(),
});

export const controlSchema = z.strictObject({
  id: identifier,
  title: nonEmpty,
  description: z.string().optional(),
  owner: nonEmpty,
  risk: riskSchema,
  function: z.enum(FUNCTIONS),
  mappings: z.record(z.string(), z.array(z.string().or(z.number().transform(String)))).default({}),
  evidence: z.array(evidenceSchema).default([]),
  tests: z.array(testSchema).default([]),
  actions: z.array(actionSchema).default([]),
});

/** One step of an attack path: what the attacker does, and the controls that should prevent, detect or respond there. */
export const scenarioStepSchema = z.strictObject({
  title: nonEmpty,
  description: z.string().optional(),
  controls: z.array(nonEmpty).min(1, { message: 'A step names at least one control' }),
});

/** A named attack path as ordered steps (`phished credential → privilege escalation → logging off → exfiltration`). */
export const scenarioSchema = z.strictObject({
  id: identifier,
  title: nonEmpty,
  description: z.string().optional(),
  steps: z.array(scenarioStepSchema).min(1, { message: 'A scenario needs at least one step' }),
});

export const exceptionSchema = z.strictObject({
  id: identifier,
  control: nonEmpty,
  /** Exact resource ids or globs; omitted means every finding of the control. */
  resources: z.array(nonEmpty).min(1).optional(),
  reason: nonEmpty,
  risk: riskSchema,
  owner: nonEmpty,
  approved_by: nonEmpty,
  approved: dateString,
  expires: dateString,
  ticket: z.string().optional(),
});

export const sourceSchema = z.strictObject({
  type: nonEmpty,
  path: z.union([nonEmpty, z.array(nonEmpty).min(1)]),
  description: z.string().optional(),
  /** For logs: how far back from as-of records are judged (default DEFAULT_WINDOW); older and later ones are only counted. */
  window: durationString.optional(),
  /** What the source type lets a catalog set (an HR export's column names); validated by the type's own schema. */
  params: z.record(z.string(), z.unknown()).optional(),
});

export const customFrameworkSchema = z.strictObject({
  title: nonEmpty,
  criteria: z.array(z.strictObject({ id: z.string().or(z.number().transform(String)), title: nonEmpty })).min(1),
});

export const catalogSchema = z.strictObject({
  version: z.literal(1, { error: 'Expected version: 1' }),
  name: nonEmpty,
  as_of: dateString.optional(),
  evidence_root: z.string().default('.'),
  max_exception_days: z.int().positive().default(365),
  // Caps on what a run reads; the defaults (DEFAULT_READ_LIMITS) fit a 4 GB CI runner.
  limits: z.strictObject({ file_size: sizeString.optional(), total_size: sizeString.optional() }).default({}),
  frameworks: z.record(identifier, customFrameworkSchema).default({}),
  plugins: z.array(nonEmpty).default([]),
  sources: z.record(identifier, sourceSchema).default({}),
  controls: z.array(controlSchema).min(1, { message: 'A catalog needs at least one control' }),
  scenarios: z.array(scenarioSchema).default([]),
  // Objects are exceptions; strings are paths or globs of exception files. Each is validated on its own.
  exceptions: z.array(z.union([nonEmpty, z.record(z.string(), z.unknown())])).default([]),
});

export type CatalogDocument = z.output<typeof catalogSchema>;
export type ControlSpec = z.output<typeof controlSchema>;
export type TestSpec = z.output<typeof testSchema>;
export type ScenarioSpec = z.output<typeof scenarioSchema>;
export type ActionSpec = z.output<typeof actionSchema>;
export type EvidenceSpec = z.output<typeof evidenceSchema>;
export type ExceptionSpec = z.output<typeof exceptionSchema>;
export type SourceSpec = z.output<typeof sourceSchema>;
