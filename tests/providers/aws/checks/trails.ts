import type { CloudTrailTrail } from '../../../../src/providers/aws/sources/cloudtrail-trails.js';

/** A trail record as aws/cloudtrail-trails yields it: by default the well-configured multi-region trail. */
export function trail(overrides: Partial<CloudTrailTrail> = {}): CloudTrailTrail {
  const name = overrides.name ?? 'main-trail';
  const homeRegion = overrides.homeRegion ?? 'eu-west-1';
  return {
    name,
    arn: `arn:aws:cloudtrail:${homeRegion}:210987654321:trail/${name}`,
    accountId: '210987654321',
    homeRegion,
    multiRegion: true,
    organizationTrail: false,
    includeGlobalServiceEvents: true,
    logFileValidation: true,
    kmsKeyId: 'arn:aws:kms:eu-west-1:210987654321:key/3f9a1c2e-7b4d-4a6f-8e1c-2d5b9a0c7e31',
    s3BucketName: 'audit-logs-210987654321',
    status: {
      isLogging: true,
      latestDeliveryTime: new Date('2026-10-31T23:58:12.482Z'),
      startLoggingTime: new Date('2024-06-03T08:00:00.004Z'),
      stopLoggingTime: null,
      latestDeliveryError: null,
    },
    managementEvents: { read: true, write: true, excludedSources: [] },
    ...overrides,
  };
}
