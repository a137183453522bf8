import { z } from 'zod';
import { addEvent, createCoverage, mergeCoverage, type CoverageState, type StreamBuckets } from '../../../kit/coverage.js';
import { addDuration, DURATION_UNITS, formatSpan, parseDuration, type Duration } from '../../../core/time.js';
import { fixedDurationParam } from '../../../kit/params.js';
import type { Finding } from '../../../kit/define-check.js';
import { defineCheck } from '../../../kit/define-check.js';
import { formatEventTime } from '../lib/cloudtrail-event-findings.js';
import { ACTIVE_HOURS, judgeSilences, type Gap } from '../lib/activity-silences.js';
import { judgeDigests, type DigestCoverage, type DigestVerdict } from '../lib/digest-chain.js';

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
  regions: z
    .union([z.literal('active'), z.array(z.string().min(1)).min(1)], { error: 'Expected "active" or a list of region names like [us-east-1, eu-west-1]' })
    .prefault('active')
    .describe(`The regions expected to log, in every account of the logs: a list of region names, or \`active\`: each region with events in at least ${ACTIVE_HOURS} distinct clock hours of the logs (a trail's creation, or a console listing every region, touches quiet regions for a minute or two; that is not activity that must go on).`),
  silence_probability: z
    .number({ error: 'Expected a probability like 1e-6' })
    .gt(0, 'Expected a probability above 0, like 1e-6')
    .lt(1, 'Expected a probability below 1, like 1e-6')
    .prefault(1e-6)
    .describe("A silence is a gap when the chance of it, at the region's own activity rate, is below this."),
  min_gap: fixedDurationParam
    .refine((duration) => duration.ms >= HOUR_MS, 'Expected a min_gap of at least 1h: events are counted per clock hour')
    .prefault('1h')
    .describe('The shortest silence that can be a gap, however busy the region, e.g. `1h`.'),
  max_gap: fixedDurationParam.optional().describe('A silence longer than this is a gap however quiet the region, e.g. `7d`; default: none.'),
});

interface State {
  windowStart: number;
  windowEnd: number;
  /** Events inside the window, per account and region, by clock hour. */
  inside: CoverageState;
  /** Events outside the window, likewise: they count towards a region being active. */
  outside: CoverageState;
  /** Log file name → SHA-256 of its content, kept only when digests are bound. */
  logHashes: Map<string, string> | null;
}

function windowStartOf(asOf: Date, window: Duration): number {
  return addDuration(asOf, { ...window, amount: -window.amount }).getTime();
}

function formatProbability(probability: number): string {
  return probability === 0 ? '0' : probability.toExponential(1).replace('.0e', 'e');
}

const streamKey = (scope: readonly string[]): string => scope.join('/');

/** Every account/region of the logs (inside the window or not) with its buckets on either side. */
function streamsOf(state: State): Map<string, { scope: readonly string[]; inside?: StreamBuckets; outside?: StreamBuckets }> {
  const streams = new Map<string, { scope: readonly string[]; inside?: StreamBuckets; outside?: StreamBuckets }>();
  for (const [side, coverage] of [['inside', state.inside], ['outside', state.outside]] as const) {
    for (const stream of coverage.streams.values()) {
      const key = streamKey(stream.scope);
      streams.set(key, { scope: stream.scope, ...streams.get(key), [side]: stream });
    }
  }
  return streams;
}

/** Whether a region counts under `regions`: listed, or active (busy in enough distinct clock hours). */
function isExpected(regions: 'active' | readonly string[], region: string, inside: StreamBuckets | undefined, outside: StreamBuckets | undefined): boolean {
  if (regions !== 'active') return regions.includes(region);
  const hours = new Set([...(inside?.buckets.keys() ?? []), ...(outside?.buckets.keys() ?? [])]);
  return hours.size >= ACTIVE_HOURS;
}

function digestGapMessage(id: string, gap: DigestCoverage['gaps'][number], windowText: string): string {
  const from = `${formatEventTime(gap.from)}${gap.edge === 'start' ? ` (start of the ${windowText})` : ''}`;
  const to = `${formatEventTime(gap.to)}${gap.edge === 'end' ? ' (as-of)' : ''}`;
  return `no CloudTrail digest covers ${id} from ${from} to ${to}: ${formatSpan(gap.to - gap.from)}; with log file validation on, CloudTrail delivers a digest every hour, even for an hour without events`;
}

function digestMetrics(verdict: DigestVerdict | undefined): Record<string, number> {
  if (!verdict) return {};
  return { digests: verdict.digests, digest_log_files: verdict.logFiles, digest_signatures_verified: verdict.signaturesVerified, digest_signatures_unverified: verdict.signaturesUnverified };
}

