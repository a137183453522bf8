import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/catalog/load-catalog.js';
import { runAudit } from '../../../src/engine/run-audit.js';
import type { Report } from '../../../src/report/model.js';
import { repoRoot } from '../../support/paths.js';
import { removeTempDirs, tempTree } from '../../support/workspace.js';

// Exports that AWS and common tools really wrote (their origin is in real-exports/SOURCES.md), read in place: never
// copied into the repository. Every count below is also computed here by an independent scan of the raw files.

const REAL = path.resolve(repoRoot, '../shared/real-exports');
const present = existsSync(REAL);
/** The sets of a folder of real exports; none when they are absent (the describe is skipped, but still collected). */
const setsIn = (folder: string): string[] => (present ? readdirSync(path.join(REAL, folder)) : []);
const AS_OF = new Date('2026-11-01T00:00:00Z');

afterAll(removeTempDirs);

/** Every file under `dir`, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile())
    .sort();
}

function readJson(file: string): unknown {
  const raw = readFileSync(file);
  return JSON.parse((file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
}

/** Logs are years older than AS_OF: their audits look back far enough to judge every event. */
const LOG_WINDOW = '20y';

/**
 * One test of `check` over every file of the real export set `set` (a folder under real-exports, less the `exclude`
 * glob in it), read as `type`; a log source (aws/cloudtrail-logs) gets the assessment `window`, LOG_WINDOW unless given.
 */
async function audit(
  type: string,
  set: string,
  check: string,
  params = '',
  options: { asOf?: Date; exclude?: string; window?: string } = {},
): Promise<Report> {
  const paths = [`${path.join(REAL, set)}/**/*`, ...(options.exclude === undefined ? [] : [`!${path.join(REAL, set)}/${options.exclude}`])];
  const window = options.window ?? (type === 'aws/cloudtrail-logs' ? LOG_WINDOW : undefined);
  const catalog = `version: 1
name: Real exports
sources:
  real: { type: ${type}, path: ${JSON.stringify(paths)}${window === undefined ? '' : `, window: ${window}`} }
controls:
  - id: REAL-01
    title: A real export
    owner: security@example.com
    risk: medium
    function: detect
    tests:
      - check: ${check}
        source: real${params === '' ? '' : `\n        params: ${params}`}
`;
  const dir = await tempTree({ 'controls.yaml': catalog });
  return runAudit(await loadCatalog(path.join(dir, 'controls.yaml')), { asOf: options.asOf ?? AS_OF, warnDays: 30, workers: 0 });
}

function onlyTest(report: Report): Report['controls'][number]['tests'][number] {
  const test = report.controls[0]?.tests[0];
  if (!test) throw new Error('the audit ran no test');
  return test;
}

interface CloudTrailEvent {
  eventID: string;
  eventName?: string;
  eventType?: string;
  errorCode?: string;
  userIdentity?: { type?: string; invokedBy?: string };
  requestParameters?: { eventSelectors?: { readWriteType?: string; includeManagementEvents?: boolean }[] } | null;
}

function cloudTrailEvents(set: string): CloudTrailEvent[] {
  return filesUnder(path.join(REAL, set)).flatMap((file) => (readJson(file) as { Records: CloudTrailEvent[] }).Records);
}

