import { z } from 'zod';
import { compareText } from '../../../core/compare.js';
import { durationBefore, formatDate } from '../../../core/time.js';
import { defineCheck, type Finding } from '../../../kit/define-check.js';
import { durationParam, fixedDurationParam } from '../../../kit/params.js';
import { formatSpan, jobRestores, rehearsalRestore, type Restore } from '../lib/restores.js';

const params = z.strictObject({
  rto: fixedDurationParam.describe('Recovery time objective: the longest a restore may take, from its start to the restored resource being available (e.g. 4h).'),
  rpo: fixedDurationParam.optional().describe('Recovery point objective: the oldest the restored data may be when the restore starts (e.g. 24h); omitted: not judged.'),
  max_age: durationParam.prefault('12mo').describe('Only restores started within this long before as-of are measured (e.g. 90d, 12mo).'),
});

type Params = z.output<typeof params>;

const MINUTE_MS = 60_000;

/** One restore against the objectives: why it did not restore, how it missed the RTO, the RPO; null where it did not. */
interface Judged {
  restore: Restore;
  failure: string | null;
  late: string | null;
  stale: string | null;
}

function judge(restore: Restore, { rto, rpo }: Params, asOf: Date): Judged {
  if (restore.state === 'failed' || restore.state === 'unknown') return { restore, failure: `did not restore: ${restore.reason ?? 'no reason recorded'}`, late: null, stale: null };
  const elapsed = asOf.getTime() - restore.started.getTime();
  let late: string | null = null;
  if (restore.state === 'running' && elapsed > rto.ms) late = `is still running ${formatSpan(elapsed)} after it started, past the RTO of ${rto.text}`;
  if (restore.durationMs !== null && restore.durationMs > rto.ms) late = `took ${formatSpan(restore.durationMs)}, longer than the RTO of ${rto.text}`;
  const age = restore.recoveryPointAgeMs;
  const stale = rpo !== undefined && age !== null && age > rpo.ms ? `restored data ${formatSpan(age)} old, older than the RPO of ${rpo.text}` : null;
  return { restore, failure: null, late, stale };
}

const problemsOf = ({ failure, late, stale }: Judged): string[] => [failure, late, stale].filter((text): text is string => text !== null);

function finding(restore: Restore, found: readonly string[]): Finding {
  return {
    resource: restore.resource,
    message: `${restore.what} of ${restore.resourceType}, started ${formatDate(restore.started)}, ${found.join(' and ')}`,
    details: {
      resource_type: restore.resourceType,
      started: restore.started.toISOString(),
      state: restore.state,
      duration_minutes: restore.durationMs === null ? null : Math.round(restore.durationMs / MINUTE_MS),
      recovery_point_age_minutes: restore.recoveryPointAgeMs === null ? null : Math.round(restore.recoveryPointAgeMs / MINUTE_MS),
    },
  };
}

interface TypeSummary {
  restores: number;
  did_not_restore: number;
  over_objectives: number;
  longest_restore_minutes: number | null;
  oldest_recovery_point_minutes: number | null;
}

const maxOf = (values: readonly (number | null)[]): number | null => {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : Math.round(Math.max(...known) / MINUTE_MS);
};

/** Per resource type, in name order: how many restores, how many failed or missed an objective, the longest and stalest. */
function byResourceType(judged: readonly Judged[]): Record<string, TypeSummary> {
  const types = [...new Set(judged.map(({ restore }) => restore.resourceType))].sort(compareText);
  return Object.fromEntries(
    types.map((type) => {
      const ofType = judged.filter(({ restore }) => restore.resourceType === type);
      return [
        type,
        {
          restores: ofType.length,
          did_not_restore: ofType.filter(({ failure }) => failure !== null).length,
          over_objectives: ofType.filter(({ late, stale }) => late !== null || stale !== null).length,
          longest_restore_minutes: maxOf(ofType.map(({ restore }) => restore.durationMs)),
          oldest_recovery_point_minutes: maxOf(ofType.map(({ restore }) => restore.recoveryPointAgeMs)),
        },
      ];
    }),
  );
}

