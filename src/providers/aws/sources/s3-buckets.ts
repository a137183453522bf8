import { z } from 'zod';
import { pathInCatalog, defineSource, type SourceText } from '../../../kit/define-source.js';
import { accountInPath, readAwsDocument, type DocumentForm } from '../lib/export-file.js';

/** An S3 Block Public Access configuration, of a bucket or of the whole account. */
export interface PublicAccessBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

/** One S3 bucket with its own and its account's Block Public Access settings. */
export interface S3Bucket {
  name: string;
  arn: string;
  accountId: string | null;
  /** null when the bucket has no configuration of its own (NoSuchPublicAccessBlockConfiguration). */
  bucketBlock: PublicAccessBlock | null;
  /** null when the account has no configuration (or it was not exported). */
  accountBlock: PublicAccessBlock | null;
}

const DESCRIPTION = {
  expected: 'the {"AccountId", "AccountPublicAccessBlock", "BucketPublicAccessBlock"} file of src/providers/aws/export.sh',
  hint: 'Export with src/providers/aws/export.sh, which joins aws s3control get-public-access-block and aws s3api get-public-access-block for every bucket.',
};

// A flag the output leaves out is not set.
const setting = z.boolean().optional().transform((value) => value ?? false);

const blockSchema = z
  .object({
    PublicAccessBlockConfiguration: z.object({
      BlockPublicAcls: setting,
      IgnorePublicAcls: setting,
      BlockPublicPolicy: setting,
      RestrictPublicBuckets: setting,
    }),
  })
  .transform(
    ({ PublicAccessBlockConfiguration: block }): PublicAccessBlock => ({
      blockPublicAcls: block.BlockPublicAcls,
      ignorePublicAcls: block.IgnorePublicAcls,
      blockPublicPolicy: block.BlockPublicPolicy,
      restrictPublicBuckets: block.RestrictPublicBuckets,
    }),
  );

const fileSchema = z.object({
  AccountId: z.string().optional(),
  AccountPublicAccessBlock: blockSchema.nullable().optional(),
  BucketPublicAccessBlock: z.record(z.string(), blockSchema.nullable()),
});

function readFile(source: SourceText): S3Bucket[] {
  const forms: readonly DocumentForm<z.output<typeof fileSchema>>[] = [{ key: 'BucketPublicAccessBlock', schema: fileSchema }];
  const file = readAwsDocument(source, forms, DESCRIPTION);
  const accountId = file.AccountId ?? accountInPath(pathInCatalog(source));
  return Object.entries(file.BucketPublicAccessBlock).map(([name, block]) => ({
    name,
    arn: `arn:aws:s3:::${name}`,
    accountId,
    bucketBlock: block,
    accountBlock: file.AccountPublicAccessBlock ?? null,
  }));
}

export default defineSource({
  type: 'aws/s3-buckets',
  kind: 'batch',
  description:
    'S3 buckets with their own and their account\'s Block Public Access settings; one record per bucket. Reads the account file of src/providers/aws/export.sh: ' +
    '{"AccountId": "<id>", "AccountPublicAccessBlock": <aws s3control get-public-access-block --account-id ID>, "BucketPublicAccessBlock": ' +
    '{"<bucket>": <aws s3api get-public-access-block --bucket NAME>}} (each value the CLI output unchanged, or null when the call answered ' +
    'NoSuchPublicAccessBlockConfiguration).',
  read: (files) => files.flatMap(readFile),
});

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'aws/s3-buckets': S3Bucket;
  }
}
