// Hand-made sequences of reports over time, from the sample report: each run keeps the controls it is given, with
// the verdicts it is given, and its summary recomputed, as the engine would write them.
import type { ExistsVerdict, WorksVerdict } from '../../src/core/vocabulary.js';
import { assurance } from '../../src/engine/verdicts.js';
import { reportSchema, type ControlResult, type Report } from '../../src/report/model.js';
import { summarize } from '../../src/report/summarize.js';
import type { TrendInput } from '../../src/report/trend.js';
import { sampleReport } from '../formatters/sample-report.js';

/** A control's verdicts in one run; a title when it is renamed; a new control copies one of the sample's. */
export interface ControlState {
  exists: ExistsVerdict;
  works: WorksVerdict;
  title?: string;
  copyOf?: string;
}

export interface RunSpec {
  date: string;
  controls: Record<string, ControlState>;
  /** IAM-1's mfa_coverage_pct in this run; absent: not measured. */
  mfa?: number;
  catalogSha?: string;
}

function sampleControl(id: string): ControlResult {
  const found = sampleReport.controls.find((control) => control.id === id);
  if (!found) throw new Error(`no sample control ${id}`);
  return structuredClone(found);
}

/** One report of the sequence. */
export function reportAt(spec: RunSpec): Report {
  const report = structuredClone(sampleReport);
  report.as_of = `${spec.date}T00:00:00.000Z`;
  if (spec.catalogSha !== undefined) report.catalog.sha256 = spec.catalogSha;
  report.controls = Object.entries(spec.controls).map(([id, state]) => {
    const control = sampleControl(state.copyOf ?? id);
    control.id = id;
    if (state.title !== undefined) control.title = state.title;
    control.exists = state.exists;
    control.works = state.works;
    control.assurance = assurance(state.exists, state.works);
    for (const test of control.tests) {
      if (test.metrics['mfa_coverage_pct'] === undefined) continue;
      if (spec.mfa === undefined) test.metrics = {};
      else test.metrics = { mfa_coverage_pct: { value: spec.mfa, min: 100, passed: spec.mfa >= 100 } };
    }
    return control;
  });
  report.summary = summarize(report.controls, report.exceptions);
  return reportSchema.parse(report);
}

/** The sequence as trend inputs, files named by date. */
export function sequence(specs: readonly RunSpec[]): TrendInput[] {
  return specs.map((spec) => ({ file: `history/${spec.date}.json`, report: reportAt(spec) }));
}

const ev = (works: WorksVerdict, title?: string): ControlState => ({ exists: 'evidenced', works, ...(title === undefined ? {} : { title }) });

/**
 * Five runs, weekly but for one missed week, with a catalog change at the fourth: IAM-1 improving, MFA-2
 * stagnating, KEY-3 stagnating after two moves, LOG-1 deteriorating (works), BAK-1 deteriorating (exists), GH-1
 * removed and NEW-1 added by the new catalog (gap), JML-2 renamed by it.
 */
export const MIXED: readonly RunSpec[] = [
  { date: '2026-10-04', mfa: 70, controls: { 'IAM-1': ev('ineffective'), 'MFA-2': ev('effective'), 'KEY-3': ev('ineffective'), 'LOG-1': ev('effective'), 'BAK-1': ev('untested'), 'JML-2': ev('ineffective'), 'GH-1': ev('error') } },
  { date: '2026-10-11', mfa: 80, controls: { 'IAM-1': ev('ineffective'), 'MFA-2': ev('effective'), 'KEY-3': ev('effective'), 'LOG-1': ev('effective'), 'BAK-1': ev('untested'), 'JML-2': ev('ineffective'), 'GH-1': ev('error') } },
  { date: '2026-10-18', controls: { 'IAM-1': ev('error'), 'MFA-2': ev('effective'), 'KEY-3': ev('ineffective'), 'LOG-1': ev('ineffective'), 'BAK-1': ev('untested'), 'JML-2': ev('ineffective'), 'GH-1': ev('error') } },
  {
    date: '2026-11-01',
    mfa: 95,
    catalogSha: 'c'.repeat(64),
    controls: { 'IAM-1': ev('effective'), 'MFA-2': ev('effective'), 'KEY-3': ev('ineffective'), 'LOG-1': ev('ineffective'), 'BAK-1': { exists: 'stale', works: 'untested' }, 'JML-2': ev('ineffective', 'Leavers lose access within a day'), 'NEW-1': { exists: 'none', works: 'effective', copyOf: 'MFA-2', title: 'Admins use hardware keys' } },
  },
  {
    date: '2026-11-08',
    mfa: 100,
    catalogSha: 'c'.repeat(64),
    controls: { 'IAM-1': ev('effective'), 'MFA-2': ev('effective'), 'KEY-3': ev('ineffective'), 'LOG-1': ev('ineffective'), 'BAK-1': { exists: 'stale', works: 'untested' }, 'JML-2': ev('ineffective', 'Leavers lose access within a day'), 'NEW-1': { exists: 'none', works: 'effective', copyOf: 'MFA-2', title: 'Admins use hardware keys' } },
  },
];