function gapMessage(id: string, gap: Gap, windowText: string, probabilityLimit: number, maxGap: string | undefined): string {
  const from = `${formatEventTime(gap.from)}${gap.edge === 'start' ? ` (start of the ${windowText})` : ''}`;
  const to = `${formatEventTime(gap.to)}${gap.edge === 'end' ? ' (as-of)' : ''}`;
  const why =
    gap.probability < probabilityLimit
      ? `at the region's activity either side (λ = ${Math.round(gap.ratePerHour * 100) / 100}/h) a silence this long has a chance of ${formatProbability(gap.probability)}, below silence_probability ${formatProbability(probabilityLimit)}`
      : `longer than max_gap ${maxGap ?? ''}`;
  return `no CloudTrail events for ${id} from ${from} to ${to}: ${formatSpan(gap.to - gap.from)}; ${why}`;
}

export default defineCheck({
  id: 'aws/ct-coverage',
  title: 'CloudTrail logs cover the audit window without outages',
  description: [
    'For every account and each region expected to log (`regions`), CloudTrail events cover the `window` ending at as-of without an outage: not at the start of the window, not between two events, not before as-of.',
    `A region with nothing to log delivers nothing, so silence alone is not an outage. A silence of t hours is a gap when the region's own activity makes it improbable: λ is the hourly rate of a Poisson process whose chance of an empty hour matches the region's share of empty clock hours in the window before the silence, and likewise after it (one empty and one busy hour added to each, so a few busy hours claim no certainty); with the lower λ of the two sides (the only one at either end of the window), the silence is a gap when exp(−λ·t) < \`silence_probability\` (default 1e-6) and t > \`min_gap\` (default 1h), or when t > \`max_gap\` if set. Busy hours, not events, are counted, so a burst of calls does not pass for a busy day. With \`regions: active\` (the default), a region counts when it has events in at least ${ACTIVE_HOURS} distinct clock hours of the logs, inside the window or not; a region with none in the window is then a gap as a whole.`,
    'Where digest files are bound (`digests`, aws/cloudtrail-digests) they decide instead, for each account and region they cover: CloudTrail delivers a digest every hour, even for an hour without events, so a stretch of the window no digest covers (more than 5 minutes between two digests, more than 2h before as-of) is a gap; a log file a digest lists that is absent from the export, or whose uncompressed content has another SHA-256 than the digest\'s `hashValue`, is a finding (deleted or modified), as is a previous digest of the window that is absent or whose SHA-256 differs from the next digest\'s `previousDigestHashValue`. With `keys` (aws/cloudtrail-public-keys) each digest\'s SHA256withRSA signature is verified as `aws cloudtrail validate-logs` does; the signature is S3 object metadata that a download does not keep, so it is taken from the next digest\'s `previousDigestSignature`, and the newest digest of each chain is counted as unverified (`digest_signatures_unverified`), as is every digest when no keys are bound: not a finding.',
    'A detection control whose logs cover three days of a ninety-day audit window has not been shown to work, and every other log check only sees what is there.',
  ].join(' '),
  inputs: { events: 'aws/cloudtrail-logs', digests: 'aws/cloudtrail-digests', keys: 'aws/cloudtrail-public-keys' },
  optionalInputs: ['digests', 'keys'],
  params,
  metrics: {
    coverage_pct: 'Lowest share of the window, across the accounts and regions judged, that is not inside a gap (percent).',
    coverage_gaps: 'Gaps, all accounts and regions judged.',
    regions_judged: 'Account/region pairs judged (expected to log).',
    regions_quiet: 'Account/region pairs in the logs left out as not active (only with `regions: active`).',
    digests: 'Digest files of the window (only with digests bound).',
    digest_log_files: 'Log files the digests of the window list.',
    digest_signatures_verified: 'Digests whose signature verified against the exported public keys.',
    digest_signatures_unverified: 'Digests whose signature could not be checked: the newest of each chain (its signature is only in S3 metadata), or all without a public keys input.',
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
    input: 'events',
    init: ({ params: { window }, asOf, inputs }): State => ({
      windowStart: windowStartOf(asOf, window),
      windowEnd: asOf.getTime(),
      inside: createCoverage(HOUR_MS),
      outside: createCoverage(HOUR_MS),
      logHashes: inputs.digests.length > 0 ? new Map() : null,
    }),
    visitFile(state, file) {
      state.logHashes?.set(file.path.slice(file.path.lastIndexOf('/') + 1), file.contentSha256);
    },
    // The source's coverage point is the record's account (accountOf) and region, and its time: no record is parsed for it.
    visitCoverage(state, { scope, time }) {
      const inside = time >= state.windowStart && time <= state.windowEnd;
      addEvent(inside ? state.inside : state.outside, scope, time);
    },
    merge(a, b) {
      mergeCoverage(a.inside, b.inside);
      mergeCoverage(a.outside, b.outside);
      if (a.logHashes && b.logHashes) for (const [name, hash] of b.logHashes) a.logHashes.set(name, hash);
      return a;
    },
    finish(state, { params: { window, regions, silence_probability, min_gap, max_gap }, inputs }) {
      const windowText = `${window.text} window`;
      const windowMs = state.windowEnd - state.windowStart;
      const rule = { windowStart: state.windowStart, windowEnd: state.windowEnd, probability: silence_probability, minGapMs: min_gap.ms, maxGapMs: max_gap?.ms };
      const findings: Finding[] = [];
      let lowestPct = 100;
      let judged = 0;
      let quiet = 0;
      const verdict = inputs.digests.length > 0 ? judgeDigests({ digests: inputs.digests, keys: inputs.keys, logHashes: state.logHashes ?? new Map(), windowStart: state.windowStart, windowEnd: state.windowEnd }) : undefined;
      // Where digests exist they decide: CloudTrail delivers one every hour, so a region without events still shows it logs.
      const byDigests = new Map((verdict?.coverage ?? []).map((coverage) => [`${coverage.account}/${coverage.region}`, coverage.gaps]));
      const streams = streamsOf(state);
      for (const { account, region } of verdict?.coverage ?? []) if (!streams.has(`${account}/${region}`)) streams.set(`${account}/${region}`, { scope: [account, region] });
      const accounts = new Set([...streams.values()].map((stream) => stream.scope[0] ?? ''));
      // Listed regions are expected in every account of the logs, with events or not.
      if (regions !== 'active') for (const account of accounts) for (const region of regions) if (!streams.has(`${account}/${region}`)) streams.set(`${account}/${region}`, { scope: [account, region] });
      for (const [id, { scope, inside, outside }] of [...streams].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
        const [account = '', region = ''] = scope;
        const digestGaps = byDigests.get(id);
        if (digestGaps) {
          judged += 1;
          lowestPct = Math.min(lowestPct, Math.round((1 - digestGaps.reduce((sum, gap) => sum + (gap.to - gap.from), 0) / windowMs) * 1000) / 10);
          for (const gap of digestGaps) {
            findings.push({ resource: id, message: digestGapMessage(id, gap, windowText), details: { account, region, from: formatEventTime(gap.from), to: formatEventTime(gap.to), hours: Math.round(((gap.to - gap.from) / HOUR_MS) * 10) / 10 } });
          }
          continue;
        }
        if (!isExpected(regions, region, inside, outside)) {
          quiet += 1;
          continue;
        }
        judged += 1;
        if (!inside) {
          lowestPct = 0;
          const elsewhere = outside ? `its ${outside.events} events are all outside it` : 'it has no events at all';
          findings.push({ resource: id, message: `no CloudTrail events for ${id} in the ${windowText} from ${formatEventTime(state.windowStart)} to ${formatEventTime(state.windowEnd)}: ${elsewhere}`, details: { account, region } });
          continue;
        }
        const gaps = judgeSilences([...inside.buckets.values()], rule);
        const uncovered = gaps.reduce((sum, gap) => sum + (gap.to - gap.from), 0);
        lowestPct = Math.min(lowestPct, Math.round((1 - uncovered / windowMs) * 1000) / 10);
        for (const gap of gaps) {
          findings.push({
            resource: id,
            message: gapMessage(id, gap, windowText, silence_probability, max_gap?.text),
            details: {
              account,
              region,
              from: formatEventTime(gap.from),
              to: formatEventTime(gap.to),
              hours: Math.round(((gap.to - gap.from) / HOUR_MS) * 10) / 10,
              rate_per_hour: Math.round(gap.ratePerHour * 1000) / 1000,
              probability: Number(gap.probability.toPrecision(2)),
            },
          });
        }
      }
      const gaps = findings.length;
      for (const problem of [...(verdict?.problems ?? [])].sort((x, y) => (x.resource < y.resource ? -1 : x.resource > y.resource ? 1 : 0))) findings.push(problem);
      const metrics = { coverage_pct: lowestPct, coverage_gaps: gaps, regions_judged: judged, ...(regions === 'active' ? { regions_quiet: quiet } : {}), ...digestMetrics(verdict) };
      if (judged === 0) return { examined: 0, findings };
      return { examined: judged, findings, metrics };
    },
  },
});
