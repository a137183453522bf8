// `controlproof diff OLD NEW`: per control, which way each lens moved; findings, metrics and exceptions that changed.
import { z } from 'zod';
import { ASSURANCE, EXCEPTION_STATUSES, EXISTS, WORKS } from '../core/vocabulary.js';
import type { DiffFailOnCondition } from './diff-conditions.js';
import { EXISTS_ORDER, lensMove, WORKS_ORDER, type Move } from './lens-order.js';
import { reportSchema, warningSchema, type ControlResult, type Report, type TestResult, type Warning } from './model.js';

/** The schema tag of `diff --format json`; it changes when the view's shape does. */
export const DIFF_SCHEMA_ID = 'controlproof/diff@1';

const MOVES = ['improved', 'regressed', 'unchanged'] as const;

const lensChange = <T extends readonly [string, ...string[]]>(values: T) => z.strictObject({ old: z.enum(values), new: z.enum(values), move: z.enum(MOVES) });

/** One of the two reports compared. */
export const diffSideSchema = z.strictObject({
  /** The report file as given on the command line. */
  file: z.string(),
  tool: reportSchema.shape.tool,
  catalog: reportSchema.shape.catalog,
  as_of: z.string(),
});

/** A control in both reports (by id): each lens's move, and its assurance before and after. */
export const controlChangeSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  owner: z.string(),
  /** `regressed` when any lens regressed, else `improved` when any improved. */
  change: z.enum(MOVES),
  exists: lensChange(EXISTS),
  works: lensChange(WORKS),
  assurance: z.strictObject({ old: z.enum(ASSURANCE), new: z.enum(ASSURANCE) }),
});

/** A control in only one of the reports. */
export const controlSideSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  owner: z.string(),
  exists: z.enum(EXISTS),
  works: z.enum(WORKS),
  assurance: z.enum(ASSURANCE),
});

/** A finding, keyed by control, check and resource. */
export const findingChangeSchema = z.strictObject({
  control: z.string(),
  check: z.string(),
  resource: z.string(),
  message: z.string(),
  /** The active exception that covers it, in the report it is in. */
  excepted_by: z.string().optional(),
});

/** A finding of OLD that NEW does not show, but cannot be said resolved: its test could not run, or is gone. */
export const unverifiedFindingSchema = findingChangeSchema.extend({ reason: z.enum(['test-error', 'test-removed']) });

/** A metric of a test in both reports (same check, inputs and scope) whose value or threshold verdict changed; null where that run did not measure it. */
export const metricDeltaSchema = z.strictObject({
  control: z.string(),
  check: z.string(),
  inputs: z.record(z.string(), z.array(z.string())),
  scope: z.string().optional(),
  metric: z.string(),
  old: z.number().nullable(),
  new: z.number().nullable(),
  /** new − old; null when either is. */
  delta: z.number().nullable(),
  passed_old: z.boolean().optional(),
  passed_new: z.boolean().optional(),
});

/** `new`: only in NEW; `retired`: only in OLD; `expired`: in both, expired in NEW and not in OLD. */
export const exceptionChangeSchema = z.strictObject({
  id: z.string(),
  control: z.string(),
  owner: z.string(),
  change: z.enum(['new', 'expired', 'retired']),
  expires: z.string(),
  old_status: z.enum(EXCEPTION_STATUSES).optional(),
  new_status: z.enum(EXCEPTION_STATUSES).optional(),
});

export const diffViewSchema = z.strictObject({
  schema: z.literal(DIFF_SCHEMA_ID),
  old: diffSideSchema,
  new: diffSideSchema,
  /** The rank of each lens's verdicts, worst first: a move up is improved, down regressed. */
  order: z.strictObject({ exists: z.array(z.enum(EXISTS)), works: z.array(z.enum(WORKS)) }),
  summary: z.strictObject({
    improved: z.int().nonnegative(),
    regressed: z.int().nonnegative(),
    unchanged: z.int().nonnegative(),
    added: z.int().nonnegative(),
    removed: z.int().nonnegative(),
    renamed: z.int().nonnegative(),
    new_findings: z.int().nonnegative(),
    resolved_findings: z.int().nonnegative(),
    unverified_findings: z.int().nonnegative(),
    exception_changes: z.int().nonnegative(),
  }),
  /** Controls in both reports, in NEW's order. */
  controls: z.array(controlChangeSchema),
  added: z.array(controlSideSchema),
  removed: z.array(controlSideSchema),
  /** Same id, another title. */
  renamed: z.array(z.strictObject({ id: z.string(), old_title: z.string(), new_title: z.string() })),
  /** Findings of controls in both reports only: an added control's findings are its own news. */
  new_findings: z.array(findingChangeSchema),
  resolved_findings: z.array(findingChangeSchema),
  unverified_findings: z.array(unverifiedFindingSchema),
  metrics: z.array(metricDeltaSchema),
  exceptions: z.array(exceptionChangeSchema),
  warnings: z.array(warningSchema),
});

