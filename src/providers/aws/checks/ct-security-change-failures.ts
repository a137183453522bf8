import { z } from 'zod';
import { compareText } from '../../../core/compare.js';
import { formatSpan } from '../../../core/time.js';
import type { Finding } from '../../../kit/define-check.js';
import { defineCheck } from '../../../kit/define-check.js';
import { fixedDurationParam } from '../../../kit/params.js';
import { percentage } from '../../../kit/percentage.js';
import { eventContext, eventDetails } from '../lib/cloudtrail-event-findings.js';
import { SETTING_CALLS, settingChanges, type SettingChange } from '../lib/security-settings.js';
import type { CloudTrailRecord } from '../sources/cloudtrail-logs.js';

const params = z.strictObject({
  revert_window: fixedDurationParam
    .prefault('7d')
    .describe('A change put back within this long after it is a failed change, e.g. `24h` or `7d`.'),
});

/** One setting one call changed, with what a finding says of the call: plain data, so it crosses worker threads. */
interface LoggedChange extends SettingChange {
  eventID: string;
  eventTime: number;
  /** `by IAM user alice at … (event …)`. */
  context: string;
  details: Record<string, unknown>;
}

interface State {
  changes: LoggedChange[];
}

/** A change and the call that put it back. */
interface RevertedPair {
  change: LoggedChange;
  revert: LoggedChange;
}

function byTime(a: LoggedChange, b: LoggedChange): number {
  return a.eventTime - b.eventTime || compareText(a.eventID, b.eventID) || compareText(a.setting, b.setting);
}

/** Each setting's changes in log order, each (call, setting) once: CloudTrail can deliver an event in two files. */
function changesBySetting(changes: readonly LoggedChange[]): Map<string, LoggedChange[]> {
  const seen = new Set<string>();
  const settings = new Map<string, LoggedChange[]>();
  for (const change of [...changes].sort(byTime)) {
    const key = `${change.eventID}\u0000${change.setting}`;
    if (seen.has(key)) continue;
    seen.add(key);
    settings.set(change.setting, [...(settings.get(change.setting) ?? []), change]);
  }
  return settings;
}

/**
 * Walks one setting's calls: a call that leaves the state as it was is no change; one that puts back the state the
 * latest change replaced, within the window, reverts it (and is not itself a change); any other call is a change.
 */
function judgeSetting(calls: readonly LoggedChange[], windowMs: number): { changed: LoggedChange[]; reverted: RevertedPair[] } {
  const changed: LoggedChange[] = [];
  const reverted: RevertedPair[] = [];
  let state: string | null = null;
  let latest: { change: LoggedChange; before: string | null } | null = null;
  for (const call of calls) {
    const before = call.before ?? state;
    if (before !== null && before === call.after) continue;
    const putsBack =
      latest !== null &&
      call.eventTime - latest.change.eventTime <= windowMs &&
      ((latest.before !== null && latest.before === call.after) || (call.restoresEarlierVersion === true && latest.change.after.startsWith('created:')));
    if (latest !== null && putsBack) {
      reverted.push({ change: latest.change, revert: call });
      latest = null;
    } else {
      changed.push(call);
      latest = { change: call, before };
    }
    state = call.after;
  }
  return { changed, reverted };
}

/** One finding per changing call and the call that reverted it, naming every setting the pair covers. */
function pairFindings(pairs: readonly RevertedPair[]): Finding[] {
  const byCalls = new Map<string, RevertedPair[]>();
  for (const pair of pairs) {
    const key = `${pair.change.eventID}\u0000${pair.revert.eventID}`;
    byCalls.set(key, [...(byCalls.get(key) ?? []), pair]);
  }
  return [...byCalls.values()]
    .sort(([a], [b]) => (a && b ? byTime(a.change, b.change) || byTime(a.revert, b.revert) : 0))
    .flatMap((group) => {
      const first = group[0];
      if (!first) return [];
      const { change, revert } = first;
      const labels = [...new Set(group.map((pair) => pair.change.label))];
      return [
        {
          resource: change.resource,
          message: `${labels.join(', ')} changed ${change.context}, put back ${formatSpan(revert.eventTime - change.eventTime)} later ${revert.context}`,
          details: { settings: labels, change: change.details, revert: revert.details },
        },
      ];
    });
}

