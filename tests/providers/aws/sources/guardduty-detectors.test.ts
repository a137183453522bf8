import { describe, expect, it } from 'vitest';
import adapter from '../../../../src/providers/aws/sources/guardduty-detectors.js';
import { displayOf, fixtures, userErrorOf } from './export-fixtures.js';

const DETECTOR = 'a4b8c1d2e3f405162738495a6b7c8d9e';

describe('aws/guardduty-detectors', () => {
  it('reads the CLI v2 export: one record per region, us-east-1 without a detector', async () => {
    expect(adapter.read(await fixtures('aws/210987654321/eu-west-1/guardduty-detectors.json', 'aws/210987654321/us-east-1/guardduty-detectors.json'))).toEqual([
      {
        accountId: '210987654321',
        region: 'eu-west-1',
        detectors: [
          {
            detectorId: DETECTOR,
            status: 'ENABLED',
            createdAt: new Date('2025-02-10T09:12:44.517Z'),
            updatedAt: new Date('2026-04-02T15:07:19.203Z'),
            findingPublishingFrequency: 'SIX_HOURS',
          },
        ],
      },
      { accountId: '210987654321', region: 'us-east-1', detectors: [] },
    ]);
  });

  it('reads the CLI v1 export and a bare list-detectors output', async () => {
    const regions = adapter.read(await fixtures('aws/v1/210987654321/eu-west-1/guardduty-detectors.json', 'aws/v1/210987654321/us-east-1/guardduty-detectors.json'));
    expect(regions.map((region) => [region.region, region.detectors.map((detector) => detector.status)])).toEqual([
      ['eu-west-1', ['ENABLED']],
      ['us-east-1', []],
    ]);
  });

  it('gives detectors of a bare list-detectors output an unknown status', () => {
    const [region] = adapter.read([{ display: 'exports/eu-west-1/guardduty.json', text: `{"DetectorIds": ["${DETECTOR}"]}` }]);
    expect(region).toEqual({
      accountId: null,
      region: 'eu-west-1',
      detectors: [{ detectorId: DETECTOR, status: null, createdAt: null, updatedAt: null, findingPublishingFrequency: null }],
    });
  });

  it('reports a truncated file at its end', async () => {
    expect(userErrorOf(adapter, await fixtures('aws/bad/guardduty-detectors.json')).located).toBe(
      `${displayOf('aws/bad/guardduty-detectors.json')}:5:20: Invalid JSON: expected a closing double quote, found end of file`,
    );
  });

  it('refuses an empty file (a newline only)', async () => {
    expect(userErrorOf(adapter, await fixtures('aws/bad/guardduty-detectors-empty.json')).located).toBe(
      `${displayOf('aws/bad/guardduty-detectors-empty.json')}:1:1: File is empty: expected the {"GetDetector"} file of src/providers/aws/export.sh or the output of aws guardduty list-detectors`,
    );
  });

  it('refuses a file outside a region folder', () => {
    expect(userErrorOf(adapter, [{ display: 'guardduty.json', text: '{"DetectorIds": []}' }]).message).toBe(
      'Cannot tell which region this export is from: the output of aws guardduty get-detector does not name it',
    );
  });
});