export default defineCheck({
  id: 'governance/recovery-objectives',
  title: 'Restores meet the recovery time and point objectives',
  description:
    'Measures every restore started within `max_age` (default 12 months) before as-of against the control\'s `rto` and, when set, `rpo`: restore rehearsals from the exercise register (kind `restore`, their `rto_measured` and `rpo_measured`) and AWS Backup restore jobs (`aws backup list-restore-jobs`). ' +
    'A job\'s restore time runs from its CreationDate to its CompletionDate; its recovery point age is CreationDate minus RecoveryPointCreationDate, which is the data lost only when the restore used the latest recovery point (restore testing with LATEST_WITHIN_WINDOW, or a manual restore of the newest one). ' +
    'Findings: a restore that took longer than the RTO, one still running (PENDING, RUNNING, or completed after as-of) longer than the RTO, one whose data was older than the RPO, and one that did not restore: a FAILED or ABORTED job, a completed job whose restore-testing validation FAILED or TIMED_OUT, a rehearsal whose outcome is failed or partial. ' +
    'A restore without a measured time is counted (`restores_unmeasured`), never passed as fast. The details summarise each resource type (restores, how many did not restore or missed an objective, the longest restore and oldest recovery point). No restore in the window examines nothing: the test is vacuous (governance/exercise-held and aws/backup-restore-tested ask whether restores happen at all).',
  inputs: { records: ['governance/exercises', 'aws/backup-restore-jobs'] },
  params,
  remediation:
    'For each restore that failed, read its status message or rehearsal notes and fix the cause (key grants, IAM role, subnet or parameter group of the restored resource); for each that was too slow or restored stale data, shorten the path (smaller restore units, warm standby, more frequent backups or continuous backup) or agree a realistic RTO/RPO with the business owner and change the control.',
  metrics: {
    restores_over_rto: 'Restores that took, or are still running, longer than the RTO',
    restores_over_rpo: 'Restores whose data was older than the RPO when they started (absent when no rpo is set)',
    restores_did_not_restore: 'Failed or aborted jobs, jobs that failed validation, rehearsals that failed or restored only in part',
    restores_unmeasured: 'Finished restores with no measured restore time',
    restores_in_progress: 'Restores still running at as-of, within the RTO so far',
    restore_jobs_undated: 'AWS Backup restore jobs without a CreationDate: they cannot be placed in time, so they are not measured',
    longest_restore_minutes: 'Longest measured restore time (absent when none was measured)',
    oldest_recovery_point_minutes: 'Oldest recovery point age of the restores (absent when none is known)',
  },
  criteria: { soc2: ['A1.2', 'A1.3'], 'iso27001-2022': ['A.8.13', 'A.5.30'], 'nist-csf-2': ['PR.DS-11', 'RC.RP-03'] },
  resourceExample: 'restore-job/5c1f0e2a-0000-4000-8000-000000000001',
  run({ inputs: { records }, params: settings, asOf }) {
    const since = durationBefore(asOf, settings.max_age).getTime();
    const restores = records
      .flatMap((record) => ('restoreJobs' in record ? jobRestores(record, asOf) : record.kind === 'restore' ? [rehearsalRestore(record)] : []))
      .filter((restore) => restore.started.getTime() <= asOf.getTime() && restore.started.getTime() >= since)
      .sort((a, b) => a.started.getTime() - b.started.getTime() || compareText(a.resource, b.resource));
    const judged = restores.map((restore) => judge(restore, settings, asOf));
    const longest = maxOf(restores.map((restore) => restore.durationMs));
    const oldest = maxOf(restores.map((restore) => restore.recoveryPointAgeMs));
    return {
      examined: restores.length,
      findings: judged.flatMap((item) => {
        const found = problemsOf(item);
        return found.length === 0 ? [] : [finding(item.restore, found)];
      }),
      metrics: {
        restores_over_rto: judged.filter(({ late }) => late !== null).length,
        ...(settings.rpo === undefined ? {} : { restores_over_rpo: judged.filter(({ stale }) => stale !== null).length }),
        restores_did_not_restore: judged.filter(({ failure }) => failure !== null).length,
        restores_unmeasured: restores.filter((restore) => restore.state === 'finished' && restore.durationMs === null).length,
        restores_in_progress: judged.filter(({ restore, late }) => restore.state === 'running' && late === null).length,
        restore_jobs_undated: records.reduce((count, record) => count + ('restoreJobs' in record ? record.restoreJobs.filter((job) => job.creationDate === null).length : 0), 0),
        ...(longest === null ? {} : { longest_restore_minutes: longest }),
        ...(oldest === null ? {} : { oldest_recovery_point_minutes: oldest }),
      },
      ...(restores.length === 0 ? {} : { details: { by_resource_type: byResourceType(judged) } }),
    };
  },
});
