import { z } from 'zod';
import type { CloudTrailRecord } from '../sources/cloudtrail-logs.js';
import { addEvent, coverageStreams, createCoverage, mergeCoverage, type CoverageGap, type CoverageState } from '../../../kit/coverage.js';
import { addDuration, DURATION_UNITS, parseDuration, type Duration } from '../../../core/time.js';
import { fixedDurationParam } from '../../../kit/params.js';
import type { Finding } from '../../../kit/define-check.js';
import { defineCheck } from '../../../kit/define-check.js';
import { accountOf, formatEventTime } from '../lib/cloudtrail-event-findings.js';

const HOUR_MS = 3_600_000;

const params = z.strictObject({
  window: z
    .string({ error: 'Expected a duration like 90d, 12w or 3mo' })
    .transform((text, context): Duration => {
      const duration = parseDuration(text);
      if (duration && duration.amount > 0) return duration;
      context.addIssue({ code: 'custom', message: `Invalid window "${text}": expected a positive number and a unit: ${DURATION_UNITS} (e.g. 90d)` });
      return z.NEVER;
    })
    .describe('The audit window ending at as-of that the logs must cover, e.g. `90d`.'),
  max_gap: fixedDurationParam
    .prefault('6h')
    .describe('The longest stretch without events allowed, inside the window and at either end, e.g. `6h`.'),
});

interface State {
  windowStart: number;
  windowEnd: number;
  /** Events inside the window, per account and region. */
  inside: CoverageState;
  /** Account/region streams seen only outside the window (`account/region` → events). */
  outside: Map<string, number>;
}

/** A stretch without events in one stream, and what bounds it. */
interface Hole extends CoverageGap {
  fromLabel: string;
  toLabel: string;
}

function streamId(account: string, region: string): string {
  return `${account}/${region}`;
}

function windowStartOf(asOf: Date, window: Duration): number {
  return addDuration(asOf, { ...window, amount: -window.amount }).getTime();
}

function formatSpan(ms: number): string {
  const hours = ms / HOUR_MS;
  return hours < 48 ? `${Math.round(hours * 10) / 10}h` : `${Math.round((hours / 24) * 10) / 10} days`;
}

export default defineCheck({
  id: 'aws/ct-coverage',
  title: 'CloudTrail logs cover the audit window without gaps',
  description:
    'For every account and region in the logs, CloudTrail events cover the whole `window` ending at as-of, with no stretch longer than `max_gap` without events: not at the start of the window, not between two events, not before as-of. A detection control whose logs cover three days of a ninety-day audit window has not been shown to work, and every other log check only sees what is there.',
  inputs: { events: 'aws/cloudtrail-logs' },
  params,
  metrics: {
    coverage_pct: 'Lowest share of the window, across accounts and regions, that is not inside a gap (percent).',
    coverage_gaps: 'Stretches without events longer than max_gap, all accounts and regions.',
  },
  remediation:
    'Export the missing days (the S3 files of the trail, or `aws cloudtrail lookup-events` for the last 90 days). If the logs do not exist, find out why: a stopped trail (aws/ct-logging-tampering), a region the trail does not cover (aws/cloudtrail-multi-region), or a delivery error (`get-trail-status`); then fix it, and record the gap as an exception with its reason.',
  criteria: {
    'cis-aws-3': ['3.1'],
    soc2: ['CC7.2'],
    'pci-dss-4': ['10.2.1', '10.5.1', '10.7.2'],
    'iso27001-2022': ['A.8.15', 'A.8.16'],
  },
  visitor: {
    init: ({ params: { window, max_gap }, asOf }): State => ({
      windowStart: windowStartOf(asOf, window),
      windowEnd: asOf.getTime(),
      inside: createCoverage(max_gap.ms),
      outside: new Map(),
    }),
    visit(state, record: CloudTrailRecord) {
      const account = accountOf(record);
      if (record.eventTime >= state.windowStart && record.eventTime <= state.windowEnd) {
        addEvent(state.inside, [account, record.awsRegion], record.eventTime);
      } else {
        const id = streamId(account, record.awsRegion);
        state.outside.set(id, (state.outside.get(id) ?? 0) + 1);
      }
    },
    merge(a, b) {
      mergeCoverage(a.inside, b.inside);
      for (const [id, events] of b.outside) a.outside.set(id, (a.outside.get(id) ?? 0) + events);
      return a;
    },
    finish(state, { params: { window, max_gap } }) {
      const windowText = `${window.text} window`;
      const streams = coverageStreams(state.inside);
      const covered = new Set(streams.map((stream) => stream.scope.join('/')));
      const findings: (Finding & { from: number })[] = [];
      let lowestPct = 100;
      let gaps = 0;
      for (const stream of streams) {
        const id = stream.scope.join('/');
        const holes: Hole[] = [
          { from: state.windowStart, to: stream.first, fromLabel: ` (start of the ${windowText})`, toLabel: '' },
          ...stream.gaps.map((gap) => ({ ...gap, fromLabel: '', toLabel: '' })),
          { from: stream.last, to: state.windowEnd, fromLabel: '', toLabel: ' (as-of)' },
        ].filter((hole) => hole.to - hole.from > max_gap.ms);
        const uncovered = holes.reduce((sum, hole) => sum + (hole.to - hole.from), 0);
        lowestPct = Math.min(lowestPct, Math.round((1 - uncovered / (state.windowEnd - state.windowStart)) * 1000) / 10);
        gaps += holes.length;
        for (const hole of holes) {
          findings.push({
            from: hole.from,
            resource: id,
            message: `no CloudTrail events for ${id} from ${formatEventTime(hole.from)}${hole.fromLabel} to ${formatEventTime(hole.to)}${hole.toLabel}: ${formatSpan(hole.to - hole.from)}, longer than max_gap ${max_gap.text}`,
            details: { account: stream.scope[0], region: stream.scope[1], from: formatEventTime(hole.from), to: formatEventTime(hole.to), hours: Math.round(((hole.to - hole.from) / HOUR_MS) * 10) / 10 },
          });
        }
      }
      const outsideOnly = [...state.outside.keys()].filter((id) => !covered.has(id)).sort();
      for (const id of outsideOnly) {
        lowestPct = 0;
        gaps += 1;
        findings.push({
          from: state.windowStart,
          resource: id,
          message: `no CloudTrail events for ${id} in the ${windowText} from ${formatEventTime(state.windowStart)} to ${formatEventTime(state.windowEnd)}: its ${state.outside.get(id)} events are all outside it`,
        });
      }
      const ordered: Finding[] = findings
        .sort((x, y) => (x.resource < y.resource ? -1 : x.resource > y.resource ? 1 : x.from - y.from))
        .map(({ from: _from, ...finding }) => finding);
      const examined = streams.length + outsideOnly.length;
      if (examined === 0) return { examined, findings: ordered };
      return { examined, findings: ordered, metrics: { coverage_pct: lowestPct, coverage_gaps: gaps } };
    },
  },
});
