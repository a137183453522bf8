import { z } from 'zod';
import { defineSource, type SourceText } from '../../../kit/define-source.js';
import { awsTimestampSchema } from '../lib/aws-values.js';
import { ALL_MANAGEMENT_EVENTS, managementEventsOf, type ManagementEvents } from '../lib/event-selectors.js';
import { arnParts, readAwsDocument, type DocumentForm } from '../lib/export-file.js';

export type { ManagementEvents } from '../lib/event-selectors.js';

/** What `get-trail-status` says about a trail. */
export interface TrailStatus {
  isLogging: boolean;
  latestDeliveryTime: Date | null;
  startLoggingTime: Date | null;
  stopLoggingTime: Date | null;
  latestDeliveryError: string | null;
}

/** One CloudTrail trail, with its status and selectors joined in; listed once however many regions list it. */
export interface CloudTrailTrail {
  name: string;
  arn: string;
  accountId: string | null;
  homeRegion: string;
  multiRegion: boolean;
  organizationTrail: boolean;
  includeGlobalServiceEvents: boolean;
  logFileValidation: boolean;
  /** SSE-KMS key of the log files; null when they are encrypted with S3-managed keys only. */
  kmsKeyId: string | null;
  s3BucketName: string | null;
  /** null when `get-trail-status` was not exported for the trail. */
  status: TrailStatus | null;
  /** null when the trail has custom event selectors and `get-event-selectors` was not exported for it. */
  managementEvents: ManagementEvents | null;
}

const COMMAND = 'aws cloudtrail describe-trails';
const DESCRIPTION = {
  expected: 'the {"DescribeTrails", "GetTrailStatus", "GetEventSelectors"} file of src/providers/aws/export.sh or the output of aws cloudtrail describe-trails',
  hint: 'Export with src/providers/aws/export.sh, or save `aws cloudtrail describe-trails --output json` per region.',
};

const flag = z.boolean().optional();

const trailSchema = z.object({
  Name: z.string(),
  TrailARN: z.string(),
  HomeRegion: z.string(),
  S3BucketName: z.string().optional(),
  IsMultiRegionTrail: flag,
  IsOrganizationTrail: flag,
  IncludeGlobalServiceEvents: flag,
  LogFileValidationEnabled: flag,
  KmsKeyId: z.string().optional(),
  HasCustomEventSelectors: flag,
});

const describeTrailsSchema = z.object({ trailList: z.array(trailSchema) });

const timestamp = awsTimestampSchema.optional().transform((date) => date ?? null);

const statusSchema = z
  .object({
    IsLogging: z.boolean(),
    LatestDeliveryTime: timestamp,
    StartLoggingTime: timestamp,
    StopLoggingTime: timestamp,
    LatestDeliveryError: z.string().optional(),
  })
  .transform(
    (status): TrailStatus => ({
      isLogging: status.IsLogging,
      latestDeliveryTime: status.LatestDeliveryTime,
      startLoggingTime: status.StartLoggingTime,
      stopLoggingTime: status.StopLoggingTime,
      latestDeliveryError: status.LatestDeliveryError || null,
    }),
  );

const eventSelectorSchema = z
  .object({
    ReadWriteType: z.enum(['ReadOnly', 'WriteOnly', 'All']).optional(),
    IncludeManagementEvents: z.boolean().optional(),
    ExcludeManagementEventSources: z.array(z.string()).optional(),
  })
  .transform((selector) => ({
    readWriteType: selector.ReadWriteType,
    includeManagementEvents: selector.IncludeManagementEvents,
    excludeManagementEventSources: selector.ExcludeManagementEventSources,
  }));

const operators = z.array(z.string()).optional();
const fieldSelectorSchema = z
  .object({ Field: z.string(), Equals: operators, NotEquals: operators })
  .transform((field) => ({ field: field.Field, equals: field.Equals, notEquals: field.NotEquals }));
const advancedSelectorSchema = z.object({ Name: z.string().optional(), FieldSelectors: z.array(fieldSelectorSchema) }).transform((selector) => ({ fieldSelectors: selector.FieldSelectors }));

