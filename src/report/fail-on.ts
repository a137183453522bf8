import { UserError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import { exceptionFailReasons } from './exceptions-fail-on.js';
import type { Report } from './model.js';

export const FAIL_ON_CONDITIONS = [
  'ineffective',
  'paper-only',
  'error',
  'stale-evidence',
  'missing-evidence',
  'expired-exceptions',
  'expiring-exceptions',
  'vacuous',
] as const;

export type FailOnCondition = (typeof FAIL_ON_CONDITIONS)[number];

export const DEFAULT_FAIL_ON = 'ineffective,expired-exceptions';

/** Parses `--fail-on`: a comma list of conditions, or `none`. */
export function parseFailOn(text: string): FailOnCondition[] {
  const items = text.split(',').map((item) => item.trim()).filter(Boolean);
  if (items.length === 1 && items[0] === 'none') return [];
  return items.map((item) => {
    const condition = FAIL_ON_CONDITIONS.find((known) => known === item);
    if (!condition) {
      throw new UserError(`Unknown --fail-on condition "${item}"`, {
        hint: didYouMean(item, [...FAIL_ON_CONDITIONS, 'none'], `Use a comma list of: ${FAIL_ON_CONDITIONS.join(', ')}, or none.`),
      });
    }
    return condition;
  });
}

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
  add('stale-evidence', controls((c) => c.exists === 'stale'), 'controls with stale evidence');
  add('missing-evidence', controls((c) => c.exists === 'missing'), 'controls with missing evidence');
  const exceptionConditions = [
    ...(conditions.includes('expired-exceptions') ? (['expired'] as const) : []),
    ...(conditions.includes('expiring-exceptions') ? (['expiring'] as const) : []),
  ];
  reasons.push(...exceptionFailReasons(report.exceptions, report.warn_days, exceptionConditions));
  return reasons;
}