export type DiffView = z.infer<typeof diffViewSchema>;
export type ControlChange = z.infer<typeof controlChangeSchema>;
export type FindingChange = z.infer<typeof findingChangeSchema>;
export type MetricDelta = z.infer<typeof metricDeltaSchema>;
export type ExceptionChange = z.infer<typeof exceptionChangeSchema>;

/** A report as `diff` was given it. */
export interface DiffInput {
  file: string;
  report: Report;
}

function side({ file, report }: DiffInput): DiffView['old'] {
  return { file, tool: report.tool, catalog: report.catalog, as_of: report.as_of };
}

function controlSide(control: ControlResult): z.infer<typeof controlSideSchema> {
  return { id: control.id, title: control.title, owner: control.owner, exists: control.exists, works: control.works, assurance: control.assurance };
}

function controlChange(old: ControlResult, now: ControlResult): ControlChange {
  const exists = lensMove(EXISTS_ORDER, old.exists, now.exists);
  const works = lensMove(WORKS_ORDER, old.works, now.works);
  const moves: Move[] = [exists, works];
  const change: Move = moves.includes('regressed') ? 'regressed' : moves.includes('improved') ? 'improved' : 'unchanged';
  return {
    id: now.id,
    title: now.title,
    owner: now.owner,
    change,
    exists: { old: old.exists, new: now.exists, move: exists },
    works: { old: old.works, new: now.works, move: works },
    assurance: { old: old.assurance, new: now.assurance },
  };
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Every finding of `controls`, once per (control, check, resource), sorted by that key. */
function findingsByKey(controls: readonly ControlResult[]): Map<string, FindingChange> {
  const entries = controls.flatMap((control) =>
    control.tests.flatMap((test) =>
      test.findings.map((finding): [string, FindingChange] => [
        JSON.stringify([control.id, test.check, finding.resource]),
        { control: control.id, check: test.check, resource: finding.resource, message: finding.message, ...(finding.excepted_by === undefined ? {} : { excepted_by: finding.excepted_by }) },
      ]),
    ),
  );
  const keyed = new Map<string, FindingChange>();
  for (const [key, finding] of entries.sort(([a], [b]) => compareText(a, b))) if (!keyed.has(key)) keyed.set(key, finding);
  return keyed;
}

/** Why a finding NEW does not show is not known to be fixed, if it is not: its test in NEW could not run, or is gone. */
function unresolvedReason(control: ControlResult, check: string): 'test-error' | 'test-removed' | undefined {
  const tests = control.tests.filter((test) => test.check === check);
  if (tests.length === 0) return 'test-removed';
  return tests.some((test) => test.status === 'error') ? 'test-error' : undefined;
}

/** Tests of a control keyed by check, bound inputs and scope, numbered when a control repeats one. */
export function testsByKey(control: ControlResult): Map<string, TestResult> {
  const keyed = new Map<string, TestResult>();
  for (const test of control.tests) {
    const base = JSON.stringify([test.check, Object.entries(test.inputs).sort(([a], [b]) => compareText(a, b)), test.scope ?? null]);
    let index = 0;
    while (keyed.has(`${base}#${index}`)) index++;
    keyed.set(`${base}#${index}`, test);
  }
  return keyed;
}

function metricDeltas(controlId: string, old: TestResult, now: TestResult): MetricDelta[] {
  const names = [...new Set([...Object.keys(old.metrics), ...Object.keys(now.metrics)])].sort(compareText);
  return names.flatMap((metric): MetricDelta[] => {
    const before = old.metrics[metric];
    const after = now.metrics[metric];
    if (before?.value === after?.value && before?.passed === after?.passed) return [];
    const oldValue = before?.value ?? null;
    const newValue = after?.value ?? null;
    return [
      {
        control: controlId,
        check: now.check,
        inputs: now.inputs,
        ...(now.scope === undefined ? {} : { scope: now.scope }),
        metric,
        old: oldValue,
        new: newValue,
        delta: oldValue === null || newValue === null ? null : newValue - oldValue,
        ...(before?.passed === undefined ? {} : { passed_old: before.passed }),
        ...(after?.passed === undefined ? {} : { passed_new: after.passed }),
      },
    ];
  });
}

function exceptionChanges(old: Report, now: Report): ExceptionChange[] {
  const before = new Map(old.exceptions.map((exception) => [exception.id, exception]));
  const after = new Map(now.exceptions.map((exception) => [exception.id, exception]));
  const fresh = now.exceptions.flatMap((exception): ExceptionChange[] => {
    const earlier = before.get(exception.id);
    const base = { id: exception.id, control: exception.control, owner: exception.owner, expires: exception.expires, new_status: exception.status };
    if (!earlier) return [{ ...base, change: 'new' }];
    if (exception.status === 'expired' && earlier.status !== 'expired') return [{ ...base, change: 'expired', old_status: earlier.status }];
    return [];
  });
  const retired = old.exceptions
    .filter((exception) => !after.has(exception.id))
    .map((exception): ExceptionChange => ({ id: exception.id, control: exception.control, owner: exception.owner, change: 'retired', expires: exception.expires, old_status: exception.status }));
  return [...fresh, ...retired];
}

function diffWarnings(old: DiffInput, now: DiffInput): Warning[] {
  const warnings: Warning[] = [];
  if (old.report.as_of > now.report.as_of) {
    warnings.push({
      message: `OLD (${old.file}) assesses ${old.report.as_of}, after NEW (${now.file}) at ${now.report.as_of}`,
      hint: 'Give the earlier report first: controlproof diff OLD.json NEW.json.',
    });
  }
  if (JSON.stringify(old.report.filters) !== JSON.stringify(now.report.filters)) {
    warnings.push({
      message: 'The reports ran with different --control or --framework filters: controls one of them did not run show as added or removed',
      hint: 'Compare runs with the same filters.',
    });
  }
  return warnings;
}

/** What changed from `old` to `now`, control by control (by id). */
export function diffReports(old: DiffInput, now: DiffInput): DiffView {
  const oldControls = new Map(old.report.controls.map((control) => [control.id, control]));
  const newIds = new Set(now.report.controls.map((control) => control.id));
  const pairs = now.report.controls.flatMap((control) => {
    const earlier = oldControls.get(control.id);
    return earlier ? [{ old: earlier, now: control }] : [];
  });
  const controls = pairs.map((pair) => controlChange(pair.old, pair.now));
  const added = now.report.controls.filter((control) => !oldControls.has(control.id)).map(controlSide);
  const removed = old.report.controls.filter((control) => !newIds.has(control.id)).map(controlSide);
  const renamed = pairs.filter((pair) => pair.old.title !== pair.now.title).map((pair) => ({ id: pair.now.id, old_title: pair.old.title, new_title: pair.now.title }));

  const oldFindings = findingsByKey(pairs.map((pair) => pair.old));
  const newFindings = findingsByKey(pairs.map((pair) => pair.now));
  const newById = new Map(pairs.map((pair) => [pair.now.id, pair.now]));
  const appeared = [...newFindings].filter(([key]) => !oldFindings.has(key)).map(([, finding]) => finding);
  const resolved: FindingChange[] = [];
  const unverified: DiffView['unverified_findings'] = [];
  for (const [key, finding] of oldFindings) {
    if (newFindings.has(key)) continue;
    const control = newById.get(finding.control);
    const reason = control === undefined ? 'test-removed' : unresolvedReason(control, finding.check);
    if (reason === undefined) resolved.push(finding);
    else unverified.push({ ...finding, reason });
  }

  const metrics = pairs.flatMap((pair) => {
    const before = testsByKey(pair.old);
    return [...testsByKey(pair.now)].flatMap(([key, test]) => {
      const earlier = before.get(key);
      return earlier === undefined ? [] : metricDeltas(pair.now.id, earlier, test);
    });
  });
  const exceptions = exceptionChanges(old.report, now.report);
  const count = (move: Move): number => controls.filter((control) => control.change === move).length;
  return {
    schema: DIFF_SCHEMA_ID,
    old: side(old),
    new: side(now),
    order: { exists: [...EXISTS_ORDER], works: [...WORKS_ORDER] },
    summary: {
      improved: count('improved'),
      regressed: count('regressed'),
      unchanged: count('unchanged'),
      added: added.length,
      removed: removed.length,
      renamed: renamed.length,
      new_findings: appeared.length,
      resolved_findings: resolved.length,
      unverified_findings: unverified.length,
      exception_changes: exceptions.length,
    },
    controls,
    added,
    removed,
    renamed,
    new_findings: appeared,
    resolved_findings: resolved,
    unverified_findings: unverified,
    metrics,
    exceptions,
    warnings: diffWarnings(old, now),
  };
}

/** One line per condition of `conditions` that the diff shows; empty means exit 0. */
export function diffFailReasons(view: DiffView, conditions: readonly DiffFailOnCondition[]): string[] {
  const reasons: string[] = [];
  const regressed = view.controls.filter((control) => control.change === 'regressed');
  if (conditions.includes('regressed') && regressed.length > 0) {
    reasons.push(`regressed controls: ${regressed.map((control) => `${control.id} (${lensMoves(control)}; owner: ${control.owner})`).join(', ')}`);
  }
  if (conditions.includes('removed') && view.removed.length > 0) reasons.push(`removed controls: ${view.removed.map((control) => control.id).join(', ')}`);
  if (conditions.includes('new-findings') && view.new_findings.length > 0) reasons.push(`${view.new_findings.length} new finding(s) in ${[...new Set(view.new_findings.map((finding) => finding.control))].join(', ')}`);
  return reasons;
}

/** `works effective → ineffective`: the lenses that moved. */
export function lensMoves(control: ControlChange): string {
  const moved = (['exists', 'works'] as const).filter((lens) => control[lens].move !== 'unchanged');
  return moved.map((lens) => `${lens} ${control[lens].old} → ${control[lens].new}`).join(', ') || 'unchanged';
}
