import check from '../../../../src/providers/aws/checks/backup-restore-tested.js';
import backupRestoreJobs, { type RegionRestoreJobs, type RestoreJob } from '../../../../src/providers/aws/sources/backup-restore-jobs.js';
import { CheckTester } from '../../../../src/testing/index.js';
import { recordsOf } from './export-records.js';

function job(restoreJobId: string, status: string, completed: string | null, overrides: Partial<RestoreJob> = {}): RestoreJob {
  return {
    restoreJobId,
    accountId: '210987654321',
    status,
    statusMessage: null,
    resourceType: 'EBS',
    recoveryPointArn: 'arn:aws:ec2:eu-west-1::snapshot/snap-0123456789abcdef0',
    sourceResourceArn: null,
    createdResourceArn: null,
    creationDate: completed ? new Date(new Date(completed).getTime() - 3_600_000) : new Date('2026-10-30T03:00:00Z'),
    completionDate: completed ? new Date(completed) : null,
    recoveryPointCreationDate: null,
    restoreTestingPlanArn: null,
    validationStatus: null,
    ...overrides,
  };
}

function region(name: string, restoreJobs: readonly RestoreJob[], accountId: string | null = '210987654321'): RegionRestoreJobs {
  return { accountId, region: name, restoreJobs };
}

const demo = recordsOf(backupRestoreJobs, 'aws/210987654321/eu-west-1/backup-restore-jobs.json', 'aws/210987654321/us-east-1/backup-restore-jobs.json');

new CheckTester(check).run({
  pass: [
    { name: 'a restore completed last month', records: [region('eu-west-1', [job('r-1', 'COMPLETED', '2026-10-02T03:20:00Z')])], examined: 1 },
    {
      name: 'one recent restore in any region is enough for the account',
      records: [region('eu-west-1', [job('r-1', 'FAILED', '2026-10-20T03:00:00Z')]), region('us-east-1', [job('r-2', 'COMPLETED', '2026-09-01T00:00:00Z')])],
      examined: 1,
    },
    { name: 'the demo export, with a max_age of a year', records: demo, params: { max_age: '12mo' }, examined: 1 },
  ],
  fail: [
    {
      name: 'the demo export: the last completed restore was 2026-03-02, two later ones failed',
      records: demo,
      examined: 1,
      findings: [
        {
          resource: '210987654321',
          message:
            'account 210987654321 last completed a restore 2026-03-02, 243 days before as-of (job 5c1f0e2a-8d3b-4f7c-a2e6-9b4d1c7e3f05, EBS, eu-west-1); ' +
            '2 later restore jobs did not succeed (1 FAILED, 1 ABORTED); expected a completed restore within 90d',
          details: { restoreJobId: '5c1f0e2a-8d3b-4f7c-a2e6-9b4d1c7e3f05', completed: '2026-03-02T03:24:51.077Z' },
        },
      ],
    },
    {
      name: 'no restore job at all: a backup never restored',
      records: [region('eu-west-1', []), region('us-east-1', [])],
      examined: 1,
      findings: [
        {
          resource: '210987654321',
          message: 'account 210987654321 has no restore job; expected a completed restore within 90d: a backup never restored is not shown to work',
        },
      ],
    },
    {
      name: 'recent jobs that failed, are running, or completed with a failed validation do not count',
      records: [
        region('eu-west-1', [
          job('r-1', 'FAILED', '2026-10-20T03:00:00Z'),
          job('r-2', 'RUNNING', null),
          job('r-3', 'COMPLETED', '2026-10-10T03:00:00Z', { validationStatus: 'FAILED' }),
        ]),
      ],
      examined: 1,
      findings: [
        {
          resource: '210987654321',
          message:
            'account 210987654321 has no successful restore among 3 restore jobs (1 FAILED, 1 RUNNING, 1 COMPLETED with validation FAILED); expected a completed restore within 90d: a backup never restored is not shown to work',
        },
      ],
    },
    {
      name: 'decides per account, and counts a restore just past max_age',
      records: [region('eu-west-1', [job('r-1', 'COMPLETED', '2026-10-01T00:00:00Z')]), region('eu-west-1', [job('r-9', 'COMPLETED', '2026-08-02T23:00:00Z', { accountId: '109876543210', resourceType: null })], '109876543210')],
      examined: 2,
      findings: [
        {
          resource: '109876543210',
          message: 'account 109876543210 last completed a restore 2026-08-02, 90 days before as-of (job r-9, eu-west-1); expected a completed restore within 90d',
        },
      ],
    },
  ],
  vacuous: [{ name: 'no exported region', records: [] }],
});
