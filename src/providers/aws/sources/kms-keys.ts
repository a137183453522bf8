import { z } from 'zod';
import { defineSource, type SourceText } from '../../../kit/define-source.js';
import { awsTimestampSchema } from '../lib/aws-values.js';
import { arnParts, readAwsDocument, type DocumentForm } from '../lib/export-file.js';

/** What `get-key-rotation-status` says about a key. */
export interface KeyRotation {
  enabled: boolean;
  periodDays: number | null;
  nextRotationDate: Date | null;
}

/** One KMS key from `describe-key`, with its rotation status joined in. */
export interface KmsKey {
  keyId: string;
  arn: string;
  accountId: string;
  region: string | null;
  description: string | null;
  /** `AWS` (AWS managed, rotated yearly by AWS) or `CUSTOMER`. */
  manager: string;
  /** `Enabled`, `Disabled`, `PendingDeletion`, ... */
  state: string;
  enabled: boolean;
  /** `SYMMETRIC_DEFAULT`, `RSA_2048`, `HMAC_256`, ... */
  keySpec: string;
  keyUsage: string | null;
  /** `AWS_KMS`, `EXTERNAL` (imported material), `AWS_CLOUDHSM`, `EXTERNAL_KEY_STORE`. */
  origin: string | null;
  creationDate: Date | null;
  deletionDate: Date | null;
  multiRegion: boolean;
  /** null when the rotation status was not exported, or the call answered that the key cannot rotate. */
  rotation: KeyRotation | null;
}

const DESCRIPTION = {
  expected: 'the {"DescribeKey", "GetKeyRotationStatus"} file of src/providers/aws/export.sh or the output of aws kms describe-key',
  hint: 'Export with src/providers/aws/export.sh, which joins aws kms describe-key and get-key-rotation-status for every key of a region.',
};

const timestamp = awsTimestampSchema.optional().transform((date) => date ?? null);

const metadataSchema = z.object({
  KeyId: z.string(),
  Arn: z.string(),
  AWSAccountId: z.string(),
  Description: z.string().optional(),
  KeyManager: z.string(),
  KeyState: z.string(),
  Enabled: z.boolean(),
  KeySpec: z.string().optional(),
  CustomerMasterKeySpec: z.string().optional(),
  KeyUsage: z.string().optional(),
  Origin: z.string().optional(),
  CreationDate: timestamp,
  DeletionDate: timestamp,
  MultiRegion: z.boolean().optional(),
});

const describeKeySchema = z.object({ KeyMetadata: metadataSchema });

const rotationSchema = z
  .object({
    KeyRotationEnabled: z.boolean(),
    RotationPeriodInDays: z.number().optional(),
    NextRotationDate: timestamp,
  })
  .transform(
    (rotation): KeyRotation => ({
      enabled: rotation.KeyRotationEnabled,
      periodDays: rotation.RotationPeriodInDays ?? null,
      nextRotationDate: rotation.NextRotationDate,
    }),
  );

type Metadata = z.output<typeof metadataSchema>;

function toKey(metadata: Metadata, rotation: KeyRotation | null): KmsKey {
  return {
    keyId: metadata.KeyId,
    arn: metadata.Arn,
    accountId: metadata.AWSAccountId,
    region: arnParts(metadata.Arn).region,
    description: metadata.Description || null,
    manager: metadata.KeyManager,
    state: metadata.KeyState,
    enabled: metadata.Enabled,
    // Outputs from before asymmetric keys existed (2019) name no spec: every key was symmetric then.
    keySpec: metadata.KeySpec ?? metadata.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT',
    keyUsage: metadata.KeyUsage ?? null,
    origin: metadata.Origin ?? null,
    creationDate: metadata.CreationDate,
    deletionDate: metadata.DeletionDate,
    multiRegion: metadata.MultiRegion ?? false,
    rotation,
  };
}

const forms: readonly DocumentForm<KmsKey[]>[] = [
  {
    key: 'DescribeKey',
    schema: z
      .object({
        DescribeKey: z.record(z.string(), describeKeySchema),
        GetKeyRotationStatus: z.record(z.string(), rotationSchema.nullable()).optional(),
      })
      .transform((file) =>
        Object.entries(file.DescribeKey).map(([id, described]) => toKey(described.KeyMetadata, file.GetKeyRotationStatus?.[id] ?? null)),
      ),
  },
  {
    key: 'KeyMetadata',
    schema: describeKeySchema.transform((described) => [toKey(described.KeyMetadata, null)]),
  },
];

export function readKeys(files: readonly SourceText[]): KmsKey[] {
  return files.flatMap((file) => readAwsDocument(file, forms, DESCRIPTION));
}

export default defineSource({
  type: 'aws/kms-keys',
  kind: 'batch',
  description:
    'KMS keys (AWS and customer managed) with their rotation status; one record per key. Reads the per-region file of src/providers/aws/export.sh: ' +
    '{"DescribeKey": {"<KeyId>": <aws kms describe-key --key-id ID>}, "GetKeyRotationStatus": {"<KeyId>": <aws kms get-key-rotation-status --key-id ID>, or null when ' +
    'the call answered UnsupportedOperationException or KMSInvalidStateException}} (each value the CLI output unchanged, v1 or v2), or a bare describe-key output, ' +
    'whose key then has no known rotation status.',
  read: readKeys,
});

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'aws/kms-keys': KmsKey;
  }
}
