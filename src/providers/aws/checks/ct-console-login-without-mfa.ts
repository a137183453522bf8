import type { CloudTrailRecord } from '../sources/cloudtrail-logs.js';
import { defineCheck } from '../../../kit/define-check.js';
import { percentage } from '../../../kit/percentage.js';
import { eventFinding, orderedFindings, principalArn, whereAndWhen, type EventFinding } from '../lib/cloudtrail-event-findings.js';

interface State {
  /** Successful IAM-user console sign-ins by event id (each once, though CloudTrail may deliver it twice) → MFA used. */
  logins: Map<string, boolean>;
  matches: EventFinding[];
}

function isIamUserConsoleLogin(record: CloudTrailRecord): boolean {
  return (
    record.eventName === 'ConsoleLogin' &&
    record.eventSource === 'signin.amazonaws.com' &&
    record.userIdentity.type === 'IAMUser' &&
    record.consoleLogin === 'Success'
  );
}

export default defineCheck({
  id: 'aws/ct-console-login-without-mfa',
  title: 'IAM users sign in to the console with MFA',
  description:
    'Every successful console sign-in of an IAM user in CloudTrail used MFA (`ConsoleLogin` with `additionalEventData.MFAUsed: "No"` is a finding). This is what the logs say happened, where aws/iam-console-mfa says what is configured: a user can have an MFA device and still sign in without it when no policy requires it. Root sign-ins are reported by aws/ct-root-activity; federated (assumed-role) sign-ins are left out, as MFA happens at the identity provider.',
  inputs: { events: 'aws/cloudtrail-logs' },
  metrics: {
    console_logins: 'Successful IAM-user console sign-ins in the logs.',
    console_logins_without_mfa: 'Those of them without MFA.',
    console_login_mfa_pct: 'Percentage of successful IAM-user console sign-ins that used MFA (omitted when there are none).',
  },
  remediation:
    'Ask each listed user why they signed in without MFA and make sure they have a device; then enforce it: attach a policy that denies every action without `aws:MultiFactorAuthPresent` (or move console access to IAM Identity Center with MFA required). Investigate sign-ins from unexpected addresses.',
  criteria: {
    'cis-aws-3': ['1.10', '4.2'],
    soc2: ['CC6.1', 'CC7.2'],
    'pci-dss-4': ['8.4.1', '10.2.1.2'],
    'iso27001-2022': ['A.8.5', 'A.8.16'],
  },
  visitor: {
    visits: ['ConsoleLogin'],
    init: (): State => ({ logins: new Map(), matches: [] }),
    visit(state, record) {
      if (!isIamUserConsoleLogin(record)) return;
      const withMfa = record.mfaUsed !== 'No';
      state.logins.set(record.eventID, withMfa);
      if (withMfa) return;
      const user = record.userIdentity.userName ?? 'unknown';
      state.matches.push(eventFinding(record, principalArn(record), `IAM user ${user} signed in to the console without MFA ${whereAndWhen(record)}`));
    },
    merge(a, b) {
      for (const [eventID, withMfa] of b.logins) a.logins.set(eventID, withMfa);
      for (const match of b.matches) a.matches.push(match);
      return a;
    },
    finish(state) {
      const findings = orderedFindings(state.matches);
      const logins = state.logins.size;
      if (logins === 0) return { examined: 0, findings };
      const pct = percentage(logins - findings.length, logins);
      return {
        examined: logins,
        findings,
        metrics: { console_logins: logins, console_logins_without_mfa: findings.length, console_login_mfa_pct: pct },
      };
    },
  },
});
