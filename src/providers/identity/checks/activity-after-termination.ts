import { defineCheck, type Finding } from '../../../kit/define-check.js';
import type { IdentitySignIn } from '../../../kit/views/identity/sign-ins.js';
import type { HrAlias } from '../../hr/sources/aliases.js';
import type { HrLeaver } from '../../hr/sources/leavers.js';
import { PeopleIndex } from '../lib/people-index.js';

/** The first successful sign-in of a leaver after termination, and every such sign-in's event id (each counted once). */
interface LeaverActivity {
  events: Set<string>;
  first: { time: number; provider: string; login: string | null; application: string | null; sourceIp: string | null };
}

interface State {
  /** By the leaver's index in the leavers input. */
  activity: Map<number, LeaverActivity>;
}

interface Join {
  index: PeopleIndex<HrLeaver>;
  /** Each leaver's place in the leavers input: the key of its activity. */
  positions: Map<HrLeaver, number>;
}

// One join per leavers list, shared by every file a thread visits: built once, not per file.
const joins = new WeakMap<readonly HrLeaver[], Join>();

function joinOf(leavers: readonly HrLeaver[], aliases: readonly HrAlias[]): Join {
  let join = joins.get(leavers);
  if (join === undefined) {
    join = { index: new PeopleIndex(leavers, aliases), positions: new Map(leavers.map((leaver, position) => [leaver, position])) };
    joins.set(leavers, join);
  }
  return join;
}

/** The sign-in as far as joining goes: an account of its provider with its login (an e-mail login counts as an e-mail). */
function asAccount(signIn: IdentitySignIn) {
  const login = signIn.login ?? '';
  return { provider: signIn.provider, login, emails: login.includes('@') ? [login.toLowerCase()] : [], employeeId: null };
}

export default defineCheck({
  id: 'identity/activity-after-termination',
  title: 'Leavers do not sign in after they leave',
  description:
    'Streams the sign-ins of every bound log that offers identity/sign-ins (Okta System Log, Entra sign-ins, the GitHub audit log, CloudTrail console sign-ins) and joins each to the HR leavers by login (as an e-mail) and the alias table. A successful sign-in after a leaver\'s termination is the strongest proof that revocation failed: a finding per leaver, with the first such sign-in and how many there were (each event once).',
  inputs: { signIns: 'identity/sign-ins', leavers: 'hr/leavers', aliases: 'hr/aliases' },
  optionalInputs: ['aliases'],
  remediation:
    'Revoke the leaver\'s sessions and accounts now, review what the account did after the termination time (the log holds it), and treat it as a security incident if the access was not sanctioned.',
  metrics: {
    leavers_active_after_termination: 'Leavers with at least one successful sign-in after their termination',
    sign_ins_after_termination: 'Successful sign-ins by leavers after their termination, each event once',
  },
  criteria: { soc2: ['CC6.2', 'CC7.2'], 'pci-dss-4': ['8.2.5'], 'iso27001-2022': ['A.5.18'] },
  resourceExample: 'lee@example.org',
  visitor: {
    input: 'signIns',
    init: (): State => ({ activity: new Map() }),
    visit(state, signIn, { inputs: { leavers, aliases } }) {
      if (!signIn.success) return;
      const { index, positions } = joinOf(leavers, aliases);
      for (const leaver of index.peopleOf(asAccount(signIn))) {
        const key = positions.get(leaver);
        if (key === undefined || signIn.time <= leaver.terminated.getTime()) continue;
        const known = state.activity.get(key);
        const first = { time: signIn.time, provider: signIn.provider, login: signIn.login, application: signIn.application, sourceIp: signIn.sourceIp };
        if (known === undefined) state.activity.set(key, { events: new Set([`${signIn.provider}\u0000${signIn.eventId}`]), first });
        else {
          known.events.add(`${signIn.provider}\u0000${signIn.eventId}`);
          if (signIn.time < known.first.time) known.first = first;
        }
      }
    },
    merge(a, b) {
      for (const [key, activity] of b.activity) {
        const known = a.activity.get(key);
        if (known === undefined) a.activity.set(key, activity);
        else {
          for (const event of activity.events) known.events.add(event);
          if (activity.first.time < known.first.time) known.first = activity.first;
        }
      }
      return a;
    },
    finish(state, { inputs: { leavers }, asOf }) {
      const judged = leavers.filter((leaver) => leaver.terminated.getTime() <= asOf.getTime());
      const findings: Finding[] = [...state.activity.entries()]
        .sort(([a], [b]) => a - b)
        .flatMap(([key, { events, first }]) => {
          const leaver = leavers[key];
          if (leaver === undefined) return [];
          const where = [first.application && `to ${first.application}`, first.sourceIp && `from ${first.sourceIp}`].filter(Boolean).join(' ');
          return [
            {
              resource: leaver.email ?? leaver.employeeId ?? '?',
              message: `leaver ${leaver.email ?? leaver.employeeId ?? '?'}, terminated ${leaver.terminated.toISOString()}, signed in ${events.size === 1 ? 'once' : `${events.size} times`} after leaving: first ${new Date(first.time).toISOString()} as ${first.provider} ${first.login ?? '?'}${where ? ` ${where}` : ''}`,
              details: {
                terminated: leaver.terminated.toISOString(),
                sign_ins: events.size,
                first_sign_in: { time: new Date(first.time).toISOString(), provider: first.provider, login: first.login, application: first.application, source_ip: first.sourceIp },
              },
            },
          ];
        });
      return {
        examined: judged.length,
        findings,
        metrics: { leavers_active_after_termination: findings.length, sign_ins_after_termination: [...state.activity.values()].reduce((sum, activity) => sum + activity.events.size, 0) },
      };
    },
  },
});
