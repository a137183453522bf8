import { describe, expect, it } from 'vitest';
import { exceptionsViewSchema, type ExceptionsView } from '../../../src/report/exceptions-view.js';
import { daysText } from '../../../src/formatters/exceptions/columns.js';
import json from '../../../src/formatters/exceptions/json.js';
import markdown from '../../../src/formatters/exceptions/markdown.js';
import table from '../../../src/formatters/exceptions/table.js';

const exceptionsJson = (input: ExceptionsView): string => json.format(input, { color: false });
const exceptionsMarkdown = (input: ExceptionsView): string => markdown.format(input, { color: false });
const exceptionsTable = (input: ExceptionsView, options: { color: boolean; width?: number }): string => table.format(input, options);
import type { ExceptionResult } from '../../../src/report/model.js';

function exception(overrides: Partial<ExceptionResult>): ExceptionResult {
  return {
    id: 'EX-1',
    control: 'IAM-02',
    status: 'active',
    risk: 'high',
    owner: 'ops@example.com',
    approved_by: 'ciso@example.com',
    approved: '2026-10-01',
    expires: '2026-12-31',
    reason: 'token on order',
    file: 'controls.yaml',
    age_days: 31,
    days_to_expiry: 60,
    matched: ['arn:aws:iam::210987654321:user/carol'],
    ...overrides,
  };
}

const view: ExceptionsView = exceptionsViewSchema.parse({
  schema: 'controlproof/exceptions@1',
  catalog: { path: 'controls.yaml', name: 'Acme | Security', sha256: 'ab'.repeat(32) },
  as_of: '2026-11-01T00:00:00.000Z',
  warn_days: 30,
  ran_tests: true,
  summary: {
    exceptions: { active: 1, expiring: 0, expired: 1, unused: 0 },
    exception_tiers: [
      { risk: 'high', count: 1, median_age_days: 31, oldest_age_days: 31, expired: 0, expiring: 0, active: 1, unused: 0 },
      { risk: 'low', count: 1, median_age_days: 400, oldest_age_days: 400, expired: 1, expiring: 0, active: 0, unused: 0 },
    ],
  },
  exceptions: [
    exception({}),
    exception({ id: 'EX-2', status: 'expired', risk: 'low', owner: 'a|b@example.com', age_days: 400, days_to_expiry: -5, expires: '2026-10-27' }),
  ],
  warnings: [],
});

describe('daysText', () => {
  it('says days left, 0 on the last day, and days overdue once expired', () => {
    expect([60, 0, -1].map((days) => daysText({ days_to_expiry: days }))).toEqual(['60 left', '0 left', '1 overdue']);
  });
});

describe('exceptionsTable', () => {
  it('lists the most overdue first, with the tier table after', () => {
    expect(exceptionsTable(view, { color: false })).toBe(
      [
        'Exceptions of Acme | Security (controls.yaml)',
        "as of 2026-11-01 · expiring within 30 days · statuses from this run's findings",
        '',
        '2 exceptions  1 active · 0 expiring · 1 expired · 0 unused',
        '  id    control  status   owner            risk  approved    expires          days  matched',
        '  EX-2  IAM-02   expired  a|b@example.com  low   2026-10-01  2026-10-27  5 overdue        1',
        '  EX-1  IAM-02   active   ops@example.com  high  2026-10-01  2026-12-31    60 left        1',
        '',
        'Exception age by risk (days since approval)',
        '  risk  count  median age  oldest age  expired  expiring',
        '  high      1         31d         31d        0         0',
        '  low       1        400d        400d        1         0',
        '',
      ].join('\n'),
    );
  });

  it('without test results, leaves unused out of the counts and shows matched as unknown', () => {
    const lines = exceptionsTable({ ...view, ran_tests: false }, { color: false }).split('\n');
    // At 80 columns the header's last part goes to a line of its own.
    expect(lines.slice(1, 3)).toEqual(['as of 2026-11-01 · expiring within 30 days', '  dates only (--no-data): unused exceptions are not detected']);
    expect(lines[4]).toBe('2 exceptions  1 active · 0 expiring · 1 expired');
    expect(lines[6]?.endsWith('5 overdue        –')).toBe(true);
  });

  it('says so when there are no exceptions, and lists warnings', () => {
    const empty = { ...view, exceptions: [], warnings: [{ message: 'controls.yaml:9:3: something', hint: 'fix it' }] };
    expect(exceptionsTable(empty, { color: false }).split('\n').slice(3)).toEqual([
      'No exceptions.',
      '',
      'Warnings (1)',
      '  ! controls.yaml:9:3: something',
      '    fix it',
      '',
    ]);
  });

  it('wraps its warnings at the width, 80 columns by default, keeping the tables whole', () => {
    const long = { ...view, warnings: [{ message: `controls.yaml:9:3: ${'word '.repeat(20)}end`, hint: `${'hint '.repeat(20)}end` }] };
    const at = (width?: number): string[] => exceptionsTable(long, { color: false, ...(width === undefined ? {} : { width }) }).split('\n');
    const warnings = (lines: string[]): string[] => lines.slice(lines.indexOf('Warnings (1)') + 1, -1);
    expect(warnings(at())).toEqual([
      `  ! controls.yaml:9:3: ${'word '.repeat(10)}word`,
      `    ${'word '.repeat(9)}end`,
      `    ${'hint '.repeat(14)}hint`,
      `      ${'hint '.repeat(5)}end`,
    ]);
    expect(warnings(at(140))).toEqual([`  ! controls.yaml:9:3: ${'word '.repeat(20)}end`, `    ${'hint '.repeat(20)}end`]);
    const list = (lines: string[]): string[] => lines.filter((line) => line.startsWith('  EX-'));
    expect(list(at(40))).toEqual(list(at(140)));
  });

  it('colours expired red only when asked', () => {
    expect(exceptionsTable(view, { color: true })).toContain('\u001b[31mexpired\u001b[39m');
    expect(exceptionsTable(view, { color: false })).not.toContain('\u001b[');
  });
});

describe('exceptionsMarkdown', () => {
  it('renders tables with pipes in cells escaped', () => {
    const markdown = exceptionsMarkdown(view);
    expect(markdown.split('\n').slice(0, 11)).toEqual([
      '# Exceptions: Acme \\| Security',
      '',
      "Catalog `controls.yaml` · as of 2026-11-01 · expiring within 30 days · statuses from this run's findings",
      '',
      '**2 exceptions:** 1 active · 0 expiring · 1 expired · 0 unused',
      '',
      '| id | control | status | owner | risk | approved | expires | days | matched |',
      '| --- | --- | --- | --- | --- | --- | --- | ---: | ---: |',
      '| EX-2 | IAM-02 | expired | a\\|b@example.com | low | 2026-10-01 | 2026-10-27 | 5 overdue | 1 |',
      '| EX-1 | IAM-02 | active | ops@example.com | high | 2026-10-01 | 2026-12-31 | 60 left | 1 |',
      '',
    ]);
  });
});

describe('exceptionsJson', () => {
  it('is the whole view, valid against its schema', () => {
    expect(exceptionsViewSchema.parse(JSON.parse(exceptionsJson(view)))).toEqual(view);
  });
});
