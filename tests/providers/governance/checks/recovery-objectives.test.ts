import { readFileSync } from 'node:fs';
import path from 'node:path';
import check from '../../../../src/providers/governance/checks/recovery-objectives.js';
import awsRestoreJobs from '../../../../src/providers/aws/sources/backup-restore-jobs.js';
import type { RegionRestoreJobs, RestoreJob } from '../../../../src/providers/aws/sources/backup-restore-jobs.js';
import exercises from '../../../../src/providers/governance/sources/exercises.js';
import type { Exercise } from '../../../../src/providers/governance/sources/exercises.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { fixturesDir } from '../../../support/paths.js';

// As-of is 2026-11-01T00:00Z; restores started since 2025-11-01T00:00Z are measured by default.
function fixture(file: string): { display: string; path: string; text: string } {
  return { display: path.join(fixturesDir, file), path: `fixtures/${file}`, text: readFileSync(path.join(fixturesDir, file), 'utf8') };
}

const jobsExport = awsRestoreJobs.read([fixture('governance/aws/210987654321/eu-west-1/backup-restore-jobs.json')], undefined);
const register = exercises.read([fixture('governance/exercises.yaml')], undefined);

function job(id: string, fields: Partial<RestoreJob>): RestoreJob {
  return {
    restoreJobId: id,
    accountId: '210987654321',
    status: 'COMPLETED',
    statusMessage: null,
    resourceType: 'EBS',
    recoveryPointArn: null,
    sourceResourceArn: null,
    createdResourceArn: null,
    creationDate: new Date('2026-10-03T02:00:00Z'),
    completionDate: new Date('2026-10-03T03:00:00Z'),
    recoveryPointCreationDate: new Date('2026-10-02T23:00:00Z'),
    restoreTestingPlanArn: null,
    validationStatus: null,
    ...fields,
  };
}

const region = (...restoreJobs: RestoreJob[]): RegionRestoreJobs => ({ accountId: '210987654321', region: 'eu-west-1', restoreJobs });

function rehearsal(id: string, held: string, fields: Partial<Exercise> = {}, rto: number | null = 3_600_000, rpo: number | null = null): Exercise {
  return { id, title: null, kind: 'restore', held: new Date(held), scenario: [], outcome: 'succeeded', participants: [], restore: { resourceType: 'RDS', rtoMeasuredMs: rto, rpoMeasuredMs: rpo }, actions: [], ...fields };
}

const HOUR = 3_600_000;