const selectorsSchema = z
  .object({
    EventSelectors: z.array(eventSelectorSchema).optional(),
    AdvancedEventSelectors: z.array(advancedSelectorSchema).optional(),
  })
  .transform((selectors) => managementEventsOf({ eventSelectors: selectors.EventSelectors, advancedEventSelectors: selectors.AdvancedEventSelectors }));

type Trail = z.output<typeof trailSchema>;

interface TrailsFile {
  trails: readonly Trail[];
  statuses: Readonly<Record<string, TrailStatus>>;
  selectors: Readonly<Record<string, ManagementEvents>>;
}

const forms: readonly DocumentForm<TrailsFile>[] = [
  {
    key: 'DescribeTrails',
    schema: z
      .object({
        DescribeTrails: describeTrailsSchema,
        GetTrailStatus: z.record(z.string(), statusSchema).optional(),
        GetEventSelectors: z.record(z.string(), selectorsSchema).optional(),
      })
      .transform((file) => ({ trails: file.DescribeTrails.trailList, statuses: file.GetTrailStatus ?? {}, selectors: file.GetEventSelectors ?? {} })),
  },
  {
    key: 'trailList',
    schema: describeTrailsSchema.transform((file) => ({ trails: file.trailList, statuses: {}, selectors: {} })),
  },
];

function toTrail(trail: Trail, file: TrailsFile): CloudTrailTrail {
  const selected = file.selectors[trail.TrailARN];
  // A trail without custom selectors records every read and write management event; exports from before the API
  // had HasCustomEventSelectors lack the field, and trails then had only the default selectors.
  const defaults: ManagementEvents | null = trail.HasCustomEventSelectors === true ? null : ALL_MANAGEMENT_EVENTS;
  return {
    name: trail.Name,
    arn: trail.TrailARN,
    accountId: arnParts(trail.TrailARN).accountId,
    homeRegion: trail.HomeRegion,
    multiRegion: trail.IsMultiRegionTrail ?? false,
    organizationTrail: trail.IsOrganizationTrail ?? false,
    includeGlobalServiceEvents: trail.IncludeGlobalServiceEvents ?? false,
    logFileValidation: trail.LogFileValidationEnabled ?? false,
    kmsKeyId: trail.KmsKeyId ?? null,
    s3BucketName: trail.S3BucketName ?? null,
    status: file.statuses[trail.TrailARN] ?? null,
    managementEvents: selected ?? defaults,
  };
}

/** Trails by ARN in the order first seen: a multi-region trail is listed by every region, with or without details. */
export function readTrails(files: readonly SourceText[]): CloudTrailTrail[] {
  const byArn = new Map<string, CloudTrailTrail>();
  for (const source of files) {
    const file = readAwsDocument(source, forms, DESCRIPTION);
    for (const trail of file.trails.map((entry) => toTrail(entry, file))) {
      const seen = byArn.get(trail.arn);
      byArn.set(trail.arn, seen ? { ...seen, status: seen.status ?? trail.status, managementEvents: seen.managementEvents ?? trail.managementEvents } : trail);
    }
  }
  return [...byArn.values()];
}

export default defineSource({
  type: 'aws/cloudtrail-trails',
  kind: 'batch',
  description:
    `CloudTrail trails with their logging status and management-event selectors; one record per trail, de-duplicated by TrailARN across regions. ` +
    `Reads the per-region file of src/providers/aws/export.sh: {"DescribeTrails": <${COMMAND}>, "GetTrailStatus": {"<TrailARN>": <aws cloudtrail get-trail-status --name ARN>}, ` +
    `"GetEventSelectors": {"<TrailARN>": <aws cloudtrail get-event-selectors --trail-name ARN>}} (each value the CLI output unchanged, v1 or v2), ` +
    `or a bare ${COMMAND} output, whose trails then have no known status.`,
  read: readTrails,
});

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'aws/cloudtrail-trails': CloudTrailTrail;
  }
}
