import check from '../../../../src/providers/aws/checks/ct-logging-tampering.js';
import { StreamCheckTester } from '../../../../src/testing/stream-check-tester.js';
import { alice, apiCall, bob, DENIED, eventId } from './cloudtrail-records.js';

const trailArn = 'arn:aws:cloudtrail:eu-west-1:210987654321:trail/management-events';

new StreamCheckTester(check).run({
  pass: [
    {
      name: 'starting and describing trails, and denied attempts to stop one',
      records: [
        apiCall(1, alice, '2026-10-27T07:32:44Z', 'cloudtrail:StartLogging', { name: trailArn }),
        apiCall(2, alice, '2026-10-27T07:33:00Z', 'cloudtrail:DescribeTrails', { includeShadowTrails: true }, { readOnly: true }),
        apiCall(3, bob, '2026-10-14T08:31:50Z', 'cloudtrail:StopLogging', { name: trailArn }, DENIED),
        apiCall(4, bob, '2026-10-14T08:32:00Z', 'ec2:DeleteFlowLogs', { DeleteFlowLogsRequest: { FlowLogId: { content: 'fl-0a1b2c3d4e5f60718', tag: 1 } } }, DENIED),
      ],
      examined: 4,
      metrics: { tampering_events: 0 },
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
      metrics: { tampering_events: 1 },
    },
    {
      name: 'every kind of change, trail names turned into ARNs, flow log ids found inside the EC2 request',
      records: [
        apiCall(5, bob, '2026-10-05T10:05:00Z', 'ec2:DeleteFlowLogs', { DeleteFlowLogsRequest: { FlowLogId: { content: 'fl-0a1b2c3d4e5f60718', tag: 1 } } }),
        apiCall(4, bob, '2026-10-05T10:04:00Z', 'cloudtrail:PutEventSelectors', { trailName: 'management-events', eventSelectors: [{ readWriteType: 'WriteOnly', includeManagementEvents: true }] }),
        apiCall(3, bob, '2026-10-05T10:03:00Z', 'cloudtrail:UpdateTrail', { name: 'management-events', isMultiRegionTrail: false }),
        apiCall(2, bob, '2026-10-05T10:02:00Z', 'cloudtrail:DeleteTrail', { name: 'legacy' }),
      ],
      findings: [
        { resource: 'arn:aws:cloudtrail:eu-west-1:210987654321:trail/legacy', message: /^trail arn:aws:cloudtrail:eu-west-1:210987654321:trail\/legacy deleted by IAM user bob at 2026-10-05T10:02:00Z/ },
        { resource: trailArn, message: new RegExp(`^trail ${trailArn} changed \\(UpdateTrail\\) by IAM user bob`) },
        { resource: trailArn, message: new RegExp(`^trail ${trailArn} had its event selectors replaced \\(PutEventSelectors\\) by IAM user bob`) },
        {
          resource: 'arn:aws:ec2:eu-west-1:210987654321:vpc-flow-log/fl-0a1b2c3d4e5f60718',
          message: `VPC flow logs fl-0a1b2c3d4e5f60718 deleted by IAM user bob at 2026-10-05T10:05:00Z from 198.51.100.7 in eu-west-1 (event ${eventId(5)})`,
        },
      ],
      metrics: { tampering_events: 4 },
    },
  ],
  vacuous: [{ name: 'no events', records: [], metrics: { tampering_events: 0 } }],
});
