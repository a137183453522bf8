// Restores as recovery-objectives measures them, from the two records that hold them: restore rehearsals in the
// exercise register and AWS Backup restore jobs. Each becomes one `Restore`, in the state it was in at as-of.
import type { RegionRestoreJobs, RestoreJob } from '../../aws/sources/backup-restore-jobs.js';
import type { Exercise } from './exercise-contract.js';

/** One restore at as-of: finished (with what it measured), failed (and why), or still running. */
export interface Restore {
  /** The finding's resource: `restore-job/<RestoreJobId>` or the exercise id. */
  resource: string;
  /** How a message names it. */
  what: string;
  /** `EBS`, `RDS`, …, as the record writes it; `unspecified` when it does not say. */
  resourceType: string;
  started: Date;
  state: 'finished' | 'failed' | 'running' | 'unknown';
  /** Why it failed, or the status nobody knows (state `failed` or `unknown`). */
  reason: string | null;
  /** Time to restore, when measured. */
  durationMs: number | null;
  /** Age of the data restored at the start, when known. */
  recoveryPointAgeMs: number | null;
}

const UNSPECIFIED = 'unspecified';

/** Restore rehearsals (exercises of kind `restore`), as their records state them. */
export function rehearsalRestore(exercise: Exercise): Restore {
  const failed = exercise.outcome !== 'succeeded';
  return {
    resource: exercise.id,
    what: `restore rehearsal ${exercise.id}`,
    resourceType: exercise.restore?.resourceType ?? UNSPECIFIED,
    started: exercise.held,
    state: failed ? 'failed' : 'finished',
    reason: exercise.outcome === 'failed' ? 'its outcome is failed' : exercise.outcome === 'partial' ? 'it restored only in part (outcome partial)' : null,
    durationMs: failed ? null : (exercise.restore?.rtoMeasuredMs ?? null),
    recoveryPointAgeMs: failed ? null : (exercise.restore?.rpoMeasuredMs ?? null),
  };
}

const FAILED_VALIDATIONS = new Set(['FAILED', 'TIMED_OUT']);

function jobState(job: RestoreJob, asOf: Date): Pick<Restore, 'state' | 'reason'> {
  const message = job.statusMessage === null ? '' : `: ${job.statusMessage}`;
  switch (job.status) {
    case 'COMPLETED':
      if (job.completionDate !== null && job.completionDate.getTime() > asOf.getTime()) return { state: 'running', reason: null };
      if (job.validationStatus !== null && FAILED_VALIDATIONS.has(job.validationStatus)) return { state: 'failed', reason: `it completed but its validation is ${job.validationStatus}${message}` };
      return { state: 'finished', reason: null };
    case 'FAILED':
    case 'ABORTED':
      return { state: 'failed', reason: `its status is ${job.status}${message}` };
    case 'PENDING':
    case 'RUNNING':
      return { state: 'running', reason: null };
    default:
      return { state: 'unknown', reason: `its status ${job.status} is not one AWS Backup documents` };
  }
}

function jobRestore(job: RestoreJob & { creationDate: Date }, region: string, accountId: string | null, asOf: Date): Restore {
  const { state, reason } = jobState(job, asOf);
  const finished = state === 'finished' && job.completionDate !== null;
  const restored = state === 'finished' || state === 'running';
  return {
    resource: `restore-job/${job.restoreJobId}`,
    what: `AWS Backup restore job ${job.restoreJobId} (${[accountId ?? job.accountId ?? 'unknown account', region].join(', ')})`,
    resourceType: job.resourceType ?? UNSPECIFIED,
    started: job.creationDate,
    state,
    reason,
    durationMs: finished && job.completionDate !== null ? job.completionDate.getTime() - job.creationDate.getTime() : null,
    recoveryPointAgeMs: job.recoveryPointCreationDate === null || !restored ? null : job.creationDate.getTime() - job.recoveryPointCreationDate.getTime(),
  };
}

/** The restore jobs of one region's export; a job without a creation date cannot be placed in time and is left out (the check counts it). */
export function jobRestores(record: RegionRestoreJobs, asOf: Date): Restore[] {
  return record.restoreJobs.flatMap((job) => (job.creationDate === null ? [] : [jobRestore({ ...job, creationDate: job.creationDate }, record.region, record.accountId, asOf)]));
}

/** `45m`, `3h 30m`, `2d 4h`: a measured span for messages, to the minute. */
export function formatSpan(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours}h` : `${hours}h ${minutes % 60}m`;
  return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d ${hours % 24}h`;
}
