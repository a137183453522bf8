import { z } from 'zod';
import { pathInCatalog, defineSource, type SourceText } from '../../../kit/define-source.js';
import { awsTimestampSchema } from '../lib/aws-values.js';
import { accountInPath, arnParts, readAwsDocument, regionInPath, requireRegion, type DocumentForm } from '../lib/export-file.js';

/** One AWS Backup restore job. */
export interface RestoreJob {
  restoreJobId: string;
  accountId: string | null;
  /** `PENDING`, `RUNNING`, `COMPLETED`, `ABORTED` or `FAILED`. */
  status: string;
  statusMessage: string | null;
  /** `EBS`, `RDS`, `EFS`, ... */
  resourceType: string | null;
  recoveryPointArn: string | null;
  sourceResourceArn: string | null;
  createdResourceArn: string | null;
  creationDate: Date | null;
  completionDate: Date | null;
  recoveryPointCreationDate: Date | null;
  /** Set when AWS Backup restore testing started the job. */
  restoreTestingPlanArn: string | null;
  /** `SUCCESSFUL`, `FAILED`, `TIMED_OUT`, `VALIDATING`. */
  validationStatus: string | null;
}

/** The restore jobs of one region: none means no restore was ever run there (in AWS Backup's history). */
export interface RegionRestoreJobs {
  accountId: string | null;
  region: string;
  restoreJobs: readonly RestoreJob[];
}

const COMMAND = 'aws backup list-restore-jobs';
const DESCRIPTION = {
  expected: `the output of ${COMMAND}`,
  hint: `Save \`${COMMAND} --region REGION --output json\` as <region>/backup-restore-jobs.json (src/providers/aws/export.sh does).`,
};

const timestamp = awsTimestampSchema.optional().transform((date) => date ?? null);
const text = z.string().optional().transform((value) => value || null);

const jobSchema = z
  .object({
    RestoreJobId: z.string(),
    AccountId: text,
    Status: z.string(),
    StatusMessage: text,
    ResourceType: text,
    RecoveryPointArn: text,
    SourceResourceArn: text,
    CreatedResourceArn: text,
    BackupVaultArn: text,
    CreationDate: timestamp,
    CompletionDate: timestamp,
    RecoveryPointCreationDate: timestamp,
    CreatedBy: z.object({ RestoreTestingPlanArn: text }).optional(),
    ValidationStatus: text,
  })
  .transform((job) => ({
    job: {
      restoreJobId: job.RestoreJobId,
      accountId: job.AccountId,
      status: job.Status,
      statusMessage: job.StatusMessage,
      resourceType: job.ResourceType,
      recoveryPointArn: job.RecoveryPointArn,
      sourceResourceArn: job.SourceResourceArn,
      createdResourceArn: job.CreatedResourceArn,
      creationDate: job.CreationDate,
      completionDate: job.CompletionDate,
      recoveryPointCreationDate: job.RecoveryPointCreationDate,
      restoreTestingPlanArn: job.CreatedBy?.RestoreTestingPlanArn ?? null,
      validationStatus: job.ValidationStatus,
    } satisfies RestoreJob,
    vaultRegion: job.BackupVaultArn ? arnParts(job.BackupVaultArn).region : null,
  }));

const forms = [
  { key: 'RestoreJobs', schema: z.object({ RestoreJobs: z.array(jobSchema) }).transform((file) => file.RestoreJobs) },
] satisfies readonly DocumentForm<z.output<typeof jobSchema>[]>[];

function readFile(source: SourceText): RegionRestoreJobs {
  const jobs = readAwsDocument(source, forms, DESCRIPTION);
  const vaultRegion = jobs.map((entry) => entry.vaultRegion).find((region) => region !== null) ?? null;
  const restoreJobs = jobs.map((entry) => entry.job);
  return {
    accountId: restoreJobs.map((job) => job.accountId).find((id) => id !== null) ?? accountInPath(pathInCatalog(source)),
    region: regionInPath(pathInCatalog(source)) ?? vaultRegion ?? requireRegion(source, COMMAND),
    restoreJobs,
  };
}

export default defineSource({
  type: 'aws/backup-restore-jobs',
  kind: 'batch',
  description:
    `AWS Backup restore jobs per region; one record per exported region, with no jobs when nothing was ever restored there. Reads the output of ${COMMAND} ` +
    '(CLI v1 or v2) saved in a folder named after the region (<region>/backup-restore-jobs.json, as src/providers/aws/export.sh writes it).',
  read: (files) => files.map(readFile),
});

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'aws/backup-restore-jobs': RegionRestoreJobs;
  }
}
