import { describe, expect, it } from 'vitest';
import adapter from '../../../../src/providers/aws/sources/cloudtrail-trails.js';
import { displayOf, fixtures, userErrorOf } from './export-fixtures.js';

const ARN = 'arn:aws:cloudtrail:eu-west-1:210987654321:trail/main-trail';
const V2 = ['aws/210987654321/eu-west-1/cloudtrail-trails.json', 'aws/210987654321/us-east-1/cloudtrail-trails.json'];
const V1 = ['aws/v1/210987654321/eu-west-1/cloudtrail-trails.json', 'aws/v1/210987654321/us-east-1/cloudtrail-trails.json'];

const source = (text: string, display = 'exports/210987654321/eu-west-1/cloudtrail-trails.json') => ({ display, text });

function trailJson(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { Name: 'main-trail', TrailARN: ARN, HomeRegion: 'eu-west-1', IsMultiRegionTrail: true, LogFileValidationEnabled: true, ...fields };
}

describe('aws/cloudtrail-trails', () => {
  it('reads the CLI v2 export of two regions as one trail (de-duplicated by TrailARN), with status and default selectors', async () => {
    const trails = adapter.read(await fixtures(...V2));
    expect(trails).toEqual([
      {
        name: 'main-trail',
        arn: ARN,
        accountId: '210987654321',
        homeRegion: 'eu-west-1',
        multiRegion: true,
        organizationTrail: false,
        includeGlobalServiceEvents: true,
        logFileValidation: true,
        kmsKeyId: null,
        s3BucketName: 'audit-logs-210987654321',
        status: {
          isLogging: true,
          latestDeliveryTime: new Date('2026-10-31T23:58:12.482Z'),
          startLoggingTime: new Date('2024-06-03T08:00:00.004Z'),
          stopLoggingTime: null,
          latestDeliveryError: null,
        },
        managementEvents: { read: true, write: true, excludedSources: [] },
      },
    ]);
  });

  it('reads the CLI v1 export: epoch-number times, advanced event selectors, and a bare describe-trails file of the shadow copy', async () => {
    const [trail, ...others] = adapter.read(await fixtures(...V1));
    expect(others).toEqual([]);
    expect(trail?.status?.latestDeliveryTime?.toISOString()).toBe('2026-10-31T23:58:12.482Z');
    expect(trail?.status?.startLoggingTime?.toISOString()).toBe('2024-06-03T08:00:00.004Z');
    expect(trail?.managementEvents).toEqual({ read: true, write: true, excludedSources: [] });
  });

  it('keeps the details of a trail whichever region lists them first', async () => {
    const [bare, full] = await fixtures(V1[1] ?? '', V1[0] ?? '');
    const [trail] = adapter.read([bare!, full!]);
    expect(trail?.status?.isLogging).toBe(true);
    expect(trail?.managementEvents?.write).toBe(true);
  });

  it('leaves status and selectors unknown for a bare describe-trails output of a trail with custom selectors', () => {
    const [trail] = adapter.read([source(JSON.stringify({ trailList: [trailJson({ HasCustomEventSelectors: true })] }))]);
    expect(trail?.status).toBeNull();
    expect(trail?.managementEvents).toBeNull();
  });

  it('reads the default selectors from HasCustomEventSelectors false when no selectors were exported', () => {
    const [trail] = adapter.read([source(JSON.stringify({ trailList: [trailJson({ HasCustomEventSelectors: false })] }))]);
    expect(trail?.managementEvents).toEqual({ read: true, write: true, excludedSources: [] });
  });

  it('reads the default selectors for a trail exported before HasCustomEventSelectors existed', () => {
    const { HasCustomEventSelectors: _absent, ...old } = trailJson();
    const [trail] = adapter.read([source(JSON.stringify({ DescribeTrails: { trailList: [old] }, GetTrailStatus: { [ARN]: { IsLogging: true } } }))]);
    expect(trail?.managementEvents).toEqual({ read: true, write: true, excludedSources: [] });
  });

  it('derives read and write management events from classic and advanced selectors', () => {
    const selectors = (selected: Record<string, unknown>) =>
      adapter.read([source(JSON.stringify({ DescribeTrails: { trailList: [trailJson()] }, GetEventSelectors: { [ARN]: { TrailARN: ARN, ...selected } } }))])[0]
        ?.managementEvents;
    expect(selectors({ EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, ExcludeManagementEventSources: ['kms.amazonaws.com'] }] })).toEqual({
      read: false,
      write: true,
      excludedSources: ['kms.amazonaws.com'],
    });
    expect(selectors({ EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }] })).toEqual({
      read: false,
      write: false,
      excludedSources: [],
    });
    expect(
      selectors({
        AdvancedEventSelectors: [
          { Name: 'reads', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['true'] }] },
          { Name: 'no kms', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] }] },
        ],
      }),
    ).toEqual({ read: true, write: true, excludedSources: ['kms.amazonaws.com'] });
    expect(
      selectors({ AdvancedEventSelectors: [{ Name: 'writes', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] }] }] }),
    ).toEqual({ read: false, write: true, excludedSources: [] });
    expect(selectors({ AdvancedEventSelectors: [{ Name: 'data only', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }] }] })).toEqual({
      read: false,
      write: false,
      excludedSources: [],
    });
  });

  it('reports a malformed file at the line and column of the JSON error', async () => {
    const error = userErrorOf(adapter, await fixtures('aws/bad/cloudtrail-trails.json'));
    expect(error.located).toBe(`${displayOf('aws/bad/cloudtrail-trails.json')}:7:13: Invalid JSON: expected "," or "}" after the property value, found "\\""`);
  });

  it('reports a value of the wrong type at its position', () => {
    const text = '{"trailList": [\n  {"Name": "t", "TrailARN": "arn", "HomeRegion": "eu-west-1", "IsMultiRegionTrail": "yes"}\n]}';
    expect(userErrorOf(adapter, [source(text)]).located).toBe(
      'exports/210987654321/eu-west-1/cloudtrail-trails.json:2:85: trailList[0].IsMultiRegionTrail: expected boolean, found "yes"',
    );
  });

  it('refuses an empty file: a failed call, not an account without trails', async () => {
    const error = userErrorOf(adapter, await fixtures('aws/bad/cloudtrail-trails-empty.json'));
    expect(error.located).toMatch(new RegExp(`^${displayOf('aws/bad/cloudtrail-trails-empty.json')}:1:1: File is empty: expected `));
  });

  it('refuses JSON of another command, naming what it found', () => {
    expect(userErrorOf(adapter, [source('{"Keys": []}')]).message).toBe(
      'Expected the {"DescribeTrails", "GetTrailStatus", "GetEventSelectors"} file of src/providers/aws/export.sh or the output of aws cloudtrail describe-trails; found an object with keys Keys',
    );
  });

  it('reads an account without trails as no records', () => {
    expect(adapter.read([source('{"DescribeTrails": {"trailList": []}, "GetTrailStatus": {}, "GetEventSelectors": {}}')])).toEqual([]);
  });
});
