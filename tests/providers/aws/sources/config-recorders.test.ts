import { describe, expect, it } from 'vitest';
import adapter from '../../../../src/providers/aws/sources/config-recorders.js';
import { displayOf, fixtures, userErrorOf } from './export-fixtures.js';

describe('aws/config-recorders', () => {
  it('reads the CLI v2 export: recorder settings and status joined by name, per region', async () => {
    const regions = adapter.read(await fixtures('aws/210987654321/eu-west-1/config-recorders.json', 'aws/210987654321/us-east-1/config-recorders.json'));
    expect(regions[0]).toEqual({
      accountId: '210987654321',
      region: 'eu-west-1',
      recorders: [
        {
          name: 'default',
          recording: true,
          lastStatus: 'SUCCESS',
          lastStatusChangeTime: new Date('2026-10-31T22:47:03.295Z'),
          lastStartTime: new Date('2024-06-03T08:12:40.611Z'),
          lastStopTime: null,
          lastErrorCode: null,
          lastErrorMessage: null,
          allSupported: true,
          includeGlobalResourceTypes: true,
        },
      ],
    });
    expect(regions[1]?.region).toBe('us-east-1');
    expect(regions[1]?.recorders[0]?.includeGlobalResourceTypes).toBe(false);
  });

  it('reads the CLI v1 export and a bare describe-configuration-recorder-status output', async () => {
    const regions = adapter.read(await fixtures('aws/v1/210987654321/eu-west-1/config-recorders.json', 'aws/v1/210987654321/us-east-1/config-recorders.json'));
    expect(regions[0]?.recorders[0]?.lastStatusChangeTime?.toISOString()).toBe('2026-10-31T22:47:03.295Z');
    expect(regions[1]).toMatchObject({ accountId: '210987654321', region: 'us-east-1' });
    expect(regions[1]?.recorders[0]).toMatchObject({ name: 'default', recording: true, allSupported: null });
  });

  it('reads a bare describe-configuration-recorders output as recorders of unknown status', () => {
    const text = '{"ConfigurationRecorders": [{"name": "default", "recordingGroup": {"allSupported": false}}]}';
    const [region] = adapter.read([{ display: 'x/ap-southeast-2/config.json', text }]);
    expect(region?.recorders[0]).toMatchObject({ name: 'default', recording: null, allSupported: false });
  });

  it('reads a recorder missing from the exported status as not recording', () => {
    const text = '{"DescribeConfigurationRecorders": {"ConfigurationRecorders": [{"name": "default"}]}, "DescribeConfigurationRecorderStatus": {"ConfigurationRecordersStatus": []}}';
    const [region] = adapter.read([{ display: 'x/eu-west-1/config.json', text }]);
    expect(region?.recorders[0]?.recording).toBe(false);
  });

  it('reports a value of the wrong type at its line and column', async () => {
    expect(userErrorOf(adapter, await fixtures('aws/bad/config-recorders.json')).located).toBe(
      `${displayOf('aws/bad/config-recorders.json')}:9:26: DescribeConfigurationRecorderStatus.ConfigurationRecordersStatus[0].recording: expected boolean, found "true"`,
    );
  });

  it('refuses an empty file', async () => {
    expect(userErrorOf(adapter, await fixtures('aws/bad/config-recorders-empty.json')).message).toMatch(/^File is empty: expected the \{"DescribeConfigurationRecorders"/);
  });
});
