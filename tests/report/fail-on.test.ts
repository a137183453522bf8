import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { exceptionFailReasons, parseExceptionFailOn } from '../../src/report/fail-on.js';
import type { ExceptionResult } from '../../src/report/model.js';

function exception(id: string, status: ExceptionResult['status'], daysToExpiry: number): ExceptionResult {
  return {
    id,
    control: 'IAM-03',
    status,
    risk: 'high',
    owner: 'data-platform@example.com',
    approved_by: 'ciso@example.com',
    approved: '2026-01-01',
    expires: '2026-09-30',
    reason: 'legacy job',
    file: 'controls.yaml',
    age_days: 100,
    days_to_expiry: daysToExpiry,
    matched: [],
  };
}

const exceptions = [
  exception('EX-OLD', 'expired', -32),
  exception('EX-LAST-DAY', 'expiring', 0),
  exception('EX-SOON-UNUSED', 'unused', 10),
  exception('EX-LATER', 'active', 31),
];

describe('parseExceptionFailOn', () => {
  it('takes expired, expiring, both, or none', () => {
    expect(parseExceptionFailOn('expired')).toEqual(['expired']);
    expect(parseExceptionFailOn('expired, expiring')).toEqual(['expired', 'expiring']);
    expect(parseExceptionFailOn('none')).toEqual([]);
  });

  it('rejects run\'s condition names with a suggestion', () => {
    expect(() => parseExceptionFailOn('expired-exceptions')).toThrow(UserError);
    expect(() => parseExceptionFailOn('expird')).toThrow('Unknown --fail-on condition "expird": expected a comma list of expired, expiring, or none');
  });
});

describe('exceptionFailReasons', () => {
  it('names each expired exception, its owner and how long it is overdue', () => {
    expect(exceptionFailReasons(exceptions, 30, ['expired'])).toEqual([
      'exception EX-OLD (control IAM-03, owner: data-platform@example.com) expired on 2026-09-30, 32 day(s) overdue',
    ]);
  });

  it('with expiring, adds every exception ending within the window by date, the last day and unused ones included', () => {
    expect(exceptionFailReasons(exceptions, 30, ['expired', 'expiring']).map((reason) => reason.split(' ')[1])).toEqual([
      'EX-OLD',
      'EX-LAST-DAY',
      'EX-SOON-UNUSED',
    ]);
    expect(exceptionFailReasons(exceptions, 30, ['expiring'])[0]).toBe(
      'exception EX-LAST-DAY (control IAM-03, owner: data-platform@example.com) expires on 2026-09-30, in 0 day(s)',
    );
  });

  it('is empty for none', () => {
    expect(exceptionFailReasons(exceptions, 30, [])).toEqual([]);
  });
});
