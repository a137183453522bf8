import check from '../../../../src/providers/aws/checks/ct-logging-tampering.js';
import { StreamCheckTester } from '../../../../src/testing/stream-check-tester.js';
import { alice, apiCall, bob, DENIED, eventId } from './cloudtrail-records.js';

const trailArn = 'arn:aws:cloudtrail:eu-west-1:210987654321:trail/management-events';
const detectorArn = 'arn:aws:guardduty:eu-west-1:210987654321:detector/12abc34d567e8fa901bc2d34e56789f0';
const kmsKey = 'arn:aws:kms:eu-west-1:210987654321:key/85b4ab0e-eee7-4450-adba-82137e39764c';
const logGroup = 'arn:aws:logs:eu-west-1:210987654321:log-group:aws-cloudtrail-logs-210987654321-238d380d:*';

/** The calls the console makes to create a trail (as in a real delivery): create, selectors, insights, start. */
const consoleSetup = [
  apiCall(10, alice, '2026-10-01T09:00:00Z', 'cloudtrail:CreateTrail', {
    name: 'management-events',
    s3BucketName: 'audit-logs',
    s3KeyPrefix: '',
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    enableLogFileValidation: true,
    isOrganizationTrail: false,
    kmsKeyId: kmsKey,
  }),
  apiCall(11, alice, '2026-10-01T09:00:01Z', 'cloudtrail:PutEventSelectors', {
    trailName: 'management-events',
    eventSelectors: [{ readWriteType: 'All', includeManagementEvents: true, excludeManagementEventSources: [], dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] }],
  }),
  apiCall(12, alice, '2026-10-01T09:00:02Z', 'cloudtrail:PutInsightSelectors', { trailName: 'management-events', insightSelectors: [] }),
  apiCall(13, alice, '2026-10-01T09:00:03Z', 'cloudtrail:StartLogging', { name: 'management-events' }),
];

