// The record contract of exercises, written once as a zod schema: the YAML reader validates a file's value with it,
// the CSV reader the exercises it assembles from rows. Each reader maps an issue's path back to its own positions.
import { z } from 'zod';
import { fixedDurationMs, parseDate, parseDuration } from '../../../core/time.js';

export const EXERCISE_KINDS = ['tabletop', 'incident-simulation', 'red-team', 'restore'] as const;
export type ExerciseKind = (typeof EXERCISE_KINDS)[number];

export const EXERCISE_OUTCOMES = ['succeeded', 'partial', 'failed'] as const;
export type ExerciseOutcome = (typeof EXERCISE_OUTCOMES)[number];

/** One action item an exercise raised. */
export interface ActionItem {
  /** Unique within its exercise (a ticket key, or A1, A2 …). */
  id: string;
  title: string;
  owner: string;
  /** The deadline: the instant written, or for a date alone the end of that day (00:00 UTC of the next). */
  due: Date;
  /** The due date as written, for messages. */
  dueText: string;
  /** When it was closed, read like `due`; null while open. */
  closed: Date | null;
}

/** What a restore rehearsal measured; only exercises of kind `restore` carry it. */
export interface RestoreMeasurement {
  /** What was restored (`RDS`, `EBS`, `orders-db` …), as written; null when not recorded. */
  resourceType: string | null;
  /** Time from starting the restore to the service being back, in ms; null when not measured. */
  rtoMeasuredMs: number | null;
  /** Age of the data restored (how much would have been lost), in ms; null when not measured. */
  rpoMeasuredMs: number | null;
}

/** One exercise: a tabletop, an incident simulation, a red-team exercise or a restore rehearsal. */
export interface Exercise {
  id: string;
  title: string | null;
  kind: ExerciseKind;
  /** When it was held: the instant written, or for a date alone 00:00 UTC of that day. */
  held: Date;
  /** Scenario tags, lower-case (`ransomware`, `cloud-account-takeover`). */
  scenario: readonly string[];
  outcome: ExerciseOutcome;
  participants: readonly string[];
  /** Set for kind `restore` only. */
  restore: RestoreMeasurement | null;
  actions: readonly ActionItem[];
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const DATE_EXPECTED = 'a date like 2026-04-20 or a date-time with a zone like 2026-04-20T14:00:00+02:00';

/** A date or date-time with a zone; `dayEnd` reads a date alone as the end of its day (a deadline), otherwise its start. */
function dateField(dayEnd: boolean): z.ZodType<{ at: Date; text: string }, string> {
  return z.string().transform((text, context) => {
    const trimmed = text.trim();
    const date = parseDate(trimmed);
    if (date === undefined) {
      context.addIssue({ code: 'custom', message: `expected ${DATE_EXPECTED}, found ${JSON.stringify(text)}` });
      return z.NEVER;
    }
    return { at: dayEnd && DATE_ONLY.test(trimmed) ? new Date(date.getTime() + DAY_MS) : date, text: trimmed };
  });
}

/** A measured length of time in the one duration grammar, fixed units only (`95m`, `3.5h`, `2d`). */
const measuredField = z.string().transform((text, context) => {
  const parsed = parseDuration(text);
  const ms = parsed === undefined ? undefined : fixedDurationMs(parsed);
  if (ms === undefined) {
    context.addIssue({ code: 'custom', message: `expected a measured duration in m, h, d or w like 95m or 3.5h, found ${JSON.stringify(text)}` });
    return z.NEVER;
  }
  return ms;
});

const name = z.string().trim().min(1, 'expected a non-empty string');
const tag = name.transform((value) => value.toLowerCase());

const actionSchema = z.strictObject({
  id: name,
  title: name,
  owner: name,
  due: dateField(true),
  closed: dateField(true).nullable().optional(),
});

/** One exercise as a file writes it (snake_case keys); the readers hand every exercise to it. */
export const exerciseSchema = z
  .strictObject({
    id: name,
    title: name.optional(),
    date: dateField(false),
    kind: z.enum(EXERCISE_KINDS),
    scenario: z.array(tag).optional(),
    outcome: z.enum(EXERCISE_OUTCOMES),
    participants: z.array(name).optional(),
    resource_type: name.optional(),
    rto_measured: measuredField.optional(),
    rpo_measured: measuredField.optional(),
    actions: z.array(actionSchema).optional(),
  })
  .superRefine((exercise, context) => {
    if (exercise.kind !== 'restore') {
      for (const key of ['resource_type', 'rto_measured', 'rpo_measured'] as const) {
        if (exercise[key] !== undefined) context.addIssue({ code: 'custom', path: [key], message: `only a restore rehearsal (kind restore) records ${key}, found it on a ${exercise.kind} exercise` });
      }
    }
    const seen = new Set<string>();
    for (const [index, action] of (exercise.actions ?? []).entries()) {
      if (seen.has(action.id)) context.addIssue({ code: 'custom', path: ['actions', index, 'id'], message: `expected action ids unique within the exercise, found "${action.id}" twice` });
      seen.add(action.id);
    }
  })
  .transform(
    (exercise): Exercise => ({
      id: exercise.id,
      title: exercise.title ?? null,
      kind: exercise.kind,
      held: exercise.date.at,
      scenario: [...new Set(exercise.scenario ?? [])],
      outcome: exercise.outcome,
      participants: exercise.participants ?? [],
      restore:
        exercise.kind === 'restore'
          ? { resourceType: exercise.resource_type ?? null, rtoMeasuredMs: exercise.rto_measured ?? null, rpoMeasuredMs: exercise.rpo_measured ?? null }
          : null,
      actions: (exercise.actions ?? []).map((action) => ({
        id: action.id,
        title: action.title,
        owner: action.owner,
        due: action.due.at,
        dueText: action.due.text,
        closed: action.closed?.at ?? null,
      })),
    }),
  );

/** The value at a zod issue's path inside what was validated; undefined where it is absent. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const step of path) value = value !== null && typeof value === 'object' ? Reflect.get(value, step) : undefined;
  return value;
}

/** The keys an exercise may have and those an action item may have, for "did you mean" and the CSV header. */
export const EXERCISE_KEYS = Object.keys(exerciseSchema.in.shape);
export const ACTION_KEYS = Object.keys(actionSchema.shape);

export const CONTRACT_HINT =
  'Each exercise has id, date, kind (tabletop, incident-simulation, red-team, restore) and outcome (succeeded, partial, failed); optional title, scenario (tags), participants, actions (id, title, owner, due, closed) and, for kind restore, resource_type, rto_measured, rpo_measured. Dates are YYYY-MM-DD or ISO 8601 with a zone.';
