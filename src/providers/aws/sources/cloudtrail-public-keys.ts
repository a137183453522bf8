import { z } from 'zod';
import { defineSource, type SourceText } from '../../../kit/define-source.js';
import { awsTimestampSchema } from '../lib/aws-values.js';
import { readAwsDocument } from '../lib/export-file.js';

/** One public key CloudTrail signs digest files with (the private half is CloudTrail's, one per region). */
export interface CloudTrailPublicKey {
  /** Hex, as digests name it in `digestPublicKeyFingerprint`. */
  fingerprint: string;
  /** The key as the CLI prints it: base64 of the DER-encoded PKCS #1 RSAPublicKey. */
  value: string;
  validFrom: Date | null;
  validTo: Date | null;
}

declare module '../../../kit/record-types.js' {
  interface RecordTypes {
    'aws/cloudtrail-public-keys': CloudTrailPublicKey;
  }
}

const DESCRIPTION = {
  expected: 'the output of aws cloudtrail list-public-keys ({"PublicKeyList": [...]})',
  hint: 'Export with src/providers/aws/export.sh, which saves aws cloudtrail list-public-keys --start-time <N days ago> for each region as <region>/cloudtrail-public-keys.json.',
};

const keysSchema = z.object({
  PublicKeyList: z.array(
    z.object({
      Value: z.string().regex(/^[A-Za-z0-9+/]+=*$/, 'Expected the key as base64 (the CLI prints blobs that way)'),
      Fingerprint: z.string().min(1),
      ValidityStartTime: awsTimestampSchema.optional(),
      ValidityEndTime: awsTimestampSchema.optional(),
    }),
  ),
});

function readKeys(file: SourceText): CloudTrailPublicKey[] {
  const { PublicKeyList } = readAwsDocument(file, [{ key: 'PublicKeyList', schema: keysSchema }], DESCRIPTION);
  return PublicKeyList.map((key) => ({ fingerprint: key.Fingerprint, value: key.Value, validFrom: key.ValidityStartTime ?? null, validTo: key.ValidityEndTime ?? null }));
}

export default defineSource({
  type: 'aws/cloudtrail-public-keys',
  kind: 'batch',
  description:
    'The public keys CloudTrail signs digest files with, one record per key: the output of aws cloudtrail list-public-keys (a file per region: each region has its own keys), for checking digest signatures offline.',
  read: (files) => files.flatMap(readKeys),
});