export default defineCheck({
  id: 'aws/ct-security-change-failures',
  title: 'Security policy changes hold: few are rolled back',
  description:
    'The change-failure rate of security policy, from CloudTrail: a successful change to an IAM inline policy (`Put*Policy`, `Delete*Policy`), a managed policy attachment (`Attach*Policy`, `Detach*Policy`), a managed policy\'s default version (`CreatePolicyVersion` with `setAsDefault`), a security group rule (`Authorize`/`RevokeSecurityGroupIngress`/`Egress`, one setting per protocol, ports and peer), an organization policy such as an SCP (`UpdatePolicy` of its content, `AttachPolicy`, `DetachPolicy`), a bucket policy (`PutBucketPolicy`, `DeleteBucketPolicy`) or a KMS key policy (`PutKeyPolicy`) is a failed change when the same setting is put back to the state the change replaced within `revert_window`: the same rule revoked after it was authorised (or authorised again after it was revoked), the policy detached after it was attached, a document put back to the one the log showed before, a deleted policy restored, or `SetDefaultPolicyVersion` after `CreatePolicyVersion` made a new version the default. The state before a change is known where the call implies it (a rule is authorised only where absent) or where the log shows an earlier call on the setting; a first document change with nothing before it in the logs cannot be paired. Documents are compared after decoding and normalising, so key order and encoding do not matter. A call that leaves a setting as it was is no change; the call that puts a change back is not counted as a change itself. Rules revoked by `securityGroupRuleIds` cannot be paired and are left out. Each reverted pair is a finding naming both calls; an accepted rollback goes into an exception naming the resource.',
  inputs: { events: 'aws/cloudtrail-logs' },
  params,
  metrics: {
    security_changes: 'Successful calls that changed a security setting, not counting the calls that put a change back.',
    security_changes_reverted: 'Of those, the calls put back within the window.',
    security_change_failure_rate_pct: 'Reverted changes as a percentage of changes; left out when the logs hold no change.',
  },
  remediation:
    'Review each reverted change: what it broke, why the review before it did not catch that, and whether the rollback left the setting as intended. Test security policy changes before they reach production (IAM Access Analyzer policy checks, a staging account) and keep policy in code review.',
  criteria: {
    soc2: ['CC8.1', 'CC6.1'],
    'pci-dss-4': ['6.5.1', '6.5.2'],
    'iso27001-2022': ['A.8.32', 'A.8.9'],
  },
  resourceExample: 'arn:aws:iam::210987654321:role/deploy',
  visitor: {
    visits: SETTING_CALLS,
    init: (): State => ({ changes: [] }),
    visit(state, record: CloudTrailRecord) {
      if (record.errorCode !== null) return;
      const changes = settingChanges(record);
      if (changes.length === 0) return;
      const context = eventContext(record);
      const details = eventDetails(record);
      for (const change of changes) state.changes.push({ ...change, eventID: record.eventID, eventTime: record.eventTime, context, details });
    },
    merge(a, b) {
      for (const change of b.changes) a.changes.push(change);
      return a;
    },
    finish(state, { params: { revert_window: window } }) {
      const changedCalls = new Set<string>();
      const pairs: RevertedPair[] = [];
      for (const calls of changesBySetting(state.changes).values()) {
        const judged = judgeSetting(calls, window.ms);
        for (const call of judged.changed) changedCalls.add(call.eventID);
        pairs.push(...judged.reverted);
      }
      const revertedCalls = new Set(pairs.map((pair) => pair.change.eventID));
      const changes = changedCalls.size;
      return {
        examined: changes,
        findings: pairFindings(pairs),
        metrics: {
          security_changes: changes,
          security_changes_reverted: revertedCalls.size,
          ...(changes === 0 ? {} : { security_change_failure_rate_pct: percentage(revertedCalls.size, changes) }),
        },
      };
    },
  },
});
