import { describe, expect, it } from 'vitest';
import adapter from '../../../../src/providers/aws/sources/backup-restore-jobs.js';
import { displayOf, fixtures, userErrorOf } from './export-fixtures.js';

const PLAN = 'arn:aws:backup:eu-west-1:210987654321:restore-testing-plan:quarterly_restore_test-4c1d2e3f-5a6b-7c8d-9e0f-1a2b3c4d5e6f';

describe('aws/backup-restore-jobs', () => {
  it('reads the CLI v2 export: one record per region, us-east-1 without jobs', async () => {
    const regions = adapter.read(await fixtures('aws/210987654321/eu-west-1/backup-restore-jobs.json', 'aws/210987654321/us-east-1/backup-restore-jobs.json'));
    expect(regions.map((region) => [region.accountId, region.region, region.restoreJobs.map((job) => job.status)])).toEqual([
      ['210987654321', 'eu-west-1', ['FAILED', 'ABORTED', 'COMPLETED']],
      ['210987654321', 'us-east-1', []],
    ]);
    expect(regions[0]?.restoreJobs[2]).toEqual({
      restoreJobId: '5c1f0e2a-8d3b-4f7c-a2e6-9b4d1c7e3f05',
      accountId: '210987654321',
      status: 'COMPLETED',
      statusMessage: null,
      resourceType: 'EBS',
      recoveryPointArn: 'arn:aws:ec2:eu-west-1::snapshot/snap-0123456789abcdef0',
      sourceResourceArn: 'arn:aws:ec2:eu-west-1:210987654321:volume/vol-0a1b2c3d4e5f60718',
      createdResourceArn: 'arn:aws:ec2:eu-west-1:210987654321:volume/vol-0f9e8d7c6b5a49382',
      creationDate: new Date('2026-03-02T03:00:00.412Z'),
      completionDate: new Date('2026-03-02T03:24:51.077Z'),
      recoveryPointCreationDate: new Date('2026-03-01T01:00:00.000Z'),
      restoreTestingPlanArn: PLAN,
      validationStatus: 'SUCCESSFUL',
    });
    expect(regions[0]?.restoreJobs[0]?.statusMessage).toBe("DB subnet group 'restore-test' does not exist");
  });

  it('reads the CLI v1 export with epoch-number dates', async () => {
    const [region] = adapter.read(await fixtures('aws/v1/210987654321/eu-west-1/backup-restore-jobs.json'));
    expect(region?.restoreJobs.map((job) => job.completionDate?.toISOString())).toEqual([
      '2026-09-14T03:41:12.604Z',
      '2026-06-08T05:00:01.002Z',
      '2026-03-02T03:24:51.077Z',
    ]);
  });

  it('takes the region from the backup vault ARN when the path does not name one', () => {
    const text = JSON.stringify({
      RestoreJobs: [{ RestoreJobId: 'r-1', Status: 'COMPLETED', BackupVaultArn: 'arn:aws:backup:ap-south-1:210987654321:backup-vault:main', CreationDate: 1780887600 }],
    });
    const [region] = adapter.read([{ display: 'restore-jobs.json', text }]);
    expect(region).toMatchObject({ accountId: null, region: 'ap-south-1' });
    expect(region?.restoreJobs[0]?.creationDate?.toISOString()).toBe('2026-06-08T03:00:00.000Z');
  });

  it('reports an invalid timestamp at its line and column', async () => {
    expect(userErrorOf(adapter, await fixtures('aws/bad/backup-restore-jobs.json')).located).toBe(
      `${displayOf('aws/bad/backup-restore-jobs.json')}:6:29: RestoreJobs[0].CreationDate: expected a timestamp (ISO 8601 like 2024-03-05T14:22:07+00:00 or 2024-03-05 14:22:07+00:00, or epoch seconds), found "2026-03-02"`,
    );
  });

  it('refuses an empty file', async () => {
    expect(userErrorOf(adapter, await fixtures('aws/bad/backup-restore-jobs-empty.json')).located).toBe(
      `${displayOf('aws/bad/backup-restore-jobs-empty.json')}:1:1: File is empty: expected the output of aws backup list-restore-jobs`,
    );
  });

  it('refuses a listing cut short by --max-items', () => {
    const text = '{\n  "RestoreJobs": [],\n  "NextToken": "abc"\n}';
    expect(userErrorOf(adapter, [{ display: 'x/eu-west-1/backup-restore-jobs.json', text }]).message).toBe(
      'Partial export: the file has "NextToken", so the export stopped before the last page',
    );
  });
});