new CheckTester(check).run({
  pass: [
    {
      name: 'a rehearsal and a job within the RTO and RPO; other exercise kinds and restores outside max_age are not measured',
      records: [
        rehearsal('RR-1', '2026-10-08T09:00:00Z', {}, 3.5 * HOUR, 45 * 60_000),
        { ...rehearsal('TTX-1', '2026-10-01T00:00:00Z'), kind: 'tabletop', restore: null, outcome: 'failed' },
        region(job('job-ok', {}), job('job-old', { creationDate: new Date('2025-10-31T23:59:59Z'), status: 'FAILED' }), job('job-undated', { creationDate: null, status: 'FAILED' })),
      ],
      params: { rto: '4h', rpo: '24h' },
      examined: 2,
      metrics: { restores_over_rto: 0, restores_over_rpo: 0, restores_did_not_restore: 0, restores_unmeasured: 0, restores_in_progress: 0, restore_jobs_undated: 1, longest_restore_minutes: 210, oldest_recovery_point_minutes: 180 },
      details: {
        by_resource_type: {
          EBS: { restores: 1, did_not_restore: 0, over_objectives: 0, longest_restore_minutes: 60, oldest_recovery_point_minutes: 180 },
          RDS: { restores: 1, did_not_restore: 0, over_objectives: 0, longest_restore_minutes: 210, oldest_recovery_point_minutes: 45 },
        },
      },
    },
    {
      name: 'exactly the RTO; a job running within the RTO; a rehearsal without measurements is counted, not judged; no rpo param: RPO not judged',
      records: [
        region(
          job('job-4h', { completionDate: new Date('2026-10-03T06:00:00Z'), recoveryPointCreationDate: new Date('2026-09-01T00:00:00Z') }),
          job('job-running', { status: 'RUNNING', creationDate: new Date('2026-10-31T20:00:00Z'), completionDate: null }),
        ),
        rehearsal('RR-2', '2026-09-22T00:00:00Z', {}, null),
      ],
      params: { rto: '4h' },
      examined: 3,
      metrics: { restores_over_rto: 0, restores_did_not_restore: 0, restores_unmeasured: 1, restores_in_progress: 1, restore_jobs_undated: 0, longest_restore_minutes: 240, oldest_recovery_point_minutes: 46200 },
    },
    {
      name: 'time-zone edge: a job completed after as-of was running at as-of, within the RTO',
      records: [region(job('job-late', { creationDate: new Date('2026-10-31T22:30:00Z'), completionDate: new Date('2026-11-01T00:30:00Z') }))],
      params: { rto: '4h' },
      examined: 1,
      metrics: { restores_over_rto: 0, restores_did_not_restore: 0, restores_unmeasured: 0, restores_in_progress: 1, restore_jobs_undated: 0, oldest_recovery_point_minutes: 41730 },
    },
  ],
  fail: [
    {
      name: 'the fixtures: the register\'s failed rehearsal, a slow and stale RDS restore, a FAILED EFS job, a job running past the RTO',
      inputs: { records: [...register, ...jobsExport] },
      params: { rto: '4h', rpo: '24h' },
      examined: 6,
      metrics: { restores_over_rto: 2, restores_over_rpo: 1, restores_did_not_restore: 2, restores_unmeasured: 0, restores_in_progress: 0, restore_jobs_undated: 0, longest_restore_minutes: 310, oldest_recovery_point_minutes: 1800 },
      details: {
        by_resource_type: {
          EBS: { restores: 2, did_not_restore: 1, over_objectives: 0, longest_restore_minutes: 22, oldest_recovery_point_minutes: 180 },
          EFS: { restores: 1, did_not_restore: 1, over_objectives: 0, longest_restore_minutes: null, oldest_recovery_point_minutes: null },
          RDS: { restores: 3, did_not_restore: 0, over_objectives: 2, longest_restore_minutes: 310, oldest_recovery_point_minutes: 1800 },
        },
      },
      findings: [
        {
          resource: 'RR-2026-07',
          message: 'restore rehearsal RR-2026-07 of EBS, started 2026-07-14, did not restore: its outcome is failed',
          details: { resource_type: 'EBS', started: '2026-07-14T00:00:00.000Z', state: 'failed', duration_minutes: null, recovery_point_age_minutes: null },
        },
        {
          resource: 'restore-job/7e0c4b1a-2f3d-4c5e-8a9b-0c1d2e3f4a02',
          message:
            'AWS Backup restore job 7e0c4b1a-2f3d-4c5e-8a9b-0c1d2e3f4a02 (210987654321, eu-west-1) of RDS, started 2026-10-10, took 5h 10m, longer than the RTO of 4h and restored data 30h old, older than the RPO of 24h',
          details: { resource_type: 'RDS', started: '2026-10-10T01:00:00.000Z', state: 'finished', duration_minutes: 310, recovery_point_age_minutes: 1800 },
        },
        {
          resource: 'restore-job/7e0c4b1a-2f3d-4c5e-8a9b-0c1d2e3f4a03',
          message:
            'AWS Backup restore job 7e0c4b1a-2f3d-4c5e-8a9b-0c1d2e3f4a03 (210987654321, eu-west-1) of EFS, started 2026-10-20, did not restore: its status is FAILED: Access denied to KMS key arn:aws:kms:eu-west-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        },
        {
          resource: 'restore-job/7e0c4b1a-2f3d-4c5e-8a9b-0c1d2e3f4a04',
          message: 'AWS Backup restore job 7e0c4b1a-2f3d-4c5e-8a9b-0c1d2e3f4a04 (210987654321, eu-west-1) of RDS, started 2026-10-31, is still running 6h after it started, past the RTO of 4h',
        },
      ],
    },
    {
      name: 'a completed job whose validation failed or timed out, an aborted job, a partial rehearsal, a status AWS does not document',
      records: [
        region(
          job('job-validation', { validationStatus: 'FAILED', statusMessage: 'Validation script exited 1' }),
          job('job-timeout', { validationStatus: 'TIMED_OUT', creationDate: new Date('2026-10-04T02:00:00Z') }),
          job('job-aborted', { status: 'ABORTED', creationDate: new Date('2026-10-05T02:00:00Z'), completionDate: null }),
          job('job-odd', { status: 'PAUSED', creationDate: new Date('2026-10-06T02:00:00Z') }),
        ),
        rehearsal('RR-3', '2026-10-07T00:00:00Z', { outcome: 'partial' }),
      ],
      params: { rto: '4h' },
      examined: 5,
      metrics: { restores_over_rto: 0, restores_did_not_restore: 5, restores_unmeasured: 0, restores_in_progress: 0, restore_jobs_undated: 0 },
      findings: [
        { resource: 'restore-job/job-validation', message: /, did not restore: it completed but its validation is FAILED: Validation script exited 1$/ },
        { resource: 'restore-job/job-timeout', message: /, did not restore: it completed but its validation is TIMED_OUT$/ },
        { resource: 'restore-job/job-aborted', message: /, did not restore: its status is ABORTED$/ },
        { resource: 'restore-job/job-odd', message: /, did not restore: its status PAUSED is not one AWS Backup documents$/ },
        { resource: 'RR-3', message: 'restore rehearsal RR-3 of RDS, started 2026-10-07, did not restore: it restored only in part (outcome partial)' },
      ],
    },
    {
      name: 'a rehearsal over the RTO and RPO a minute each; a job with no resource type; a PENDING job past the RTO',
      records: [
        rehearsal('RR-4', '2026-10-08T00:00:00+00:00', {}, 4 * HOUR + 60_000, 24 * HOUR + 60_000),
        region(
          job('job-untyped', { resourceType: null, completionDate: new Date('2026-10-03T08:00:00Z') }),
          job('job-pending', { status: 'PENDING', creationDate: new Date('2026-10-31T19:59:00Z'), completionDate: null, recoveryPointCreationDate: null }),
        ),
      ],
      params: { rto: '4h', rpo: '1d' },
      examined: 3,
      metrics: { restores_over_rto: 3, restores_over_rpo: 1, restores_did_not_restore: 0, restores_unmeasured: 0, restores_in_progress: 0, restore_jobs_undated: 0, longest_restore_minutes: 360, oldest_recovery_point_minutes: 1441 },
      findings: [
        { resource: 'restore-job/job-untyped', message: /of unspecified, started 2026-10-03, took 6h, longer than the RTO of 4h$/ },
        { resource: 'RR-4', message: 'restore rehearsal RR-4 of RDS, started 2026-10-08, took 4h 1m, longer than the RTO of 4h and restored data 24h 1m old, older than the RPO of 1d' },
        { resource: 'restore-job/job-pending', message: /, is still running 4h 1m after it started, past the RTO of 4h$/ },
      ],
    },
  ],
  vacuous: [
    { name: 'no records', records: [], params: { rto: '4h' }, metrics: { restores_over_rto: 0, restores_did_not_restore: 0, restores_unmeasured: 0, restores_in_progress: 0, restore_jobs_undated: 0 } },
    {
      name: 'a region without restore jobs and a register without restore rehearsals',
      records: [region(), { ...rehearsal('TTX-1', '2026-10-01T00:00:00Z'), kind: 'tabletop', restore: null }],
      params: { rto: '4h', rpo: '24h' },
    },
    { name: 'a rehearsal dated after as-of', records: [rehearsal('RR-9', '2026-11-02T00:00:00Z')], params: { rto: '4h' } },
  ],
});
