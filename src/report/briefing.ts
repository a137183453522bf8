// The leadership briefing (`run --brief`): evidence metrics and behaviour metrics in two blocks, never one score;
// the top divergences with their actions; the attack paths. Pure: everything comes from the report.
import { EVIDENCE_STATUSES, RISKS, type EvidenceStatus } from '../core/vocabulary.js';
import { DIVERGENT } from './corrective-actions.js';
import type { ControlResult, ExceptionTier, ScenarioResult, Summary } from './model.js';
import { countBy } from './summarize.js';

/** One measurement of a behaviour metric: which test took it, the value, and its threshold where the catalog set one. */
export interface MetricReading {
  control: string;
  check: string;
  scope?: string;
  /** `33 h`, `60 %`, `7 of 10 restores restored`. */
  value: string;
  /** `max 24, missed`; absent without a threshold. */
  threshold?: string;
}

/** A behaviour metric of the briefing; no readings means not measured by this run. */
export interface BriefMetric {
  label: string;
  /** The check metric it is read from (`time_to_revoke_hours_p90`). */
  metric: string;
  readings: MetricReading[];
}

export interface Briefing {
  evidence: {
    /** Controls per exists verdict: how complete the documentation is. */
    exists: Summary['exists'];
    controls: number;
    /** Evidence items per status, and the stale ones. */
    items: Record<EvidenceStatus, number>;
    staleItems: { control: string; title: string; fresh_until: string | undefined }[];
    exceptions: Summary['exceptions'];
    tiers: ExceptionTier[];
  };
  behaviour: {
    works: Summary['works'];
    byFunction: Summary['by_function'];
    metrics: BriefMetric[];
  };
  /** The most pressing divergent controls (highest risk first, paper-only before failing before unproven). */
  divergences: ControlResult[];
  /** How many divergent controls there are in all. */
  divergent: number;
  scenarios: ScenarioResult[];
}

/** How many divergent controls the briefing names; the rest are in the report's corrective actions. */
export const TOP_DIVERGENCES = 5;

/** The behaviour metrics a briefing reads, by the metric name the checks report them under, with their unit. */
export const BRIEF_METRICS: readonly { label: string; metric: string; unit: string }[] = [
  { label: 'MFA coverage', metric: 'mfa_coverage_pct', unit: '%' },
  { label: 'Admins with phishing-resistant MFA', metric: 'phishing_resistant_coverage_pct', unit: '%' },
  { label: 'Log coverage (detection)', metric: 'coverage_pct', unit: '%' },
  { label: 'Time to revoke leavers\' access, p90', metric: 'time_to_revoke_hours_p90', unit: ' h' },
  { label: 'Restore success', metric: 'restores_did_not_restore', unit: '' },
  { label: 'Security change failure rate', metric: 'security_change_failure_rate_pct', unit: '%' },
];

function thresholdText(metric: { min?: number | undefined; max?: number | undefined; passed?: boolean | undefined }): string | undefined {
  const bounds = [...(metric.min === undefined ? [] : [`min ${metric.min}`]), ...(metric.max === undefined ? [] : [`max ${metric.max}`])];
  if (bounds.length === 0) return undefined;
  return `${bounds.join(', ')}: ${metric.passed === false ? 'missed' : 'met'}`;
}

/** Every reading of one metric across the controls' tests, in report order. */
function readings(controls: readonly ControlResult[], metric: string, unit: string): MetricReading[] {
  return controls.flatMap((control) =>
    control.tests.flatMap((test) => {
      const result = test.metrics[metric];
      if (result === undefined) return [];
      // Restore success is what did restore, of the restores the test examined.
      const value = metric === 'restores_did_not_restore' ? `${test.examined - result.value} of ${test.examined} restores restored` : `${result.value}${unit}`;
      const threshold = thresholdText(result);
      return [{ control: control.id, check: test.check, ...(test.scope === undefined ? {} : { scope: test.scope }), value, ...(threshold === undefined ? {} : { threshold }) }];
    }),
  );
}

/** Highest risk first, then paper-only, failing, unproven. */
const divergenceRank = (control: ControlResult): number => RISKS.indexOf(control.risk) * DIVERGENT.length + DIVERGENT.indexOf(control.assurance);

/** The divergent controls, most pressing first; report order among equals (the sort is stable). */
function rankedDivergences(controls: readonly ControlResult[]): ControlResult[] {
  return controls.filter((control) => DIVERGENT.includes(control.assurance)).sort((a, b) => divergenceRank(a) - divergenceRank(b));
}

/** The briefing of a report. */
export function briefing(report: { summary: Summary; controls: readonly ControlResult[]; scenarios?: readonly ScenarioResult[] | undefined }): Briefing {
  const { summary, controls } = report;
  const items = controls.flatMap((control) => control.evidence.map((item) => ({ control: control.id, item })));
  const ranked = rankedDivergences(controls);
  return {
    evidence: {
      exists: summary.exists,
      controls: summary.controls,
      items: countBy(EVIDENCE_STATUSES, items.map(({ item }) => item.status)),
      staleItems: items.filter(({ item }) => item.status === 'stale').map(({ control, item }) => ({ control, title: item.title, fresh_until: item.fresh_until })),
      exceptions: summary.exceptions,
      tiers: summary.exception_tiers,
    },
    behaviour: {
      works: summary.works,
      byFunction: summary.by_function,
      metrics: BRIEF_METRICS.map(({ label, metric, unit }) => ({ label, metric, readings: readings(controls, metric, unit) })),
    },
    divergences: ranked.slice(0, TOP_DIVERGENCES),
    divergent: ranked.length,
    scenarios: [...(report.scenarios ?? [])],
  };
}

/** `33 h (max 24: missed) · PPL-01 identity/leaver-access`, with the scope of a merged report's test. */
export function readingText(reading: MetricReading): string {
  const where = [reading.control, reading.check, ...(reading.scope === undefined ? [] : [`scope ${reading.scope}`])].join(' ');
  return `${reading.value}${reading.threshold === undefined ? '' : ` (${reading.threshold})`} · ${where}`;
}
