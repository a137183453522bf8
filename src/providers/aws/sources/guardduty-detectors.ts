import { z } from 'zod';
import { pathInCatalog, defineSource, type SourceText } from '../../../kit/define-source.js';
import { awsTimestampSchema } from '../lib/aws-values.js';
import { accountInPath, arnParts, readAwsDocument, requireRegion, type DocumentForm } from '../lib/export-file.js';

export interface GuardDutyDetector {
  detectorId: string;
  /** `ENABLED` or `DISABLED`; null when only `list-detectors` was exported. */
  status: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
  findingPublishingFrequency: string | null;
}

/** The GuardDuty detectors of one region: none means GuardDuty was never turned on there. */
export interface GuardDutyRegion {
  accountId: string | null;
  region: string;
  detectors: readonly GuardDutyDetector[];
}

const DESCRIPTION = {
  expected: 'the {"GetDetector"} file of src/providers/aws/export.sh or the output of aws guardduty list-detectors',
  hint: 'Export with src/providers/aws/export.sh, which saves aws guardduty get-detector for every detector of a region as <region>/guardduty-detectors.json.',
};

const timestamp = awsTimestampSchema.optional().transform((date) => date ?? null);

const detectorSchema = z.object({
  Status: z.string(),
  ServiceRole: z.string().optional(),
  CreatedAt: timestamp,
  UpdatedAt: timestamp,
  FindingPublishingFrequency: z.string().optional(),
});

interface DetectorsFile {
  detectors: GuardDutyDetector[];
  /** From a detector's service role ARN, the only place the JSON names the account. */
  accountId: string | null;
}

const forms: readonly DocumentForm<DetectorsFile>[] = [
  {
    key: 'GetDetector',
    schema: z.object({ GetDetector: z.record(z.string(), detectorSchema) }).transform((file) => {
      const entries = Object.entries(file.GetDetector);
      return {
        detectors: entries.map(([detectorId, detector]) => ({
          detectorId,
          status: detector.Status,
          createdAt: detector.CreatedAt,
          updatedAt: detector.UpdatedAt,
          findingPublishingFrequency: detector.FindingPublishingFrequency ?? null,
        })),
        accountId: entries.map(([, detector]) => (detector.ServiceRole ? arnParts(detector.ServiceRole).accountId : null)).find((id) => id !== null) ?? null,
      };
    }),
  },
  {
    key: 'DetectorIds',
    schema: z.object({ DetectorIds: z.array(z.string()) }).transform((file) => ({
      detectors: file.DetectorIds.map((detectorId) => ({ detectorId, status: null, createdAt: null, updatedAt: null, findingPublishingFrequency: null })),
      accountId: null,
    })),
  },
];

function readFile(source: SourceText): GuardDutyRegion {
  const file = readAwsDocument(source, forms, DESCRIPTION);
  return {
    accountId: file.accountId ?? accountInPath(pathInCatalog(source)),
    region: requireRegion(source, 'aws guardduty get-detector'),
    detectors: file.detectors,
  };
}

export default defineSource({
  type: 'aws/guardduty-detectors',
  kind: 'batch',
  description:
    'GuardDuty detectors per region; one record per exported region, with no detectors when GuardDuty is off there. Reads the per-region file of ' +
    'src/providers/aws/export.sh, {"GetDetector": {"<DetectorId>": <aws guardduty get-detector --detector-id ID>}} (each value the CLI output unchanged), or a ' +
    'bare aws guardduty list-detectors output (detectors of unknown status), saved in a folder named after the region.',
  read: (files) => files.map(readFile),
});

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'aws/guardduty-detectors': GuardDutyRegion;
  }
}
