import { z } from 'zod';
import { pathInCatalog, defineSource, type SourceText } from '../../../kit/define-source.js';
import { awsTimestampSchema } from '../lib/aws-values.js';
import { accountInPath, arnParts, readAwsDocument, requireRegion, type DocumentForm } from '../lib/export-file.js';

/** One AWS Config configuration recorder, its settings and status joined by name. */
export interface ConfigRecorder {
  name: string;
  /** null when `describe-configuration-recorder-status` was not exported. */
  recording: boolean | null;
  /** `SUCCESS`, `FAILURE`, `PENDING`, ... as printed (AWS examples print upper case, the model says `Success`). */
  lastStatus: string | null;
  lastStatusChangeTime: Date | null;
  lastStartTime: Date | null;
  lastStopTime: Date | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  /** null when `describe-configuration-recorders` was not exported. */
  allSupported: boolean | null;
  includeGlobalResourceTypes: boolean | null;
}

/** The Config recorders of one region: none means AWS Config records nothing there. */
export interface ConfigRegion {
  accountId: string | null;
  region: string;
  recorders: readonly ConfigRecorder[];
}

const DESCRIPTION = {
  expected:
    'the {"DescribeConfigurationRecorders", "DescribeConfigurationRecorderStatus"} file of src/providers/aws/export.sh or the output of aws configservice describe-configuration-recorder-status',
  hint: 'Export with src/providers/aws/export.sh, or save `aws configservice describe-configuration-recorder-status --output json` as <region>/config-recorders.json.',
};

const timestamp = awsTimestampSchema.optional().transform((date) => date ?? null);

const statusSchema = z.object({
  name: z.string(),
  arn: z.string().optional(),
  recording: z.boolean().optional(),
  lastStatus: z.string().optional(),
  lastStatusChangeTime: timestamp,
  lastStartTime: timestamp,
  lastStopTime: timestamp,
  lastErrorCode: z.string().optional(),
  lastErrorMessage: z.string().optional(),
});

const recorderSchema = z.object({
  name: z.string(),
  arn: z.string().optional(),
  roleARN: z.string().optional(),
  recordingGroup: z.object({ allSupported: z.boolean().optional(), includeGlobalResourceTypes: z.boolean().optional() }).optional(),
});

const statusesSchema = z.object({ ConfigurationRecordersStatus: z.array(statusSchema) });
const recordersSchema = z.object({ ConfigurationRecorders: z.array(recorderSchema) });

type Status = z.output<typeof statusSchema>;
type Recorder = z.output<typeof recorderSchema>;

interface RecordersFile {
  statuses: readonly Status[] | null;
  recorders: readonly Recorder[] | null;
}

const forms: readonly DocumentForm<RecordersFile>[] = [
  {
    key: 'DescribeConfigurationRecorderStatus',
    schema: z
      .object({ DescribeConfigurationRecorderStatus: statusesSchema, DescribeConfigurationRecorders: recordersSchema.optional() })
      .transform((file) => ({
        statuses: file.DescribeConfigurationRecorderStatus.ConfigurationRecordersStatus,
        recorders: file.DescribeConfigurationRecorders?.ConfigurationRecorders ?? null,
      })),
  },
  { key: 'ConfigurationRecordersStatus', schema: statusesSchema.transform((file) => ({ statuses: file.ConfigurationRecordersStatus, recorders: null })) },
  { key: 'ConfigurationRecorders', schema: recordersSchema.transform((file) => ({ statuses: null, recorders: file.ConfigurationRecorders })) },
];

function toRecorder(name: string, status: Status | undefined, recorder: Recorder | undefined, file: RecordersFile): ConfigRecorder {
  return {
    name,
    recording: status?.recording ?? (file.statuses ? false : null),
    lastStatus: status?.lastStatus ?? null,
    lastStatusChangeTime: status?.lastStatusChangeTime ?? null,
    lastStartTime: status?.lastStartTime ?? null,
    lastStopTime: status?.lastStopTime ?? null,
    lastErrorCode: status?.lastErrorCode ?? null,
    lastErrorMessage: status?.lastErrorMessage ?? null,
    allSupported: recorder?.recordingGroup?.allSupported ?? null,
    includeGlobalResourceTypes: recorder?.recordingGroup?.includeGlobalResourceTypes ?? null,
  };
}

function readFile(source: SourceText): ConfigRegion {
  const file = readAwsDocument(source, forms, DESCRIPTION);
  const statuses = file.statuses ?? [];
  const recorders = file.recorders ?? [];
  const names = [...new Set([...statuses.map((status) => status.name), ...recorders.map((recorder) => recorder.name)])];
  const arns = [...statuses.map((status) => status.arn), ...recorders.flatMap((recorder) => [recorder.arn, recorder.roleARN])];
  const accountFromArn = arns.map((arn) => (arn ? arnParts(arn).accountId : null)).find((id) => id !== null) ?? null;
  return {
    accountId: accountFromArn ?? accountInPath(pathInCatalog(source)),
    region: requireRegion(source, 'aws configservice describe-configuration-recorder-status'),
    recorders: names.map((name) =>
      toRecorder(
        name,
        statuses.find((status) => status.name === name),
        recorders.find((recorder) => recorder.name === name),
        file,
      ),
    ),
  };
}

export default defineSource({
  type: 'aws/config-recorders',
  kind: 'batch',
  description:
    'AWS Config configuration recorders per region; one record per exported region, with no recorders when Config is not set up there. Reads the per-region ' +
    'file of src/providers/aws/export.sh, {"DescribeConfigurationRecorders": <aws configservice describe-configuration-recorders>, "DescribeConfigurationRecorderStatus": ' +
    '<aws configservice describe-configuration-recorder-status>} (the CLI outputs unchanged, v1 or v2), or a bare output of either call, saved in a folder named after the region.',
  read: (files) => files.map(readFile),
});

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'aws/config-recorders': ConfigRegion;
  }
}
