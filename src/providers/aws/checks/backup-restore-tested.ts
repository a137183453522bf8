import { z } from 'zod';
import type { RegionRestoreJobs, RestoreJob } from '../sources/backup-restore-jobs.js';
import { daysBetween, formatDate, isOlderThan, type Duration } from '../../../core/time.js';
import { defineCheck, type Finding } from '../../../kit/define-check.js';
import { durationParam } from '../../../kit/params.js';


const params = z.strictObject({
  max_age: durationParam.prefault('90d').describe('Longest time since the last successful restore (e.g. 90d, 3mo).'),
});

/** A restore job with the region it ran in. */
interface RegionalJob {
  job: RestoreJob;
  region: string;
}

export default defineCheck({
  id: 'aws/backup-restore-tested',
  title: 'Backups were restored recently',
  description:
    'Each account in the export completed an AWS Backup restore job within `max_age` (default 90 days) of as-of, in any exported region: a backup that was never restored has not been shown to work. ' +
    'Only `COMPLETED` jobs count, and not those whose restore-testing validation failed or timed out; the date is the job\'s completion (its creation when that is missing). ' +
    'An account with restore jobs that all failed or were aborted, or with none at all, fails.',
  inputs: { records: 'aws/backup-restore-jobs' },
  params,
  resourceExample: '123456789012',
  remediation:
    'Create an AWS Backup restore testing plan (`aws backup create-restore-testing-plan`) that restores a recovery point of each critical resource type at least quarterly and validates it, ' +
    'or run and record a manual restore (`aws backup start-restore-job`); fix failing restore jobs first, their status message says why they failed.',
  criteria: {
    soc2: ['A1.2', 'A1.3'],
    'iso27001-2022': ['A.8.13', 'A.5.30'],
  },
  run({ inputs: { records }, params: { max_age: maxAge }, asOf }) {
    const accounts = groupByAccount(records);
    return { examined: accounts.size, findings: [...accounts].flatMap(([account, jobs]) => accountFinding(account, jobs, maxAge, asOf)) };
  },
});

function groupByAccount(records: readonly RegionRestoreJobs[]): Map<string, RegionalJob[]> {
  const accounts = new Map<string, RegionalJob[]>();
  for (const record of records) {
    const account = record.accountId ?? 'unknown-account';
    accounts.set(account, [...(accounts.get(account) ?? []), ...record.restoreJobs.map((job) => ({ job, region: record.region }))]);
  }
  return accounts;
}

function finishedAt(job: RestoreJob): Date | null {
  return job.completionDate ?? job.creationDate;
}

function succeeded(job: RestoreJob): boolean {
  return job.status === 'COMPLETED' && job.validationStatus !== 'FAILED' && job.validationStatus !== 'TIMED_OUT' && finishedAt(job) !== null;
}

function accountFinding(account: string, jobs: readonly RegionalJob[], maxAge: Duration, asOf: Date): Finding[] {
  const expected = `expected a completed restore within ${maxAge.text}`;
  const successes = jobs.filter(({ job }) => succeeded(job)).sort((a, b) => time(b.job) - time(a.job));
  const latest = successes[0];
  if (!latest) {
    const tally = countByStatus(jobs);
    const found = jobs.length === 0 ? 'no restore job' : `no successful restore among ${jobs.length} restore jobs (${tally})`;
    return [{ resource: account, message: `account ${account} has ${found}; ${expected}: a backup never restored is not shown to work` }];
  }
  const completed = finishedAt(latest.job);
  if (!completed || !isOlderThan(completed, maxAge, asOf)) return [];
  const later = jobs.filter(({ job }) => !succeeded(job) && time(job) > completed.getTime());
  const since = later.length === 0 ? '' : `; ${later.length} later restore ${later.length === 1 ? 'job' : 'jobs'} did not succeed (${countByStatus(later)})`;
  const what = [latest.job.resourceType, latest.region].filter((part) => part !== null).join(', ');
  return [
    {
      resource: account,
      message: `account ${account} last completed a restore ${formatDate(completed)}, ${daysBetween(completed, asOf)} days before as-of (job ${latest.job.restoreJobId}, ${what})${since}; ${expected}`,
      details: { restoreJobId: latest.job.restoreJobId, completed: completed.toISOString() },
    },
  ];
}

function time(job: RestoreJob): number {
  return finishedAt(job)?.getTime() ?? 0;
}

function countByStatus(jobs: readonly RegionalJob[]): string {
  const counts = new Map<string, number>();
  for (const { job } of jobs) {
    const status = job.status === 'COMPLETED' ? `COMPLETED with validation ${job.validationStatus ?? 'unknown'}` : job.status;
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
}
