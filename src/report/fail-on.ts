// What makes a command exit 1: `--fail-on` of `run` and of `exceptions`, parsed by one grammar.
import { UserError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import { isExpiringSoon } from '../exceptions/exception-status.js';
import type { ExceptionResult, Report } from './model.js';

export const FAIL_ON_CONDITIONS = [
  'ineffective',
  'paper-only',
  'error',
  'stale-evidence',
  'missing-evidence',
  'expired-exceptions',
  'expiring-exceptions',
  'vacuous',
  'unplanned-divergence',
  'overdue-actions',
] as const;

export type FailOnCondition = (typeof FAIL_ON_CONDITIONS)[number];

export const DEFAULT_FAIL_ON = 'ineffective,expired-exceptions';

/** What `controlproof exceptions --fail-on` can fail on. */
export const EXCEPTION_FAIL_ON_CONDITIONS = ['expired', 'expiring'] as const;

export type ExceptionFailOnCondition = (typeof EXCEPTION_FAIL_ON_CONDITIONS)[number];

export const DEFAULT_EXCEPTION_FAIL_ON = 'expired';

/** A `--fail-on` value: a comma list of `known` conditions, or `none` for the empty set. */
export function parseConditions<C extends string>(text: string, known: readonly C[]): C[] {
  const items = text.split(',').map((item) => item.trim());
  if (items.every((item) => item === '')) {
    throw new UserError('--fail-on needs a condition', { hint: `Give a comma list of ${known.join(', ')}, or none to never fail.` });
  }
  if (items.includes('none')) {
    if (items.length === 1) return [];
    throw new UserError(`--fail-on "${text}" combines none with conditions`, { hint: 'Use none alone (never fail), or only conditions.' });
  }
  return items.filter(Boolean).map((item) => {
    const condition = known.find((candidate) => candidate === item);
    if (!condition) {
      throw new UserError(`Unknown --fail-on condition "${item}": expected a comma list of ${known.join(', ')}, or none`, {
        hint: didYouMean(item, [...known, 'none'], `For example --fail-on ${known.slice(0, 2).join(',')}, or --fail-on none.`),
      });
    }
    return condition;
  });
}

export const parseFailOn = (text: string): FailOnCondition[] => parseConditions(text, FAIL_ON_CONDITIONS);
export const parseExceptionFailOn = (text: string): ExceptionFailOnCondition[] => parseConditions(text, EXCEPTION_FAIL_ON_CONDITIONS);

/** One line per thing in the fail-on set that happened; empty means exit 0. */
export function failOnReasons(report: Report, conditions: readonly FailOnCondition[]): string[] {
  const reasons: string[] = [];
  const controls = (predicate: (c: Report['controls'][number]) => boolean): string[] =>
    report.controls.filter(predicate).map((c) => `${c.id} (owner: ${c.owner})`);
  const add = (condition: FailOnCondition, items: string[], label: string): void => {
    if (conditions.includes(condition) && items.length > 0) reasons.push(`${label}: ${items.join(', ')}`);
  };
  add('ineffective', controls((c) => c.works === 'ineffective'), 'ineffective controls');
  add('paper-only', controls((c) => c.assurance === 'paper-only'), 'paper-only controls');
  add('error', controls((c) => c.tests.some((t) => t.status === 'error')), 'controls with tests in error');
  add('vacuous', controls((c) => c.tests.some((t) => t.status === 'vacuous')), 'controls with vacuous tests');
  const tests = report.controls.flatMap((c) => c.tests);
  if (conditions.includes('vacuous') && !tests.some((t) => t.examined > 0 || t.status === 'error')) reasons.push('the run examined nothing: no test of the selected controls examined a resource');
  add('stale-evidence', controls((c) => c.exists === 'stale'), 'controls with stale evidence');
  add('missing-evidence', controls((c) => c.exists === 'missing'), 'controls with missing evidence');
  add('unplanned-divergence', controls((c) => c.action_flags?.includes('unplanned-divergence') === true), 'divergent controls with no corrective action planned');
  add('overdue-actions', controls((c) => c.action_flags?.includes('overdue-actions') === true), 'controls with corrective actions overdue');
  const exceptionConditions = [
    ...(conditions.includes('expired-exceptions') ? (['expired'] as const) : []),
    ...(conditions.includes('expiring-exceptions') ? (['expiring'] as const) : []),
  ];
  reasons.push(...exceptionFailReasons(report.exceptions, report.warn_days, exceptionConditions));
  return reasons;
}

/**
 * One line per exception in the fail-on set, naming it, its owner and how long it is overdue (or how soon it
 * ends); empty means exit 0. Expiring counts by date, so an unused exception that ends soon counts too.
 */
export function exceptionFailReasons(exceptions: readonly ExceptionResult[], warnDays: number, conditions: readonly ExceptionFailOnCondition[]): string[] {
  return exceptions.flatMap((exception) => {
    const who = `exception ${exception.id} (control ${exception.control}, owner: ${exception.owner})`;
    const left = exception.days_to_expiry;
    if (conditions.includes('expired') && left < 0) return [`${who} expired on ${exception.expires}, ${-left} day(s) overdue`];
    if (conditions.includes('expiring') && isExpiringSoon(left, warnDays)) return [`${who} expires on ${exception.expires}, in ${left} day(s)`];
    return [];
  });
}