describe.skipIf(!present)(`real exports in ${present ? REAL : '../shared/real-exports (absent: these tests are skipped)'}`, () => {
  describe('aws/cloudtrail-logs', () => {
    it.each(['cloudtrail-logs/sans504', 'cloudtrail-logs/invictus-ir', 'cloudtrail-logs/cloud-snitch'])('reads every record of %s', async (set) => {
      const events = cloudTrailEvents(set);
      const rootEvents = new Set(events.filter((event) => event.userIdentity?.type === 'Root' && event.userIdentity.invokedBy === undefined && event.eventType !== 'AwsServiceEvent').map((event) => event.eventID));
      const unique = new Set(events.map((event) => event.eventID)).size;
      const report = await audit('aws/cloudtrail-logs', set, 'aws/ct-root-activity');
      expect(report.sources[0]).toMatchObject({ status: 'ok', records: unique, duplicates: events.length - unique, window: { records_before: 0, records_after: 0 } });
      expect(onlyTest(report)).toMatchObject({ examined: unique, metrics: { root_events: { value: rootEvents.size }, records_outside_window: { value: 0 } } });
      expect(onlyTest(report).findings).toHaveLength(rootEvents.size);
    });

    it('counts the events CloudTrail delivered twice in the 2021 delivery once: 6,496 of its 30,477', () => {
      const events = cloudTrailEvents('cloudtrail-logs/sans504');
      expect([events.length, new Set(events.map((event) => event.eventID)).size]).toEqual([30_477, 23_981]);
    });

    it('judges nothing outside the default 90-day window before as-of, and counts what it left out', async () => {
      const events = cloudTrailEvents('cloudtrail-logs/invictus-ir');
      const report = await audit('aws/cloudtrail-logs', 'cloudtrail-logs/invictus-ir', 'aws/ct-root-activity', '', { window: '90d' });
      expect(report.sources[0]).toMatchObject({
        status: 'ok',
        records: 0,
        window: { from: '2026-08-03T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', length: '90d', records_before: events.length, records_after: 0 },
      });
      expect(onlyTest(report)).toMatchObject({ status: 'vacuous', examined: 0, findings: [], metrics: { records_outside_window: { value: events.length } } });
    });

    it.each([
      ['cloudtrail-logs/sans504', 0, 3],
      ['cloudtrail-logs/invictus-ir', 4, 1],
      ['cloudtrail-logs/cloud-snitch', 0, 0],
    ])("judges %s's changes to logging as a responder would: deletions and narrowed selectors fail, the console's trail setup does not", async (set, weakening, harmless) => {
      const succeeded = cloudTrailEvents(set).filter((event) => event.errorCode === undefined);
      const recordsAll = (event: CloudTrailEvent): boolean =>
        (event.requestParameters?.eventSelectors ?? []).some((selector) => selector.includeManagementEvents === true && selector.readWriteType === 'All');
      const ids = (events: CloudTrailEvent[]): number => new Set(events.map((event) => event.eventID)).size;
      const removals = succeeded.filter((event) => ['StopLogging', 'DeleteTrail', 'DeleteFlowLogs'].includes(event.eventName ?? ''));
      const narrowed = succeeded.filter((event) => event.eventName === 'PutEventSelectors' && !recordsAll(event));
      const others = succeeded.filter((event) => ['UpdateTrail', 'PutInsightSelectors'].includes(event.eventName ?? '') || (event.eventName === 'PutEventSelectors' && recordsAll(event)));
      expect([ids(removals) + ids(narrowed), ids(others)]).toEqual([weakening, harmless]);
      const test = onlyTest(await audit('aws/cloudtrail-logs', set, 'aws/ct-logging-tampering'));
      expect(test.findings).toHaveLength(weakening);
      expect(test.metrics).toEqual({ tampering_events: { value: weakening }, harmless_changes: { value: harmless }, records_outside_window: { value: 0 } });
    });

    it('refuses the Grimoire capture (a bare JSON array, not a format CloudTrail writes), naming what it expected', async () => {
      const report = await audit('aws/cloudtrail-logs', 'cloudtrail-logs/grimoire-stratus', 'aws/ct-root-activity');
      expect(report.sources[0]?.status).toBe('error');
      expect(report.sources[0]?.error).toMatch(/:1:1: Expected a CloudTrail log file \(\{"Records": \[\.\.\.\]\}\) or `aws cloudtrail lookup-events` output/);
    });

    describe('aws/ct-coverage on the multi-region delivery of sans504', () => {
      const SET = 'cloudtrail-logs/sans504';
      // From the trail's creation (its first event, 15:28) to the last delivery: the window the logs can cover.
      const asOf = new Date('2021-08-02T10:00:00Z');
      const windowStart = Date.parse('2021-07-28T15:00:00Z');

      /** Distinct clock hours with events per region, and the longest silence between two events, from the raw files. */
      function regionHours(): Map<string, { hours: Set<number>; longestSilenceHours: number }> {
        const times = new Map<string, number[]>();
        for (const file of filesUnder(path.join(REAL, SET))) {
          for (const event of (readJson(file) as { Records: { awsRegion: string; eventTime: string }[] }).Records) {
            const list = times.get(event.awsRegion) ?? [];
            list.push(Date.parse(event.eventTime));
            times.set(event.awsRegion, list);
          }
        }
        return new Map(
          [...times].map(([region, list]) => {
            const sorted = list.filter((time) => time >= windowStart && time <= asOf.getTime()).sort((x, y) => x - y);
            const longest = sorted.slice(1).reduce((max, time, index) => Math.max(max, time - (sorted[index] ?? time)), 0);
            return [region, { hours: new Set(sorted.map((time) => Math.floor(time / 3_600_000))), longestSilenceHours: longest / 3_600_000 }];
          }),
        );
      }

      it('judges only the two regions with activity, and finds no outage in their overnight silences', async () => {
        const regions = regionHours();
        const active = [...regions].filter(([, region]) => region.hours.size >= 3).map(([name]) => name).sort();
        // 11 regions saw only the trail's fan-out (one or two events within a few minutes); the busy ones were quiet for hours.
        expect(active).toEqual(['us-east-1', 'us-west-1']);
        expect(regions.size - active.length).toBe(11);
        expect(regions.get('us-east-1')?.longestSilenceHours).toBeGreaterThan(12);
        expect(regions.get('us-west-1')?.longestSilenceHours).toBeGreaterThan(8);
        const report = await audit('aws/cloudtrail-logs', SET, 'aws/ct-coverage', '{ window: 115h }', { asOf });
        expect(onlyTest(report)).toMatchObject({ status: 'pass', examined: 2, findings: [] });
        expect(onlyTest(report).metrics).toMatchObject({ coverage_gaps: { value: 0 }, regions_judged: { value: 2 }, regions_quiet: { value: 11 } });
      });

      it("finds the day a busy region's files are missing from the export", async () => {
        const report = await audit('aws/cloudtrail-logs', SET, 'aws/ct-coverage', '{ window: 115h }', { asOf, exclude: 'us-west-1/2021/07/31/**' });
        const gaps = onlyTest(report).findings;
        expect(onlyTest(report).status).toBe('fail');
        expect(gaps.map((gap) => gap.resource)).toEqual(['342082656213/us-west-1']);
        expect(gaps[0]?.details).toMatchObject({ region: 'us-west-1' });
        expect(Number(gaps[0]?.details?.hours)).toBeGreaterThan(23);
      });
    });

    it('reads the documented lookup-events output', async () => {
      const events = (readJson(path.join(REAL, 'lookup-events/aws-cli-docs/us-east-1/cloudtrail-lookup-events.json')) as { Events: unknown[] }).Events;
      const report = await audit('aws/cloudtrail-logs', 'lookup-events', 'aws/ct-root-activity');
      expect(report.sources[0]).toMatchObject({ status: 'ok', records: events.length, duplicates: 0 });
    });
  });

  describe('aws/cloudtrail-trails', () => {
    const sets = setsIn('cloudtrail-trails');

    it.each(sets)('reads %s, one record per trail ARN', async (set) => {
      const arns = new Set(
        filesUnder(path.join(REAL, 'cloudtrail-trails', set)).flatMap((file) => {
          const json = readJson(file) as { DescribeTrails?: { trailList: { TrailARN: string }[] }; trailList?: { TrailARN: string }[] };
          return (json.DescribeTrails?.trailList ?? json.trailList ?? []).map((trail) => trail.TrailARN);
        }),
      );
      const report = await audit('aws/cloudtrail-trails', `cloudtrail-trails/${set}`, 'aws/cloudtrail-multi-region');
      expect(report.sources[0]).toMatchObject({ status: 'ok', records: arns.size });
      expect(onlyTest(report).status).not.toBe('error');
    });

    it('credits a logging multi-region trail exported without HasCustomEventSelectors (the field is newer than the export)', async () => {
      const report = await audit('aws/cloudtrail-trails', 'cloudtrail-trails/c7n-test_account_trail', 'aws/cloudtrail-multi-region');
      const file = readFileSync(path.join(REAL, 'cloudtrail-trails/c7n-test_account_trail/us-east-1/cloudtrail-trails.json'), 'utf8');
      expect(file).not.toContain('HasCustomEventSelectors');
      expect(onlyTest(report)).toMatchObject({ status: 'pass', examined: 1 });
    });
  });

  describe('aws/iam-authorization-details', () => {
    /** Users, groups and roles the admin checks review: every principal but service-linked roles. */
    function reviewablePrincipals(file: string): number {
      const json = readJson(file) as { UserDetailList?: unknown[]; GroupDetailList?: unknown[]; RoleDetailList?: { Path: string }[] };
      const roles = (json.RoleDetailList ?? []).filter((role) => !role.Path.startsWith('/aws-service-role/'));
      return (json.UserDetailList ?? []).length + (json.GroupDetailList ?? []).length + roles.length;
    }

    it("reads cloudsplaining's boto3 download, whose dates are Python's str(datetime), exactly as its ISO-dated copy", async () => {
      const python = await audit('aws/iam-authorization-details', 'iam-authorization-details/cloudsplaining-example', 'aws/iam-admin-principals');
      const iso = await audit('aws/iam-authorization-details', 'iam-authorization-details/cloudsplaining-example-isodates', 'aws/iam-admin-principals');
      const principals = reviewablePrincipals(path.join(REAL, 'iam-authorization-details/cloudsplaining-example/iam-authorization-details.json'));
      expect(python.sources[0]).toMatchObject({ status: 'ok', records: 1 });
      expect(onlyTest(python).examined).toBe(principals);
      expect(onlyTest(python).findings.length).toBeGreaterThan(0);
      expect(JSON.stringify(onlyTest(python))).toBe(JSON.stringify(onlyTest(iso)));
    });

    it('reads the managed-policy-mismatch export', async () => {
      const report = await audit('aws/iam-authorization-details', 'iam-authorization-details/cloudsplaining-managed-policy-mismatch', 'aws/iam-admin-principals');
      const principals = reviewablePrincipals(path.join(REAL, 'iam-authorization-details/cloudsplaining-managed-policy-mismatch/iam-authorization-details.json'));
      expect(report.sources[0]?.status).toBe('ok');
      expect(onlyTest(report).examined).toBe(principals);
    });

    it('refuses the truncated documentation example as a partial export, at its IsTruncated', async () => {
      const report = await audit('aws/iam-authorization-details', 'iam-authorization-details/aws-cli-docs', 'aws/iam-admin-principals');
      const lines = readFileSync(path.join(REAL, 'iam-authorization-details/aws-cli-docs/iam-authorization-details.json'), 'utf8').split('\n');
      const line = lines.findIndex((text) => text.includes('"IsTruncated"')) + 1;
      expect(report.sources[0]?.status).toBe('error');
      expect(report.sources[0]?.error).toMatch(new RegExp(`iam-authorization-details\\.json:${line}:\\d+: Partial export: the file has "IsTruncated"`));
    });
  });

  describe('aws/iam-credential-report', () => {
    it.each(setsIn('iam-credential-report'))('reads %s, one record per row', async (set) => {
      const [file] = filesUnder(path.join(REAL, 'iam-credential-report', set));
      const text = file?.endsWith('.json')
        ? Buffer.from((readJson(file) as { Content: string }).Content, 'base64').toString('utf8')
        : readFileSync(file ?? '', 'utf8');
      const rows = text.split('\n').filter((line) => line.trim() !== '').length - 1;
      const report = await audit('aws/iam-credential-report', `iam-credential-report/${set}`, 'aws/iam-console-mfa');
      expect(report.sources[0]).toMatchObject({ status: 'ok', records: rows });
      expect(onlyTest(report).status).not.toBe('error');
    });
  });

  describe('aws/ec2-security-groups', () => {
    interface Permission {
      IpProtocol: string;
      FromPort?: number;
      ToPort?: number;
      IpRanges?: { CidrIp: string }[];
      Ipv6Ranges?: { CidrIpv6: string }[];
    }

    /** A group that lets the whole internet reach SSH or RDP: TCP over 22 or 3389, or every protocol. */
    function opensAdminPorts(permissions: readonly Permission[]): boolean {
      return permissions.some((permission) => {
        const internet = [...(permission.IpRanges ?? []).map((range) => range.CidrIp), ...(permission.Ipv6Ranges ?? []).map((range) => range.CidrIpv6)].some((cidr) => cidr.endsWith('/0'));
        const reaches = permission.IpProtocol === '-1' || (permission.IpProtocol === 'tcp' && [22, 3389].some((port) => (permission.FromPort ?? 0) <= port && port <= (permission.ToPort ?? 65535)));
        return internet && reaches;
      });
    }

    it.each(setsIn('ec2-security-groups'))('reads %s and finds the groups open to the internet on 22 or 3389', async (set) => {
      const groups = filesUnder(path.join(REAL, 'ec2-security-groups', set)).flatMap((file) => (readJson(file) as { SecurityGroups: { IpPermissions: Permission[] }[] }).SecurityGroups);
      const report = await audit('aws/ec2-security-groups', `ec2-security-groups/${set}`, 'aws/ec2-open-admin-ports');
      expect(report.sources[0]).toMatchObject({ status: 'ok', records: groups.length });
      expect(new Set(onlyTest(report).findings.map((finding) => finding.resource)).size).toBe(groups.filter((group) => opensAdminPorts(group.IpPermissions)).length);
    });
  });

  describe('the other AWS sources', () => {
    const cases: [type: string, folder: string, check: string][] = [
      ['aws/config-recorders', 'config-recorders', 'aws/config-recorder-enabled'],
      ['aws/guardduty-detectors', 'guardduty-detectors', 'aws/guardduty-enabled'],
      ['aws/iam-password-policy', 'iam-password-policy', 'aws/iam-password-policy'],
      ['aws/kms-keys', 'kms-keys', 'aws/kms-key-rotation'],
      ['aws/s3-buckets', 's3-buckets', 'aws/s3-public-access-block'],
    ];
    const sets = cases.flatMap(([type, folder, check]) => setsIn(folder).map((set) => [type, `${folder}/${set}`, check] as const));

    it.each(sets)('%s reads %s without error', async (type, set, check) => {
      const report = await audit(type, set, check);
      expect(report.sources[0]?.status, report.sources[0]?.error).toBe('ok');
      expect(onlyTest(report).status).not.toBe('error');
    });

    it('reads one record per key of the 50 recorded describe-key responses', async () => {
      const keys = new Set(filesUnder(path.join(REAL, 'kms-keys/c7n-describe-key')).map((file) => (readJson(file) as { KeyMetadata: { Arn: string } }).KeyMetadata.Arn));
      const report = await audit('aws/kms-keys', 'kms-keys/c7n-describe-key', 'aws/kms-key-rotation');
      expect(report.sources[0]).toMatchObject({ status: 'ok', records: keys.size });
    });
  });
});