new StreamCheckTester(check).run({
  pass: [
    {
      name: 'starting and describing trails, and denied attempts to stop one',
      records: [
        apiCall(1, alice, '2026-10-27T07:32:44Z', 'cloudtrail:StartLogging', { name: trailArn }),
        apiCall(2, alice, '2026-10-27T07:33:00Z', 'cloudtrail:DescribeTrails', { includeShadowTrails: true }, { readOnly: true }),
        apiCall(3, bob, '2026-10-14T08:31:50Z', 'cloudtrail:StopLogging', { name: trailArn }, DENIED),
        apiCall(4, bob, '2026-10-14T08:32:00Z', 'ec2:DeleteFlowLogs', { DeleteFlowLogsRequest: { FlowLogId: { content: 'fl-0a1b2c3d4e5f60718', tag: 1 } } }, DENIED),
        apiCall(5, bob, '2026-10-14T08:33:00Z', 'cloudtrail:UpdateTrail', { name: trailArn, isMultiRegionTrail: false }, DENIED),
      ],
      examined: 5,
      metrics: { tampering_events: 0, harmless_changes: 0 },
    },
    {
      name: 'a trail set up from the console, then given CloudWatch Logs delivery and a new KMS key: changes that keep or strengthen logging are details',
      records: [
        ...consoleSetup,
        apiCall(14, alice, '2026-10-02T10:00:00Z', 'cloudtrail:UpdateTrail', { name: trailArn, cloudWatchLogsLogGroupArn: logGroup, cloudWatchLogsRoleArn: 'arn:aws:iam::210987654321:role/CloudTrailToLogs' }),
        apiCall(15, alice, '2026-10-03T10:00:00Z', 'cloudtrail:UpdateTrail', { name: trailArn, kmsKeyId: 'alias/cloudtrail', isMultiRegionTrail: true, s3BucketName: 'audit-logs' }),
        apiCall(16, alice, '2026-10-04T10:00:00Z', 'cloudtrail:PutInsightSelectors', { trailName: trailArn, insightSelectors: [{ insightType: 'ApiCallRateInsight' }] }),
        apiCall(17, alice, '2026-10-05T10:00:00Z', 'guardduty:UpdateDetector', { detectorId: '12abc34d567e8fa901bc2d34e56789f0', enable: true, findingPublishingFrequency: 'FIFTEEN_MINUTES' }),
      ],
      examined: 8,
      metrics: { tampering_events: 0, harmless_changes: 6 },
      details: {
        changes_not_weakening: [
          { resource: trailArn, eventName: 'PutEventSelectors', eventTime: '2026-10-01T09:00:01Z', eventID: eventId(11), settings: ['management events: read and write', 'data events: AWS::S3::Object arn:aws:s3'] },
          { resource: trailArn, eventName: 'PutInsightSelectors', eventTime: '2026-10-01T09:00:02Z', eventID: eventId(12), settings: ['Insights: none'] },
          { resource: trailArn, eventName: 'UpdateTrail', eventTime: '2026-10-02T10:00:00Z', eventID: eventId(14), settings: [`CloudWatch Logs delivery ${logGroup}`] },
          { resource: trailArn, eventName: 'UpdateTrail', eventTime: '2026-10-03T10:00:00Z', eventID: eventId(15), settings: ['multi-region logging on', 'KMS encryption alias/cloudtrail'] },
          { resource: trailArn, eventName: 'PutInsightSelectors', eventTime: '2026-10-04T10:00:00Z', eventID: eventId(16), settings: ['Insights: ApiCallRateInsight'] },
          { resource: detectorArn, eventName: 'UpdateDetector', eventTime: '2026-10-05T10:00:00Z', eventID: eventId(17), settings: ['enable set', 'findingPublishingFrequency set'] },
        ],
      },
    },
    {
      name: 'turning off a setting the trail was created without changes nothing',
      records: [
        apiCall(20, alice, '2026-10-01T09:00:00Z', 'cloudtrail:CreateTrail', { name: 'management-events', s3BucketName: 'audit-logs' }),
        apiCall(21, alice, '2026-10-02T09:00:00Z', 'cloudtrail:UpdateTrail', { name: 'management-events', isMultiRegionTrail: false, enableLogFileValidation: false, kmsKeyId: '' }),
      ],
      metrics: { tampering_events: 0, harmless_changes: 1 },
      details: {
        changes_not_weakening: [{ resource: trailArn, eventName: 'UpdateTrail', eventTime: '2026-10-02T09:00:00Z', eventID: eventId(21), settings: ['multi-region logging off', 'log file validation off'] }],
      },
    },
  ],
  fail: [
    {
      name: 'StopLogging by trail ARN',
      records: [apiCall(1, bob, '2026-10-26T21:47:03Z', 'cloudtrail:StopLogging', { name: trailArn })],
      examined: 1,
      findings: [
        {
          resource: trailArn,
          message: `trail ${trailArn} stopped logging by IAM user bob at 2026-10-26T21:47:03Z from 198.51.100.7 in eu-west-1 (event ${eventId(1)})`,
        },
      ],
      metrics: { tampering_events: 1, harmless_changes: 0 },
    },
    {
      name: 'calls that always weaken: deleting a trail, flow logs or a detector, stopping or deleting a Config recorder or its delivery channel',
      records: [
        apiCall(7, bob, '2026-10-05T10:07:00Z', 'config:DeleteDeliveryChannel', { deliveryChannelName: 'default' }),
        apiCall(6, bob, '2026-10-05T10:06:00Z', 'config:DeleteConfigurationRecorder', { configurationRecorderName: 'default' }),
        apiCall(5, bob, '2026-10-05T10:05:00Z', 'config:StopConfigurationRecorder', { configurationRecorderName: 'default' }),
        apiCall(4, bob, '2026-10-05T10:04:00Z', 'guardduty:DeleteDetector', { detectorId: '12abc34d567e8fa901bc2d34e56789f0' }),
        apiCall(3, bob, '2026-10-05T10:03:00Z', 'ec2:DeleteFlowLogs', { DeleteFlowLogsRequest: { FlowLogId: { content: 'fl-0a1b2c3d4e5f60718', tag: 1 } } }),
        apiCall(2, bob, '2026-10-05T10:02:00Z', 'cloudtrail:DeleteTrail', { name: 'legacy' }),
      ],
      findings: [
        { resource: 'arn:aws:cloudtrail:eu-west-1:210987654321:trail/legacy', message: /^trail arn:aws:cloudtrail:eu-west-1:210987654321:trail\/legacy deleted by IAM user bob at 2026-10-05T10:02:00Z/ },
        {
          resource: 'arn:aws:ec2:eu-west-1:210987654321:vpc-flow-log/fl-0a1b2c3d4e5f60718',
          message: `VPC flow logs fl-0a1b2c3d4e5f60718 deleted by IAM user bob at 2026-10-05T10:03:00Z from 198.51.100.7 in eu-west-1 (event ${eventId(3)})`,
        },
        { resource: detectorArn, message: /^GuardDuty detector 12abc34d567e8fa901bc2d34e56789f0 deleted by IAM user bob/ },
        { resource: 'arn:aws:config:eu-west-1:210987654321:configuration-recorder/default', message: /^AWS Config recorder default stopped by IAM user bob/ },
        { resource: 'arn:aws:config:eu-west-1:210987654321:configuration-recorder/default', message: /^AWS Config recorder default deleted by IAM user bob/ },
        { resource: 'arn:aws:config:eu-west-1:210987654321:delivery-channel/default', message: /^AWS Config delivery channel default deleted by IAM user bob/ },
      ],
      metrics: { tampering_events: 6, harmless_changes: 0 },
    },
    {
      name: 'UpdateTrail on a trail the logs do not show being created: every setting it turns off or removes, and a moved bucket',
      records: [
        apiCall(1, bob, '2026-10-05T10:01:00Z', 'cloudtrail:UpdateTrail', {
          name: 'management-events',
          isMultiRegionTrail: false,
          includeGlobalServiceEvents: false,
          enableLogFileValidation: false,
          kmsKeyId: '',
          cloudWatchLogsLogGroupArn: '',
          s3BucketName: 'elsewhere',
        }),
      ],
      findings: [
        {
          resource: trailArn,
          message:
            `trail ${trailArn} weakened by UpdateTrail (multi-region logging turned off; global service events turned off; log file validation turned off; KMS encryption removed; ` +
            `CloudWatch Logs delivery removed; delivery bucket changed to "elsewhere" (the earlier one is not in the logs)) by IAM user bob at 2026-10-05T10:01:00Z from 198.51.100.7 in eu-west-1 (event ${eventId(1)})`,
        },
      ],
      metrics: { tampering_events: 1, harmless_changes: 0 },
    },
    {
      name: 'after a console setup: the delivery bucket moved, validation turned off, then the KMS key removed',
      records: [
        ...consoleSetup,
        apiCall(20, bob, '2026-10-06T10:00:00Z', 'cloudtrail:UpdateTrail', { name: trailArn, s3BucketName: 'attacker-bucket', enableLogFileValidation: false }),
        apiCall(21, bob, '2026-10-06T10:01:00Z', 'cloudtrail:UpdateTrail', { name: trailArn, kmsKeyId: '', s3BucketName: 'attacker-bucket' }),
      ],
      findings: [
        { resource: trailArn, message: /weakened by UpdateTrail \(log file validation turned off; delivery bucket changed to "attacker-bucket" from "audit-logs"\) by IAM user bob/ },
        { resource: trailArn, message: /weakened by UpdateTrail \(KMS encryption removed\) by IAM user bob/ },
      ],
      metrics: { tampering_events: 2, harmless_changes: 2 },
    },
    {
      name: 'selectors narrowed to read-only data events (Stratus Red Team), then restored: the narrowing is a finding, the restoring a detail',
      records: [
        apiCall(1, bob, '2026-10-05T10:01:00Z', 'cloudtrail:PutEventSelectors', {
          trailName: 'management-events',
          eventSelectors: [
            { readWriteType: 'ReadOnly', includeManagementEvents: false, excludeManagementEventSources: [], dataResources: [{ type: 'AWS::S3::Object', values: [] }, { type: 'AWS::Lambda::Function', values: [] }] },
          ],
        }),
        apiCall(2, alice, '2026-10-05T11:00:00Z', 'cloudtrail:PutEventSelectors', {
          trailName: 'management-events',
          eventSelectors: [{ dataResources: [], excludeManagementEventSources: [], includeManagementEvents: true, readWriteType: 'All' }],
        }),
      ],
      findings: [
        {
          resource: trailArn,
          message: new RegExp(`^trail ${trailArn} weakened by PutEventSelectors \\(read management events no longer recorded; write management events no longer recorded\\) by IAM user bob`),
        },
      ],
      metrics: { tampering_events: 1, harmless_changes: 1 },
      details: {
        changes_not_weakening: [{ resource: trailArn, eventName: 'PutEventSelectors', eventTime: '2026-10-05T11:00:00Z', eventID: eventId(2), settings: ['management events: read and write'] }],
      },
    },
    {
      name: 'selectors that exclude an event source, advanced selectors that keep only reads, and data events dropped',
      records: [
        apiCall(1, bob, '2026-10-05T10:01:00Z', 'cloudtrail:PutEventSelectors', {
          trailName: 'management-events',
          eventSelectors: [{ readWriteType: 'All', includeManagementEvents: true, excludeManagementEventSources: ['kms.amazonaws.com'], dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] }],
        }),
        apiCall(2, bob, '2026-10-05T10:02:00Z', 'cloudtrail:PutEventSelectors', {
          trailName: 'management-events',
          advancedEventSelectors: [{ name: 'reads', fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }, { field: 'readOnly', equals: ['true'] }] }],
        }),
      ],
      findings: [
        { resource: trailArn, message: /weakened by PutEventSelectors \(management events of kms\.amazonaws\.com excluded\) by IAM user bob at 2026-10-05T10:01:00Z/ },
        {
          resource: trailArn,
          message: /weakened by PutEventSelectors \(write management events no longer recorded; data events no longer recorded: AWS::S3::Object arn:aws:s3\) by IAM user bob at 2026-10-05T10:02:00Z/,
        },
      ],
      metrics: { tampering_events: 2, harmless_changes: 0 },
    },
    {
      name: 'Insights turned off on a trail whose Insights the logs do not show, one Insights type dropped, selectors that cannot be read, a detector disabled',
      records: [
        apiCall(1, bob, '2026-10-05T10:01:00Z', 'cloudtrail:PutInsightSelectors', { trailName: 'management-events', insightSelectors: [] }),
        apiCall(2, alice, '2026-10-05T10:02:00Z', 'cloudtrail:PutInsightSelectors', { trailName: 'management-events', insightSelectors: [{ insightType: 'ApiCallRateInsight' }, { insightType: 'ApiErrorRateInsight' }] }),
        apiCall(3, bob, '2026-10-05T10:03:00Z', 'cloudtrail:PutInsightSelectors', { trailName: 'management-events', insightSelectors: [{ insightType: 'ApiErrorRateInsight' }] }),
        apiCall(4, bob, '2026-10-05T10:04:00Z', 'cloudtrail:PutEventSelectors', { trailName: 'management-events', eventSelectors: 'all' }),
        apiCall(5, bob, '2026-10-05T10:05:00Z', 'guardduty:UpdateDetector', { detectorId: '12abc34d567e8fa901bc2d34e56789f0', enable: false }),
      ],
      findings: [
        { resource: trailArn, message: /weakened by PutInsightSelectors \(Insights turned off\) by IAM user bob at 2026-10-05T10:01:00Z/ },
        { resource: trailArn, message: /weakened by PutInsightSelectors \(ApiCallRateInsight turned off\) by IAM user bob at 2026-10-05T10:03:00Z/ },
        { resource: trailArn, message: /weakened by PutEventSelectors \(event selectors replaced with selectors that cannot be read\)/ },
        { resource: detectorArn, message: /^GuardDuty detector 12abc34d567e8fa901bc2d34e56789f0 weakened by UpdateDetector \(disabled\) by IAM user bob/ },
      ],
      metrics: { tampering_events: 4, harmless_changes: 1 },
    },
  ],
  vacuous: [{ name: 'no events', records: [], metrics: { tampering_events: 0, harmless_changes: 0 } }],
});
